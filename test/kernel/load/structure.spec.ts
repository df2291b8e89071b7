import { describe, expect, test } from 'vitest';
import { header, problemsOf, victimWith } from './helpers.js';

/** Thread T1 (lines 9–11) that is valid on its own. */
const t1 = ['      - name: T1', '        program:', '          - { op: exit }'];

describe('scenario structure', () => {
  test("the helpers' base scenario is valid", () => {
    expect(problemsOf(victimWith(t1))).toEqual([]);
  });

  test('required fields: each missing one is reported at the mapping that lacks it', () => {
    const lines = ['name: s', 'locks: []', 'processes:', '  - name: victim', '    threads:', ...t1.map((l) => l.slice(2))];
    expect(problemsOf(lines)).toEqual([
      "s.yaml:1:1: missing required field 'description'",
      "s.yaml:1:1: missing required field 'memory'",
      "s.yaml:4:5: at processes[0]: missing required field 'pages'",
    ]);
  });

  test('types: a string where an integer belongs, a number where a string belongs, a list where a mapping belongs', () => {
    const lines = ['name: 3', 'description: d', 'locks: []', 'memory: [0, 1]', 'processes:', '  - name: victim', '    pages: "8"', '    threads:', ...t1];
    expect(problemsOf(lines)).toEqual([
      's.yaml:1:7: at name: expected a non-empty string, got 3',
      's.yaml:4:9: at memory: expected a mapping { free, reserves }, got a list',
      's.yaml:7:12: at processes[0].pages: expected an integer ≥ 0, got "8"',
    ]);
  });

  test('pages, free and reserves are integers ≥ 0', () => {
    const lines = [...header.slice(0, 3), 'memory: { free: 1.5, reserves: -2 }', 'processes:', '  - name: victim', '    pages: -1', '    threads:', ...t1];
    expect(problemsOf(lines)).toEqual([
      's.yaml:4:17: at memory.free: expected an integer ≥ 0, got 1.5',
      's.yaml:4:32: at memory.reserves: expected an integer ≥ 0, got -2',
      's.yaml:7:12: at processes[0].pages: expected an integer ≥ 0, got -1',
    ]);
  });

  test('oomScoreAdj is in -1000..1000', () => {
    const lines = victimWith(t1);
    lines.splice(7, 0, '    oomScoreAdj: -1001');
    expect(problemsOf(lines)).toEqual(['s.yaml:8:18: at processes[0].oomScoreAdj: expected an integer in -1000..1000, got -1001']);
  });

  test('unknown fields are reported at their key, with a guess for a typo', () => {
    const lines = victimWith(t1, ['foo: 1']);
    lines[6] = '    pgaes: 8';
    expect(problemsOf(lines)).toEqual([
      "s.yaml:6:5: at processes[0]: missing required field 'pages'",
      "s.yaml:7:5: at processes[0].pgaes: unknown field 'pgaes'; did you mean 'pages'?",
      "s.yaml:12:1: at foo: unknown field 'foo'; expected one of name, description, processes, locks, memory, source, memcgs, designs, properties, expect, reach, cpus",
    ]);
  });

  test('unknown op names, with a guess', () => {
    const lines = victimWith(['      - name: T1', '        program:', '          - { op: mutex_lok, lock: i_mutex }', '          - { op: 7 }', '          - {}']);
    expect(problemsOf(lines)).toEqual([
      "s.yaml:11:19: at processes[0].threads[0].program[0].op: unknown op 'mutex_lok'; did you mean 'mutex_lock'?",
      's.yaml:12:19: at processes[0].threads[0].program[1].op: unknown op 7; expected one of mutex_lock, mutex_unlock, down_read, up_read, down_write, up_write, alloc, exit, wait_oom_event, kill, set_limit, exit_mm',
      "s.yaml:13:13: at processes[0].threads[0].program[2]: missing required field 'op'",
    ]);
  });

  test('op fields: a lock for lock ops, pages ≥ 1 for alloc, nothing for exit', () => {
    const lines = victimWith([
      '      - name: T1',
      '        program:',
      '          - { op: mutex_lock }',
      '          - { op: alloc, pages: 0 }',
      '          - { op: alloc, lock: i_mutex, pages: 1 }',
      '          - { op: mutex_unlock, lock: "" }',
      '          - { op: exit, pages: 1 }',
    ]);
    expect(problemsOf(lines)).toEqual([
      "s.yaml:11:13: at processes[0].threads[0].program[0]: missing required field 'lock' (mutex_lock takes a lock)",
      's.yaml:12:33: at processes[0].threads[0].program[1].pages: expected an integer ≥ 1, got 0',
      "s.yaml:13:26: at processes[0].threads[0].program[2].lock: field 'lock' does not apply to alloc (it takes 'pages'; optionally 'gfp' and 'context')",
      's.yaml:14:39: at processes[0].threads[0].program[3].lock: expected a non-empty string, got an empty one',
      "s.yaml:15:25: at processes[0].threads[0].program[4].pages: field 'pages' does not apply to exit (it takes no operand)",
    ]);
  });

  test('names are non-empty; thread names are unique across the scenario, process names unique and without "."', () => {
    const lines = [
      ...header,
      'processes:',
      '  - name: victim', // 6
      '    pages: 8',
      '    threads:',
      '      - { name: T1, program: [] }', // 9
      '      - { name: " ", program: [] }', // 10
      '  - name: victim', // 11
      '    pages: 1',
      '    threads: [{ name: T1, program: [] }]', // 13
      '  - name: a.b', // 14
      '    pages: 1',
      '    threads: [{ name: T2, program: [] }]',
    ];
    expect(problemsOf(lines)).toEqual([
      's.yaml:10:17: at processes[0].threads[1].name: expected a non-empty string, got an empty one',
      "s.yaml:11:11: at processes[1].name: duplicate process name 'victim' (also at processes[0].name)",
      "s.yaml:13:23: at processes[1].threads[0].name: duplicate thread name 'T1' (also at processes[0].threads[0].name)",
      "s.yaml:14:11: at processes[2].name: a process name cannot contain '.' ('a.b'): '<process>.mmap_sem' names its mmap_sem",
    ]);
  });

  test('lock names are unique and not mmap_sem, oom_lock or <process>.mmap_sem; kind is mutex', () => {
    const lines = victimWith(t1);
    lines[2] = 'locks: [{ name: i_mutex, kind: mutex }, { name: i_mutex, kind: mutex }, { name: oom_lock, kind: mutex }, { name: victim.mmap_sem, kind: rwsem }]';
    expect(problemsOf(lines)).toEqual([
      "s.yaml:3:49: at locks[1].name: duplicate lock name 'i_mutex' (also at locks[0].name)",
      "s.yaml:3:81: at locks[2].name: 'oom_lock' is reserved: mmap_sem (each process's, as <process>.mmap_sem) and oom_lock are implicit",
      "s.yaml:3:114: at locks[3].name: 'victim.mmap_sem' is reserved: mmap_sem (each process's, as <process>.mmap_sem) and oom_lock are implicit",
      's.yaml:3:137: at locks[3].kind: expected mutex, got "rwsem"',
    ]);
  });

  test('a scenario needs a process, a process a thread', () => {
    expect(problemsOf([...header, 'processes: []'])).toEqual(['s.yaml:5:12: at processes: expected a non-empty list of processes, got an empty list']);
    expect(problemsOf([...header, 'processes: [{ name: p, pages: 1, threads: [] }]'])).toEqual(['s.yaml:5:43: at processes[0].threads: expected a non-empty list of threads, got an empty list']);
  });

  test('duplicate keys are problems, in YAML and in JSON', () => {
    const lines = victimWith(t1);
    lines.splice(7, 0, '    pages: 9');
    expect(problemsOf(lines)).toEqual(["s.yaml:8:5: at processes[0].pages: duplicate key 'pages' (first on line 7)"]);
    const json = [
      '{"name": "s", "description": "d", "locks": [], "memory": {"free": 0, "reserves": 0},',
      ' "processes": [{"name": "p", "pages": 1, "threads": [{"name": "T", "program": []}]}],',
      ' "name": "t"}',
    ];
    expect(problemsOf(json, 's.json')).toEqual(["s.json:3:2: at name: duplicate key 'name' (first on line 1)"]);
  });

  test('start: fields and types; memdie implies fatalSignal', () => {
    const lines = victimWith([...t1, '        start: { pc: -1, fatalSignal: 1, holds: [{ lock: i_mutex }], cp: 0 }']);
    expect(problemsOf(lines)).toEqual([
      's.yaml:12:22: at processes[0].threads[0].start.pc: expected an integer in 0..1 (the program has 1 operation), got -1',
      's.yaml:12:39: at processes[0].threads[0].start.fatalSignal: expected true or false, got 1',
      "s.yaml:12:50: at processes[0].threads[0].start.holds[0]: missing required field 'mode'",
      "s.yaml:12:70: at processes[0].threads[0].start.cp: unknown field 'cp'; did you mean 'pc'?",
    ]);
    const memdie = victimWith([...t1, '        start: { memdie: true, fatalSignal: false }']);
    expect(problemsOf(memdie)).toEqual([
      's.yaml:12:45: at processes[0].threads[0].start.fatalSignal: fatalSignal: false contradicts memdie: true (memdie implies fatalSignal: an OOM victim always has SIGKILL pending)',
    ]);
  });
});
