import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { uncheckedLines } from '../../src/cli/uncheckedLine.js';
import { loadScenarioFile } from '../../src/kernel/index.js';
import { run } from './runCapture.js';

describe('what a scenario’s own property list leaves unchecked is said under the table', () => {
  test('memcg-write-truncate lists five properties: the other four are named', () => {
    expect(uncheckedLines([loadScenarioFile('scenarios/memcg-write-truncate.yaml')])).toEqual([
      '',
      'Not checked, because the scenario lists its properties (--property NAME checks one):',
      '  memcg-write-truncate: no-needless-kill, no-panic, no-reaper-lockup, no-kill-after-race',
    ]);
  });

  test('with --property nothing is said: the user chose', () => {
    const r = run('check', 'memcg-write-truncate', '--property', 'no-needless-kill', '--quiet', '--format', 'md', '--out', mkdtempSync(join(tmpdir(), 'oomcheck-unchecked-')));
    // 12: no-needless-kill, which the scenario expects nothing of, is violated under memcg-charge-path (8 steps).
    expect([
      r.code,
      r.out.includes('Not checked'),
      r.out
        .split('\n')
        .find((l) => l.includes('memcg-charge-path'))
        ?.trim()
        .split(/\s+/)
        .slice(-2),
    ]).toEqual([12, false, ['violated', '8']]);
  });
});
