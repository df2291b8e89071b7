import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkScenario, type ScenarioRun } from '../../src/check/index.js';
import { check, deadlockFree } from '../../src/engine/index.js';
import { traceDocument } from '../../src/export/traceDocument.js';
import { replayTrace } from '../../src/check/index.js';
import {
  alloc,
  builtinScenarioFiles,
  loadScenarioFile,
  downRead,
  exit,
  kernelModel,
  layoutOf,
  mutexLock,
  mutexUnlock,
  presets,
  resolveDesign,
  scenario,
  t1t2t3Family,
  upRead,
  type KernelState,
  type Op,
  type Scenario,
} from '../../src/kernel/index.js';
import { initialState } from '../../src/kernel/state.js';
import { interchangeableTasks, kernelSymmetry, permuteState } from '../../src/kernel/index.js';

/**
 * A daemon that the OOM killer may not touch (oom_score_adj -1000) with
 * `n` identical threads that take i_mutex and allocate under it, beside a
 * killable process whose thread V also wants i_mutex — Tetsuo Handa's H
 * and T2, with H's part played by any of the daemon's threads, which are
 * interchangeable.
 */
function daemonScenario(
  n: number,
  daemon: readonly Op[] = [mutexLock('i_mutex'), alloc(1), mutexUnlock('i_mutex')],
  victim: readonly Op[] = [mutexLock('i_mutex'), mutexUnlock('i_mutex'), exit()],
  free = 0,
): Scenario {
  return scenario(`daemon-${n}`)
    .describe('identical threads of an unkillable daemon allocate under i_mutex; a killable process waits for it')
    .memory({ free, reserves: 1 })
    .mutex('i_mutex')
    .process('daemon', { pages: 2, oomScoreAdj: -1000 }, (p) => {
      let threads = p;
      for (let i = 1; i <= n; i++) threads = threads.thread(`D${i}`, daemon);
      return threads;
    })
    .process('victim', { pages: 4 }, (p) => p.thread('V', victim))
    .design('reaper-slot')
    .build();
}

const symmetric = ['no-deadlock', 'no-panic', 'no-needless-kill', 'no-reaper-lockup', 'no-oom-livelock[V]', 'victim-always-handled[V]'];

/** Verdicts as text, with the failing engine property and, for a path (not a lasso, whose cycle may differ), its length: shortest either way. */
function verdicts(run: ScenarioRun): string[] {
  return run.verdicts.map((v) => {
    if (v.verdict !== 'violated') return `${v.property}: ${v.verdict}`;
    const { steps, loopStart } = v.counterexample!;
    return `${v.property}: violated ${v.failing}${loopStart === undefined ? ` in ${steps.length}` : ''}`;
  });
}

/** Every counterexample of `run` replays on the unreduced model, violation confirmed. */
function expectReplays(run: ScenarioRun): void {
  for (const v of run.verdicts) {
    if (v.verdict !== 'violated') continue;
    expect([v.property, replayTrace(traceDocument(run, v, 'test')).verdict]).toEqual([v.property, 'confirmed']);
  }
}

describe('permuteState: the one function that moves task indices', () => {
  test('handles every field of KernelState (extend permuteState, then this list, when a field is added)', () => {
    const s = initialState(layoutOf(daemonScenario(2)));
    expect(Object.keys(s)).toEqual(['tasks', 'mms', 'locks', 'memcgs', 'oomLock', 'free', 'reserves', 'reaper', 'panicked', 'needlessKill', 'spuriousError', 'raceKill']);
    expect(Object.keys(s.tasks[0])).toEqual(['pc', 'exiting', 'exited', 'alloc', 'fatalSignal', 'memdie', 'memdieAborts', 'charged', 'inFault', 'reapedSinceAttempt']);
    expect(Object.keys(s.reaper)).toEqual(['current', 'attempts', 'head', 'next']);
    expect(Object.keys(s.locks[0])).toEqual(['writer', 'readers']);
    expect(Object.keys(s.mms[0])).toEqual(['freed', 'reaped', 'flagged', 'oomKilled', 'victim', 'exitMmap', 'notReapable']);
    expect(permuteState(s, [0, 1, 2, 3])).toEqual(s);
  });

  test('moves tasks, lock owners and readers, oom_lock and the reaper list with the permutation', () => {
    const s: KernelState = initialState(layoutOf(daemonScenario(2)));
    s.tasks[0].pc = 2;
    s.locks[0].writer = 0;
    s.locks[1].readers = 0b011;
    s.oomLock = 1;
    s.reaper = { current: 2, attempts: 1, head: 0, next: [1, -1, 0] };
    const p = permuteState(s, [1, 0, 2, 3]);
    expect([p.tasks[1].pc, p.tasks[0].pc, p.locks[0].writer, p.locks[1].readers, p.oomLock]).toEqual([2, 0, 1, 0b011, 0]);
    expect(p.reaper).toEqual({ current: 2, attempts: 1, head: 1, next: [-1, 0, 1] });
  });
});

