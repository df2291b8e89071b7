import { describe, expect, test } from 'vitest';
import { layoutOf } from '../../../src/kernel/layout.js';
import { loadScenarioText } from '../../../src/kernel/load/loadScenario.js';
import { header, problemsOf } from './helpers.js';

/** Process `victim` (from line 6) with `fields` after `pages: 8` (from line 8), one thread T1 that exits, then `after`. */
const victim = (fields: readonly string[], after: readonly string[] = []): string[] => [
  ...header,
  'processes:',
  '  - name: victim',
  '    pages: 8',
  ...fields.map((f) => `    ${f}`),
  '    threads: [{ name: T1, program: [{ op: exit }] }]',
  ...after,
];

describe('unreapable: the pages of an mm the OOM reaper skips', () => {
  test('0..pages on a process with an mm of its own; left out, it is absent from the scenario (0 in the layout)', () => {
    expect(loadScenarioText(victim(['unreapable: 6']).join('\n'), 's.yaml').processes[0]).toEqual({
      name: 'victim',
      pages: 8,
      unreapable: 6,
      threads: [{ name: 'T1', program: [{ op: 'exit' }] }],
    });
    expect(problemsOf(victim(['unreapable: 8']))).toEqual([]);
    expect(problemsOf(victim(['unreapable: 0']))).toEqual([]);
    const plain = loadScenarioText(victim([]).join('\n'), 's.yaml');
    expect(plain.processes[0]).not.toHaveProperty('unreapable');
    expect(layoutOf(plain).mms.map((mm) => [mm.pages, mm.unreapable])).toEqual([[8, 0]]);
    expect(layoutOf(loadScenarioText(victim(['unreapable: 6']).join('\n'), 's.yaml')).mms.map((mm) => [mm.pages, mm.unreapable])).toEqual([[8, 6]]);
  });

  test('more than its pages, negative, not an integer: file, line, YAML path and cause', () => {
    expect(problemsOf(victim(['unreapable: 9']))).toEqual([
      "s.yaml:8:17: at processes[0].unreapable: unreapable (9) is more than the process's pages (8): the pages the reaper skips are some of its pages",
    ]);
    expect(problemsOf(victim(['unreapable: -1']))).toEqual(['s.yaml:8:17: at processes[0].unreapable: expected an integer ≥ 0, got -1']);
    expect(problemsOf(victim(['unreapable: two']))).toEqual(['s.yaml:8:17: at processes[0].unreapable: expected an integer ≥ 0, got "two"']);
  });

  test("a process that shares another's mm has no pages, so no unreapable ones: give them on the owner", () => {
    const sharer = ['  - name: helper', '    mm: victim', '    unreapable: 2', '    threads: [{ name: S, program: [{ op: exit }] }]'];
    expect(problemsOf(victim([], sharer))).toEqual([
      "s.yaml:11:17: at processes[1].unreapable: a process that shares another's mm has no pages of its own, so none the reaper skips: give unreapable on 'victim'",
    ]);
  });
});
