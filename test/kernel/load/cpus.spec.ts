import { describe, expect, test } from 'vitest';
import { loadScenarioText } from '../../../src/kernel/load/loadScenario.js';
import { header, problemsOf } from './helpers.js';

/** A file with `cpus` lines (from line 5), then process `victim` whose thread T1 has the `fields` (each on its own line after `- name: T1`). */
const withCpus = (cpus: readonly string[], fields: readonly string[]): string[] => [
  ...header,
  ...cpus,
  'processes:',
  '  - name: victim',
  '    pages: 8',
  '    threads:',
  '      - name: T1',
  ...fields.map((f) => `        ${f}`),
  '        program:',
  '          - { op: exit }',
];

describe('cpus, and a thread’s cpu, policy and rtPriority', () => {
  test('valid: pinned or any, each policy; the scenario keeps what was given', () => {
    expect(problemsOf(withCpus(['cpus: 2'], ['cpu: 1', 'policy: SCHED_IDLE']))).toEqual([]);
    expect(problemsOf(withCpus(['cpus: 1'], ['cpu: any', 'policy: SCHED_FIFO', 'rtPriority: 99']))).toEqual([]);
    expect(problemsOf(withCpus(['cpus: 16'], []))).toEqual([]);
    const s = loadScenarioText(withCpus(['cpus: 2'], ['cpu: 0', 'policy: SCHED_RR', 'rtPriority: 5']).join('\n'), 's.yaml');
    expect([s.cpus, s.processes[0].threads[0]]).toEqual([2, { name: 'T1', program: [{ op: 'exit' }], cpu: 0, policy: 'SCHED_RR', rtPriority: 5 }]);
  });

  test('cpus is 1..16', () => {
    expect(problemsOf(withCpus(['cpus: 0'], []))).toEqual(['s.yaml:5:7: at cpus: expected an integer in 1..16 (the number of CPUs the tasks share), got 0']);
    expect(problemsOf(withCpus(['cpus: two'], []))).toEqual(['s.yaml:5:7: at cpus: expected an integer in 1..16 (the number of CPUs the tasks share), got "two"']);
  });

  test('cpu and policy need cpus; a cpu must be one of them', () => {
    expect(problemsOf(withCpus([], ['cpu: 0', 'policy: SCHED_IDLE']))).toEqual([
      's.yaml:10:14: at processes[0].threads[0].cpu: cpu needs cpus: at the top level of the scenario (without it every task has a CPU of its own and is never kept from running)',
      's.yaml:11:17: at processes[0].threads[0].policy: policy needs cpus: at the top level of the scenario (without it every task has a CPU of its own and is never kept from running)',
    ]);
    expect(problemsOf(withCpus(['cpus: 2'], ['cpu: 2']))).toEqual(['s.yaml:11:14: at processes[0].threads[0].cpu: CPU 2 does not exist: the scenario has cpus: 2 (CPUs 0..1)']);
    expect(problemsOf(withCpus(['cpus: 2'], ['cpu: -1']))).toEqual(['s.yaml:11:14: at processes[0].threads[0].cpu: CPU -1 does not exist: the scenario has cpus: 2 (CPUs 0..1)']);
    expect(problemsOf(withCpus(['cpus: 2'], ['cpu: 1.5']))).toEqual(["s.yaml:11:14: at processes[0].threads[0].cpu: expected a CPU number (0, 1, …) or 'any', got 1.5"]);
    expect(problemsOf(withCpus(['cpus: 2'], ['cpu: all']))).toEqual(['s.yaml:11:14: at processes[0].threads[0].cpu: expected a CPU number (0, 1, …) or \'any\', got "all"']);
  });

  test('one load reports a bad cpu and a bad policy of one thread together', () => {
    expect(problemsOf(withCpus(['cpus: 2'], ['cpu: 7', 'policy: SCHED_IDEL']))).toEqual([
      's.yaml:11:14: at processes[0].threads[0].cpu: CPU 7 does not exist: the scenario has cpus: 2 (CPUs 0..1)',
      's.yaml:12:17: at processes[0].threads[0].policy: expected one of SCHED_NORMAL, SCHED_BATCH, SCHED_IDLE, SCHED_FIFO, SCHED_RR, got "SCHED_IDEL"; did you mean \'SCHED_IDLE\'?',
    ]);
  });

  test('SCHED_DEADLINE is refused as not modelled', () => {
    expect(problemsOf(withCpus(['cpus: 1'], ['policy: SCHED_DEADLINE']))).toEqual([
      's.yaml:11:17: at processes[0].threads[0].policy: SCHED_DEADLINE is not modelled (its runtime/deadline/period budget is not); the model has SCHED_NORMAL, SCHED_BATCH, SCHED_IDLE, SCHED_FIFO, SCHED_RR',
    ]);
  });

  test('policy is one of sched_setscheduler()’s; rtPriority 1..99 exactly for SCHED_FIFO and SCHED_RR', () => {
    expect(problemsOf(withCpus(['cpus: 1'], ['policy: SCHED_IDEL']))).toEqual([
      's.yaml:11:17: at processes[0].threads[0].policy: expected one of SCHED_NORMAL, SCHED_BATCH, SCHED_IDLE, SCHED_FIFO, SCHED_RR, got "SCHED_IDEL"; did you mean \'SCHED_IDLE\'?',
    ]);
    expect(problemsOf(withCpus(['cpus: 1'], ['policy: SCHED_FIFO']))).toEqual([
      "s.yaml:10:9: at processes[0].threads[0]: missing required field 'rtPriority' (1..99): SCHED_FIFO needs a sched_priority",
    ]);
    expect(problemsOf(withCpus(['cpus: 1'], ['policy: SCHED_FIFO', 'rtPriority: 100']))).toEqual([
      's.yaml:12:21: at processes[0].threads[0].rtPriority: expected an integer in 1..99 (sched_priority of a real-time task), got 100',
    ]);
    expect(problemsOf(withCpus(['cpus: 1'], ['policy: SCHED_IDLE', 'rtPriority: 1']))).toEqual([
      's.yaml:12:21: at processes[0].threads[0].rtPriority: rtPriority is for SCHED_FIFO and SCHED_RR, not SCHED_IDLE (sched_priority must be 0 for it)',
    ]);
    expect(problemsOf(withCpus(['cpus: 1'], ['rtPriority: 1']))).toEqual(['s.yaml:11:21: at processes[0].threads[0].rtPriority: rtPriority needs policy: SCHED_FIFO or SCHED_RR']);
  });
});