describe('which tasks are interchangeable', () => {
  test("an unkillable process's identical threads are; a named one is fixed", () => {
    const layout = layoutOf(daemonScenario(3));
    expect(interchangeableTasks(layout, [])).toEqual([[0, 1, 2]]);
    expect(interchangeableTasks(layout, [1])).toEqual([[0, 2]]);
    expect(interchangeableTasks(layout, [0, 1])).toEqual([]);
    // With CPUs, a thread of another CPU or policy is told apart by the scheduler.
    const base = daemonScenario(3);
    const onCpus = {
      ...base,
      cpus: 2,
      processes: base.processes.map((p) => ({ ...p, threads: p.threads.map((t, i) => (i === 1 ? { ...t, cpu: 1 } : i === 2 ? { ...t, policy: 'SCHED_IDLE' as const } : t)) })),
    };
    expect(interchangeableTasks(layoutOf(onCpus), [])).toEqual([]);
    const sameCpu = { ...onCpus, processes: base.processes.map((p) => ({ ...p, threads: p.threads.map((t, i) => (i === 2 ? { ...t, cpu: 1 } : { ...t, cpu: 0 })) })) };
    expect(interchangeableTasks(layoutOf(sameCpu), [])).toEqual([[0, 1]]);
  });

  test('a daemon whose threads allocate after exit_mm is left out: the dying-current shortcut can mark one TIF_MEMDIE, and the timeout designs charge the first', () => {
    const exitMm = { op: 'exit_mm' } as Op;
    // The kernel-expert review's case (2026-11-30): D1, D2 exit_mm, allocate, exit; V allocates twice.
    const dying = daemonScenario(2, [exitMm, alloc(1), exit()], [alloc(1), alloc(1), exit()]);
    expect(interchangeableTasks(layoutOf(dying), [])).toEqual([]);
    // Without the allocation after exit_mm they are interchangeable again.
    expect(interchangeableTasks(layoutOf(daemonScenario(2, [exitMm, exit()], [alloc(1), alloc(1), exit()])), [])).toEqual([[0, 1]]);
    // Why: swapping D1 and D2 does not commute with every reachable step under tetsuo-timeout with any-dying.
    const model = kernelModel(dying, resolveDesign('tetsuo-timeout', { dyingCurrentShortcut: 'any-dying' }));
    expect(nonCommuting(model, [1, 0, 2, 3])).toEqual({ states: 10144, differing: 10 });
  });

  test("the T1/T2/T3 family has none: T2 and T4 wait on one mutex alike, but find_lock_task_mm()'s order tells them apart", () => {
    const family = t1t2t3Family(5, 2);
    const model = kernelModel(family, resolveDesign('reaper-slot'));
    expect(interchangeableTasks(model.layout, [])).toEqual([]);
    // Swapping T2 (task 1) and T4 (task 3) is not an automorphism: some reachable step does not commute with it.
    expect(nonCommuting(model, [0, 3, 2, 1, 4, 5, 6, 7])).toEqual({ states: 7761, differing: 12 });
  });
});

/** Over every reachable state of `model`: how many have a step that does not commute with the task permutation `swap`. */
function nonCommuting(model: ReturnType<typeof kernelModel>, swap: number[]): { states: number; differing: number } {
  const states: KernelState[] = [];
  check(model, [], { observer: { onState: (_id, s) => void states.push(model.codec.decode(encoded(model, s), 0)) } });
  const differing = states.filter((s) => {
    const actions: number[] = [];
    model.actions(s, actions);
    return actions.some((a) => JSON.stringify(model.nextState(permuteState(s, swap), swap[a])) !== JSON.stringify(permuteState(model.nextState(s, a), swap)));
  });
  return { states: states.length, differing: differing.length };
}

function encoded(model: ReturnType<typeof kernelModel>, s: KernelState): Int32Array {
  const words = new Int32Array(model.codec.width);
  model.codec.encode(s, words, 0);
  return words;
}

