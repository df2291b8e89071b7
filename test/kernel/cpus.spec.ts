import { describe, expect, test } from 'vitest';
import { checkScenario } from '../../src/check/index.js';
import { alloc, downRead, scenario, upRead, upWrite } from '../../src/kernel/builder.js';
import { resolveDesign } from '../../src/kernel/design/design.js';
import { loadScenarioFile } from '../../src/kernel/load/loadScenario.js';
import { kernelModel } from '../../src/kernel/model.js';
import type { Scenario, ThreadSpec } from '../../src/kernel/scenario.js';
import { AllocStage } from '../../src/kernel/state.js';

const cve = () => loadScenarioFile('scenarios/cve-2016-10723.yaml');

/** `s` with thread `name` changed by `change` (other threads kept). */
function withThread(s: Scenario, name: string, change: (t: ThreadSpec) => ThreadSpec | undefined): Scenario {
  return { ...s, processes: s.processes.map((p) => ({ ...p, threads: p.threads.flatMap((t) => (t.name === name ? (change(t) ?? []) : [t])) })) };
}

/** `s` without CPUs: no `cpus`, no thread's `cpu` or `policy`. */
function withoutCpus(s: Scenario): Scenario {
  const { cpus: _, ...rest } = s;
  return { ...rest, processes: s.processes.map((p) => ({ ...p, threads: p.threads.map(({ cpu: _c, policy: _p, ...t }) => t) })) };
}

const run = (s: Scenario, preset: string, knobs = {}) => {
  const r = checkScenario(s, resolveDesign(preset, knobs), ['no-oom-livelock']);
  const [v] = r.verdicts;
  return [r.stats.states, v.verdict, v.counterexample?.steps.length, v.failing] as const;
};

describe('CVE-2016-10723: a SCHED_IDLE oom_lock holder sleeping after its kill', () => {
  test('before 4.19 the hogs livelock; 4.19 holds; 4.19 with the sleep put back livelocks again', () => {
    expect(run(cve(), 'no-reaper')).toEqual([1184, 'violated', 18, 'no-oom-livelock[A1]']);
    expect(run(cve(), 'linux-4.14')).toEqual([11610, 'violated', 20, 'no-oom-livelock[A1]']);
    expect(run(cve(), 'linux-4.19')).toEqual([8589, 'holds', undefined, undefined]);
    expect(run(cve(), 'linux-4.19', { oomLockHolderSleeps: true })).toEqual([23655, 'violated', 22, 'no-oom-livelock[A1]']);
  });

  test('the cycle: A1 and A2 take turns losing the trylock and sleeping a tick while L, awake and holding oom_lock, is never scheduled', () => {
    const r = checkScenario(cve(), resolveDesign('linux-4.14'), ['no-oom-livelock']);
    const trace = r.verdicts[0].counterexample!;
    expect(trace.steps.map((s) => `${s.actor}: ${s.action}`).slice(trace.loopStart)).toEqual([
      'A2: no memory: mutex_trylock(&oom_lock) fails (L holds it): schedule_timeout_uninterruptible(1)',
      'A2: timer fires: A2 woken (runnable), to retry the allocation',
      'A1: no memory: mutex_trylock(&oom_lock) fails (L holds it): schedule_timeout_uninterruptible(1)',
      'A1: timer fires: A1 woken (runnable), to retry the allocation',
    ]);
    expect(trace.steps.map((s) => `${s.actor}: ${s.action}`)).toContain(
      'L: out_of_memory(); select_bad_process() picks victim (1 point); SIGKILL to victim; mark_oom_victim(V); wake_oom_reaper(V): pushed on oom_reaper_list; schedule_timeout_killable(1) with oom_lock held',
    );
    // The timer wakes L (no CPU needed); L never runs again, so schedule_timeout_killable(1) never returns.
    expect(trace.steps.map((s) => `${s.actor}: ${s.action}`)).toContain('L: timer fires: L woken (runnable), oom_lock still held');
    expect(trace.steps.some((s) => s.action.includes('schedule_timeout_killable(1) returns'))).toBe(false);
    const looping = trace.steps.slice(trace.loopStart);
    expect(looping.every((s) => s.state.oomLock === 3 && s.state.tasks[3].alloc === AllocStage.OomUnlock)).toBe(true);
  });

  test('with one hog the holder gets the CPU while it sleeps: strong fairness runs it, and every design holds', () => {
    const one = withThread(cve(), 'A2', () => undefined);
    expect(run(one, 'linux-4.14')).toEqual([1904, 'holds', undefined, undefined]);
    expect(run(one, 'linux-4.19')).toEqual([1525, 'holds', undefined, undefined]);
  });

  test('L of normal priority, or on a CPU of its own, is not starved: 4.14 holds', () => {
    expect(
      run(
        withThread(cve(), 'L', ({ policy: _, ...t }) => t),
        'linux-4.14',
      ),
    ).toEqual([26080, 'holds', undefined, undefined]);
    expect(
      run(
        withThread(cve(), 'L', (t) => ({ ...t, cpu: 1 })),
        'linux-4.14',
      ),
    ).toEqual([7330, 'holds', undefined, undefined]);
  });

  test('without cpus nobody is kept from running and sleeps are not steps: the sleep knob changes nothing', () => {
    const plain = withoutCpus(cve());
    expect(run(plain, 'linux-4.14')).toEqual([16487, 'holds', undefined, undefined]);
    expect(run(plain, 'linux-4.14', { oomLockHolderSleeps: false })).toEqual([16487, 'holds', undefined, undefined]);
    expect(run(plain, 'linux-4.19', { oomLockHolderSleeps: true })).toEqual(run(plain, 'linux-4.19'));
  });
});

