import { describe, expect, test } from 'vitest';
import { exit, scenario } from '../../../src/kernel/builder.js';
import { loadScenarioText } from '../../../src/kernel/load/loadScenario.js';
import { problemsOf, victimWith } from './helpers.js';

/** A valid scenario (lines 1–11: mutex i_mutex, process victim with thread T1) followed by `lines` from line 12 on. */
const withTail = (lines: readonly string[]): string[] => victimWith(['      - name: T1', '        program:', '          - { op: exit }'], lines);

describe('reach queries in a scenario', () => {
  test('a query list loads as written', () => {
    const lines = withTail([
      'designs: [{ preset: reaper-slot }, { preset: mmf-oom-skip }]',
      'reach:',
      '  - { name: victim, condition: "T1 has TIF_MEMDIE", expect: reachable }',
      '  - name: skip',
      '    condition: mm victim has MMF_OOM_SKIP',
      '    expect: { reaper-slot: unreachable, mmf-oom-skip: reachable }',
      '  - { name: plain, condition: "free == 0" }',
    ]);
    expect(loadScenarioText(lines.join('\n'), 's.yaml').reach).toEqual([
      { name: 'victim', condition: 'T1 has TIF_MEMDIE', expect: 'reachable' },
      { name: 'skip', condition: 'mm victim has MMF_OOM_SKIP', expect: { 'reaper-slot': 'unreachable', 'mmf-oom-skip': 'reachable' } },
      { name: 'plain', condition: 'free == 0' },
    ]);
  });

  test('mistakes in a condition: at the condition, with the column in it and a did-you-mean', () => {
    const lines = withTail([
      'reach:',
      '  - { name: a, condition: "T9 has TIF_MEMDIE" }', // 13
      '  - { name: b, condition: "T1 holds i_mutx" }',
      '  - { name: c, condition: "mm victim has MMF_OOM_SKP" }',
      '  - { name: d, condition: "memcg A usage > 1" }',
      '  - { name: e, condition: "(free == 0" }',
    ]);
    expect(problemsOf(lines)).toEqual([
      "s.yaml:13:27: at reach[0].condition: column 1 of the condition: 'T9' is no task or lock of the scenario nor a word of a condition here; did you mean 'T1'?",
      "s.yaml:14:27: at reach[1].condition: column 10 of the condition: no lock named 'i_mutx'; did you mean 'i_mutex'?",
      "s.yaml:15:27: at reach[2].condition: column 15 of the condition: unexpected 'MMF_OOM_SKP': expected 'MMF_OOM_SKIP', 'MMF_OOM_REAPED' or 'MMF_OOM_KILLED'; did you mean 'MMF_OOM_SKIP'?",
      "s.yaml:16:27: at reach[3].condition: column 7 of the condition: no memcg named 'A'; none are declared",
      "s.yaml:17:27: at reach[4].condition: column 11 of the condition: the '(' at column 1 is not closed",
    ]);
  });

  test('fields, names, answers and designs are checked like the rest of the file', () => {
    const lines = withTail([
      'designs: [{ preset: reaper-slot }]',
      'reach:',
      '  - { name: a, condition: "free == 0", expect: reachabel }', // 14
      '  - { name: a, condition: "free == 1", expct: reachable }',
      '  - { name: c, condition: "free == 2", expect: { mmf-oom-skip: reachable } }',
      '  - { condition: 3 }',
    ]);
    expect(problemsOf(lines)).toEqual([
      's.yaml:14:48: at reach[0].expect: expected reachable or unreachable, got "reachabel"; did you mean \'reachable\'?',
      "s.yaml:15:13: at reach[1].name: duplicate reach query name 'a' (also at reach[0].name)",
      "s.yaml:15:40: at reach[1].expct: unknown field 'expct'; did you mean 'expect'?",
      's.yaml:16:50: at reach[2].expect["mmf-oom-skip"]: design \'mmf-oom-skip\' is not checked by this scenario; expected one of reaper-slot',
      "s.yaml:17:5: at reach[3]: missing required field 'name'",
      's.yaml:17:18: at reach[3].condition: expected a non-empty string, got 3',
    ]);
    expect(problemsOf(withTail(['reach: []']))).toEqual(['s.yaml:12:8: at reach: expected a non-empty list of reach queries ({ name, condition, expect }), got an empty list']);
  });
});

describe('reach queries from the builder', () => {
  test('validated as in a file: a bad condition is reported at its path, without a line', () => {
    const base = scenario('b')
      .describe('d')
      .memory({ free: 0, reserves: 0 })
      .process('victim', { pages: 1 }, (p) => p.thread('T1', [exit()]));
    expect(base.reach('q', 'T1 has exited', 'reachable').build().reach).toEqual([{ name: 'q', condition: 'T1 has exited', expect: 'reachable' }]);
    expect(() => base.reach('q', 'T2 has exited').build()).toThrow(
      "<builder>: at reach[0].condition: column 1 of the condition: 'T2' is no task or lock of the scenario nor a word of a condition here; did you mean 'T1'?",
    );
  });
});
