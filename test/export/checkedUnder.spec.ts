import { describe, expect, test } from 'vitest';
import { checkedUnder } from '../../src/export/checkedUnder.js';
import { deadlockTrace, livelockTrace } from './traces.js';

describe('what a trace was checked under', () => {
  test("splits the knobs away from their defaults into the preset's and the overrides", () => {
    const under = checkedUnder(livelockTrace());
    expect(under.presetKnobs).toEqual(['reaper=slot', 'reaperClearsMemdie=after-reap']);
    expect(under.overrides).toEqual(['exitTakesMmapSem=false']);
    expect(under.presetTitle.startsWith('first OOM reaper (mmotm, early 2016)')).toBe(true);
    expect(under.propertyMeaning).toBe('every task in the allocator slow path eventually leaves it or exits');
    expect(under.fairness).toBe('strong (every task and the reaper that can run does run, and no task waits forever for a lock that keeps being released)');
  });

  test('a safety trace has no fairness', () => {
    expect(checkedUnder(deadlockTrace()).fairness).toBeUndefined();
  });
});