describe('checking with symmetry', () => {
  test('daemon with 3 threads under mmf-oom-skip, weak fairness: exact counts, the same verdicts, traces that replay', () => {
    const design = resolveDesign('mmf-oom-skip');
    const plain = checkScenario(daemonScenario(3), design, symmetric, { symmetry: false, fairness: 'weak' });
    if (plain.strategy !== 'exhaustive') throw new Error('expected an exhaustive run');
    const reduced = checkScenario(daemonScenario(3), design, symmetric, { fairness: 'weak' });
    expect(reduced.strategy === 'exhaustive' && reduced.stats.symmetry).toEqual({ description: 'tasks {D1, D2, D3}', order: 6 });
    expect([plain.stats.states, reduced.stats.states]).toEqual([571, 177]);
    expect(verdicts(reduced)).toEqual(verdicts(plain));
    expect(verdicts(reduced)).toEqual([
      'no-deadlock: holds',
      'no-panic: violated no-panic in 9',
      'no-needless-kill: holds',
      'no-reaper-lockup: violated no-reaper-lockup',
      'no-oom-livelock[V]: holds',
      'victim-always-handled[V]: violated victim-always-handled[V]',
    ]);
    expectReplays(reduced);
  });

  test('daemon with 3 threads under every preset, weak and strong fairness: the verdicts of the unreduced search, every trace replays', () => {
    for (const preset of presets) {
      for (const fairness of ['weak', 'strong'] as const) {
        const design = resolveDesign(preset.name);
        const plain = checkScenario(daemonScenario(3), design, symmetric, { symmetry: false, fairness });
        const reduced = checkScenario(daemonScenario(3), design, symmetric, { fairness });
        expect([preset.name, fairness, ...verdicts(reduced)]).toEqual([preset.name, fairness, ...verdicts(plain)]);
        expectReplays(reduced);
      }
    }
  });

  test('random daemons (fast-check): the verdicts of the unreduced search, every trace replays', () => {
    const programs: Op[][] = [
      [mutexLock('i_mutex'), alloc(1), mutexUnlock('i_mutex')],
      [alloc(1)],
      [downRead('mmap_sem'), alloc(1), upRead('mmap_sem')],
      [alloc(1), mutexLock('i_mutex'), mutexUnlock('i_mutex')],
    ];
    const victims: Op[][] = [
      [mutexLock('i_mutex'), mutexUnlock('i_mutex'), exit()],
      [alloc(1), exit()],
      [alloc(1), mutexLock('i_mutex'), alloc(1), mutexUnlock('i_mutex')],
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }),
        fc.constantFrom(...programs),
        fc.constantFrom(...victims),
        fc.integer({ min: 0, max: 1 }),
        fc.constantFrom(...presets.map((p) => p.name)),
        fc.constantFrom('weak' as const, 'strong' as const),
        (n, daemon, victim, free, preset, fairness) => {
          const s = daemonScenario(n, daemon, victim, free);
          const design = resolveDesign(preset);
          const plain = checkScenario(s, design, symmetric, { symmetry: false, fairness });
          const reduced = checkScenario(s, design, symmetric, { fairness });
          expect(verdicts(reduced)).toEqual(verdicts(plain));
          if (reduced.strategy === 'exhaustive' && plain.strategy === 'exhaustive') expect(reduced.stats.states).toBeLessThan(plain.stats.states);
          expectReplays(reduced);
        },
      ),
      { seed: 0x5eed, numRuns: 40 },
    );
  });

  test('the canonical form is exact: the orbits of the 177 representatives of daemon-3 hold the 571 states of the unreduced search', () => {
    const model = kernelModel(daemonScenario(3), resolveDesign('mmf-oom-skip'));
    const reps: KernelState[] = [];
    check(model, [deadlockFree()], { symmetry: false, observer: { onState: (_id, s) => void reps.push(model.codec.decode(encoded(model, s), 0)) } });
    expect(reps.length).toBe(571);
    const reduced: KernelState[] = [];
    const symmetry = kernelSymmetry(model.layout, [])!;
    const seen = new Set<string>();
    for (const s of reps) {
      const key = encoded(model, symmetry.canonicalize(s).state).join(',');
      if (!seen.has(key)) {
        seen.add(key);
        reduced.push(s);
      }
    }
    expect(reduced.length).toBe(177);
    const perms = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ].map((p) => [...p, 3, 4]);
    const orbit = (s: KernelState) => new Set(perms.map((p) => encoded(model, permuteState(s, p)).join(','))).size;
    expect(reduced.reduce((sum, s) => sum + orbit(s), 0)).toBe(571);
  });

  test('no-oom-livelock names every task: nothing is permuted', () => {
    const reduced = checkScenario(daemonScenario(2), resolveDesign('reaper-slot'), ['no-oom-livelock']);
    expect(reduced.strategy === 'exhaustive' && reduced.stats.symmetry).toBeUndefined();
  });

  test('kernelSymmetry is undefined when no class has two tasks', () => {
    expect(kernelSymmetry(layoutOf(daemonScenario(2)), [0])).toBeUndefined();
  });
});

describe('the built-in scenarios', () => {
  test('none has interchangeable tasks (their processes are killable, or their threads differ): checked with or without symmetry, the same search', () => {
    const withTasks = builtinScenarioFiles().map((file) => {
      const s = loadScenarioFile(file);
      return [s.name, interchangeableTasks(layoutOf(s), [])];
    });
    expect(withTasks.filter(([, classes]) => classes.length > 0)).toEqual([]);
    expect(withTasks.length).toBe(20);
  });
});
