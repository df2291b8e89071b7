import { describe, expect, test } from 'vitest';
import { knobsAbsentFrom } from '../../../src/export/readHeader.js';
import { TRACE_SCHEMA_VERSION } from '../../../src/export/traceDocument.js';
import { knobAccepts } from '../../../src/kernel/design/knob.js';
import { defaultKnobs, knobSpecs } from '../../../src/kernel/design/knobs/index.js';

describe('the knob declarations', () => {
  test('38 knobs with distinct names, each default among its values', () => {
    expect(knobSpecs).toHaveLength(38);
    expect(new Set(knobSpecs.map((k) => k.name)).size).toBe(38);
    for (const k of knobSpecs) expect([k.name, knobAccepts(k, k.defaultValue)]).toEqual([k.name, true]);
    expect(Object.keys(defaultKnobs())).toEqual(knobSpecs.map((k) => k.name));
  });

  const newIn3 = ['memcgOomSkipsDying', 'dyingCurrentShortcut', 'killSharers', 'sharedUnkillableMm', 'vforkSkip', 'shortcutNeedsSharersDying', 'nofsCallsOutOfMemory', 'oomReserves'];
  test('the knobs a trace version lacks come from sinceTraceVersion: 7 new in version 2, 8 in version 3, 3 in version 4, 1 in version 5, none missing from the current one', () => {
    expect(knobsAbsentFrom(1)).toEqual([
      'memcgOomContext',
      'memcgOomDisabled',
      'memcgNoVictim',
      'memcgDyingCharge',
      'nofailForcesOom',
      'nofailUsesReserves',
      'tetsuoGfpFlags',
      ...newIn3,
      'memcgOomLock',
      'exitMmap',
      'oomLockHolderSleeps',
      'selectTieBreak',
    ]);
    expect(knobsAbsentFrom(2)).toEqual([...newIn3, 'memcgOomLock', 'exitMmap', 'oomLockHolderSleeps', 'selectTieBreak']);
    expect(knobsAbsentFrom(3)).toEqual(['memcgOomLock', 'exitMmap', 'oomLockHolderSleeps', 'selectTieBreak']);
    expect(knobsAbsentFrom(4)).toEqual(['selectTieBreak']);
    expect(knobsAbsentFrom(TRACE_SCHEMA_VERSION)).toEqual([]);
    for (const k of knobSpecs) expect(k.sinceTraceVersion ?? 1).toBeLessThanOrEqual(TRACE_SCHEMA_VERSION);
  });
});