describe('the scheduler filters the steps', () => {
  const firstActions = (s: Scenario, preset = 'linux-4.14') => {
    const model = kernelModel(s, resolveDesign(preset));
    const out: number[] = [];
    model.actions(model.initialStates()[0], out);
    return out.map((a) => model.actorNames[a]);
  };

  test('a SCHED_IDLE task waits while a fair task is runnable on its CPU; V, alone on CPU 1, runs', () => {
    // At the start A1 and A2 are blocked on victim.mmap_sem: L runs.
    expect(firstActions(cve())).toEqual(['V', 'L']);
    const hogsFree = withThread(
      withThread(cve(), 'A1', (t) => ({ ...t, program: t.program.slice(2) })),
      'A2',
      (t) => ({ ...t, program: t.program.slice(2) }),
    );
    expect(firstActions(hogsFree)).toEqual(['V', 'A1', 'A2']);
  });

  test('SCHED_FIFO runs before the fair class; a task that may run anywhere takes a CPU left free', () => {
    const fifo = withThread(cve(), 'L', (t) => ({ ...t, policy: 'SCHED_FIFO', rtPriority: 10 }));
    const hogsFree = withThread(
      withThread(fifo, 'A1', (t) => ({ ...t, program: t.program.slice(2) })),
      'A2',
      (t) => ({ ...t, program: t.program.slice(2) }),
    );
    expect(firstActions(hogsFree)).toEqual(['V', 'L']);
    const anywhere = withThread(hogsFree, 'A1', (t) => ({ ...t, cpu: 'any' }));
    // L (SCHED_FIFO) has CPU 0; V and A1 (both fair) share CPU 1; A2 is pinned behind L.
    expect(firstActions(anywhere)).toEqual(['V', 'A1', 'L']);
  });

  test("the builder writes the same scenario: cpus(), and a thread's cpu and policy", () => {
    const hog = [downRead('victim.mmap_sem'), upRead('victim.mmap_sem'), alloc(2)];
    const built = scenario('cve-2016-10723')
      .describe('built')
      .cpus(2)
      .memory({ free: 0, reserves: 0 })
      .process('victim', { pages: 1 }, (p) => p.thread('V', [upWrite('mmap_sem')], { holds: [{ lock: 'mmap_sem', mode: 'write' }] }, { cpu: 1 }))
      .process('hogs', { pages: 0 }, (p) => p.thread('A1', hog, undefined, { cpu: 0 }).thread('A2', hog, undefined, { cpu: 0 }))
      .process('idle', { pages: 0 }, (p) => p.thread('L', [alloc(1)], undefined, { cpu: 0, policy: 'SCHED_IDLE' }))
      .build();
    expect(built.cpus).toBe(2);
    expect(run(built, 'linux-4.14')).toEqual(run(cve(), 'linux-4.14'));
    expect(run(built, 'linux-4.19')).toEqual([8589, 'holds', undefined, undefined]);
    expect(() =>
      scenario('x')
        .describe('d')
        .memory({ free: 0, reserves: 0 })
        .process('p', { pages: 1 }, (p) => p.thread('T', [], undefined, { cpu: 0 }))
        .build(),
    ).toThrow('<builder>: at processes[0].threads[0].cpu: cpu needs cpus: at the top level of the scenario (without it every task has a CPU of its own and is never kept from running)');
  });
});
