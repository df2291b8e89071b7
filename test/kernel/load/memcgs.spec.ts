import { describe, expect, test } from 'vitest';
import { header, problemsOf } from './helpers.js';

/** Thread T1 of a process, valid on its own. */
const t1 = '    threads: [{ name: T1, program: [{ op: exit }] }]';

describe('memcgs', () => {
  test('declarations: fields, types, unique names without "."; unknown fields with a guess', () => {
    const lines = [
      ...header,
      'memcgs:',
      '  - { name: grp, limit: 4, oomKillDisable: yes, maxOvercharge: -1 }', // 6
      '  - { name: grp, limit: 1.5 }', // 7
      '  - { name: a.b, limit: 0, oomKilDisable: true }', // 8
      '  - { name: " ", limit: 1 }', // 9
      '  - { limit: 1 }', // 10
      'processes:',
      '  - name: victim',
      '    pages: 1',
      t1,
    ];
    expect(problemsOf(lines)).toEqual([
      's.yaml:6:44: at memcgs[0].oomKillDisable: expected true or false, got "yes"',
      's.yaml:6:64: at memcgs[0].maxOvercharge: expected an integer ≥ 0, got -1',
      "s.yaml:7:13: at memcgs[1].name: duplicate memcg name 'grp' (also at memcgs[0].name)",
      's.yaml:7:25: at memcgs[1].limit: expected an integer ≥ 0, got 1.5',
      "s.yaml:8:13: at memcgs[2].name: a memcg name cannot contain '.' ('a.b')",
      "s.yaml:8:28: at memcgs[2].oomKilDisable: unknown field 'oomKilDisable'; did you mean 'oomKillDisable'?",
      's.yaml:9:13: at memcgs[3].name: expected a non-empty string, got an empty one',
      "s.yaml:10:5: at memcgs[4]: missing required field 'name'",
    ]);
    expect(problemsOf([...header, 'memcgs: { name: grp }', 'processes:', '  - name: victim', '    pages: 1', t1])).toEqual([
      's.yaml:5:9: at memcgs: expected a list of memcgs ({ name, limit }), got a mapping',
    ]);
  });

  test('a process memcg must be declared, with a guess for a typo; without memcgs, none is', () => {
    const declared = [...header, 'memcgs: [{ name: grp, limit: 8 }]', 'processes:', '  - name: victim', '    memcg: gpr', '    pages: 1', t1];
    expect(problemsOf(declared)).toEqual(["s.yaml:8:12: at processes[0].memcg: no memcg named 'gpr' is declared in memcgs; did you mean 'grp'?"]);
    const undeclared = [...header, 'processes:', '  - name: victim', '    memcg: grp', '    pages: 1', t1];
    expect(problemsOf(undeclared)).toEqual(["s.yaml:7:12: at processes[0].memcg: no memcg named 'grp': no memcgs are declared (add a top-level memcgs list)"]);
    const empty = [...header, 'memcgs: []', 'processes:', '  - name: victim', '    memcg: ""', '    pages: 1', t1];
    expect(problemsOf(empty)).toEqual(['s.yaml:8:12: at processes[0].memcg: expected a non-empty string, got an empty one']);
    empty[7] = '    memcg: grp';
    expect(problemsOf(empty)).toEqual(["s.yaml:8:12: at processes[0].memcg: no memcg named 'grp' is declared in memcgs; none are declared"]);
  });

  test('the starting usage (pages of its processes) must not exceed the limit: reported at the limit', () => {
    const lines = [
      ...header,
      'memcgs:',
      '  - { name: grp, limit: 4 }', // 6
      '  - { name: big, limit: 9 }', // 7
      'processes:',
      '  - { name: victim, memcg: grp, pages: 4, threads: [{ name: T1, program: [] }] }',
      '  - { name: idle, memcg: grp, pages: 0, threads: [{ name: T2, program: [] }] }',
      '  - { name: writer, memcg: grp, pages: 2, threads: [{ name: T3, program: [] }] }',
      '  - { name: other, memcg: big, pages: 9, threads: [{ name: T4, program: [] }] }',
    ];
    expect(problemsOf(lines)).toEqual(['s.yaml:6:25: at memcgs[0].limit: limit 4 is below the starting usage 6 (pages of victim, writer)']);
    lines[10] = '  - { name: writer, pages: 2, threads: [{ name: T3, program: [] }] }';
    expect(problemsOf(lines)).toEqual([]);
  });
});
