import type { ActorPermutation, Symmetry } from '../engine/index.js';
import type { Layout } from './layout.js';
import type { KernelState } from './state.js';

/**
 * `s` with task `t`'s part played by task `perm[t]`: every task-indexed
 * field of a KernelState moved or renamed. THE one place that knows
 * which fields hold task indices — a field added to KernelState that
 * holds a task index (or is indexed by task) must be handled here;
 * `test/kernel/symmetry.spec.ts` fails on a field it does not list.
 * `perm` covers the tasks (an actor permutation's first entries; the OOM
 * reaper, the last actor, is never permuted). mms are per process and
 * interchangeable tasks share their process, so mms stay.
 */
export function permuteState(s: KernelState, perm: ActorPermutation): KernelState {
  const task = (t: number): number => (t < 0 ? t : perm[t]);
  const mask = (bits: number): number => {
    let out = 0;
    for (let t = 0; bits !== 0; t++, bits >>>= 1) if ((bits & 1) !== 0) out |= 1 << perm[t];
    return out;
  };
  const tasks = new Array<KernelState['tasks'][number]>(s.tasks.length);
  const next = new Array<number>(s.tasks.length);
  s.tasks.forEach((t, i) => {
    tasks[perm[i]] = { ...t };
    next[perm[i]] = task(s.reaper.next[i]);
  });
  return {
    tasks,
    mms: s.mms.map((m) => ({ ...m })),
    locks: s.locks.map((l) => ({ writer: task(l.writer), readers: mask(l.readers) })),
    memcgs: s.memcgs.map((m) => ({ usage: m.usage, limit: m.limit, oomLock: task(m.oomLock) })),
    oomLock: task(s.oomLock),
    free: s.free,
    reserves: s.reserves,
    reaper: { current: task(s.reaper.current), attempts: s.reaper.attempts, head: task(s.reaper.head), next },
    panicked: s.panicked,
    needlessKill: s.needlessKill,
    spuriousError: s.spuriousError,
    raceKill: s.raceKill,
  };
}

/**
 * The classes of interchangeable tasks of a scenario, none of them in
 * `fixed`: tasks of one process (so they share its mm and its
 * mmap_sem) with the same program, the same start, CPU and scheduling
 * priority, in a process the
 * OOM killer can never touch — oom_score_adj -1000 (OOM_SCORE_ADJ_MIN),
 * no `kill` operation aimed at it, no thread starting with a fatal signal
 * or TIF_MEMDIE, and no thread that allocates after its `exit_mm` (see
 * below).
 *
 * Why no more: the kernel breaks ties by order, and the model with it —
 * mark_oom_victim() goes to find_lock_task_mm()'s first thread with an mm
 * (for_each_thread order); select_bad_process() keeps the first process
 * on a tie of points (3.x–5.2; from 5.3 the last, `selectTieBreak`); the timeout designs charge
 * an abort to the first TIF_MEMDIE task only. Swapping two threads of a
 * killable process is therefore not an automorphism of the model: in
 * `t1t2t3-5-2`, T2 and T4 wait on `i_mutex1` alike, but once T1 is past
 * exit_mm() a kill marks T2, never T4. Swapping whole processes meets the
 * second tie (docs/kernel-history.md, "Symmetry reduction and the
 * kernel's tie-breaks"). The threads of an unkillable process never get a
 * fatal signal, so SIGKILL never marks them. One that allocates after its
 * `exit_mm` can still take the dying-current shortcut's TIF_MEMDIE
 * (`dyingCurrentShortcut: any-dying`, or a memcg OOM) and block
 * selection; under `memdieSkipAfter` / `memdiePanicAfter` the
 * first-blocker charge then tells it from its twin, and a shortcut that
 * wakes the reaper queues it. Such a process is left out whatever the
 * design (the review of 2026-11-30 found 10 reachable steps that did not
 * commute under tetsuo-timeout+dyingCurrentShortcut=any-dying).
 */
export function interchangeableTasks(layout: Layout, fixed: readonly number[]): number[][] {
  const killed = new Set<number>();
  for (const task of layout.tasks) for (const op of task.program) if (op.op === 'kill') killed.add(op.process);
  const threads = layout.scenario.processes.flatMap((p) => p.threads);
  const classes: number[][] = [];
  layout.processes.forEach((process, p) => {
    if (process.oomScoreAdj !== -1000 || killed.has(p)) return;
    if (process.tasks.some((t) => threads[t].start?.fatalSignal === true || threads[t].start?.memdie === true)) return;
    if (process.tasks.some((t) => allocatesAfterExitMm(layout.tasks[t].program))) return;
    const byShape = new Map<string, number[]>();
    for (const t of process.tasks) {
      if (fixed.includes(t)) continue;
      // The CPU and priority too: the scheduler (with `cpus`) tells a SCHED_IDLE thread from a fair one.
      const shape = JSON.stringify([layout.tasks[t].program, threads[t].start ?? {}, layout.tasks[t].cpu, layout.tasks[t].rank]);
      byShape.set(shape, [...(byShape.get(shape) ?? []), t]);
    }
    for (const members of byShape.values()) if (members.length > 1) classes.push(members);
  });
  return classes;
}

/** Whether a program allocates after its `exit_mm`: as PF_EXITING, the dying-current shortcut may mark it TIF_MEMDIE. */
function allocatesAfterExitMm(program: Layout['tasks'][number]['program']): boolean {
  const at = program.findIndex((op) => op.op === 'exit_mm');
  return at >= 0 && program.slice(at + 1).some((op) => op.op === 'alloc');
}

/**
 * Writes everything about task `t` in `s` that a permutation carries with
 * it — its record and its roles in locks and queues — as the row of
 * `keyLength(layout)` words at `keys[at …]`.
 */
function writeTaskKey(s: KernelState, t: number, keys: Int32Array, at: number): void {
  const task = s.tasks[t];
  let i = at;
  keys[i++] = task.pc;
  keys[i++] = task.alloc;
  keys[i++] = task.memdieAborts;
  keys[i++] =
    (task.exiting ? 1 : 0) | (task.exited ? 2 : 0) | (task.fatalSignal ? 4 : 0) | (task.memdie ? 8 : 0) | (task.charged ? 16 : 0) | (task.inFault ? 32 : 0) | (task.reapedSinceAttempt ? 64 : 0);
  keys[i++] = s.oomLock === t ? 1 : 0;
  keys[i++] = s.reaper.current === t ? 1 : 0;
  keys[i++] = s.reaper.head === t ? 1 : 0;
  keys[i++] = s.reaper.next[t];
  for (const l of s.locks) keys[i++] = l.writer === t ? 2 : (l.readers >>> t) & 1;
  for (const m of s.memcgs) keys[i++] = m.oomLock === t ? 1 : 0;
}

/** Words of a task's key row (see {@link writeTaskKey}). */
function keyLength(layout: Layout): number {
  return 8 + layout.locks.length + layout.memcgs.length;
}

/** Orders tasks `a` and `b` by their key rows in `keys` (rows of `width` words, by task), then by index. */
function compareTasks(keys: Int32Array, width: number, a: number, b: number): number {
  for (let i = 0; i < width; i++) {
    const d = keys[a * width + i] - keys[b * width + i];
    if (d !== 0) return d;
  }
  return a - b;
}

/**
 * The kernel model's symmetry for the engine (`Model.symmetry`): the
 * classes of {@link interchangeableTasks}, each sorted by its members'
 * keys ({@link writeTaskKey}; an exact canonical form: the key holds all
 * a task is, and tasks of a class point at no other task). `undefined`
 * when no class has two tasks.
 */
export function kernelSymmetry(layout: Layout, fixedActors: readonly number[]): Symmetry<KernelState> | undefined {
  const classes = interchangeableTasks(layout, fixedActors);
  if (classes.length === 0) return undefined;
  const actorCount = layout.tasks.length + 1;
  const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
  const identity = Array.from({ length: actorCount }, (_, a) => a);
  const width = keyLength(layout);
  const keys = new Int32Array(layout.tasks.length * width);
  const sorted = new Int32Array(Math.max(...classes.map((c) => c.length)));
  return {
    description: `tasks ${classes.map((c) => `{${c.map((t) => layout.tasks[t].name).join(', ')}}`).join(' ')}`,
    order: classes.reduce((order, c) => order * factorial(c.length), 1),
    permute: permuteState,
    // Rows and orders are written into scratch arrays: canonicalize runs once per transition.
    canonicalize(state) {
      let perm: number[] | undefined;
      for (const members of classes) {
        for (const t of members) writeTaskKey(state, t, keys, t * width);
        // Insertion sort of the members by key: classes are small.
        const count = members.length;
        for (let i = 0; i < count; i++) {
          const t = members[i];
          let j = i;
          for (; j > 0 && compareTasks(keys, width, sorted[j - 1], t) > 0; j--) sorted[j] = sorted[j - 1];
          sorted[j] = t;
        }
        for (let i = 0; i < count; i++) {
          const t = sorted[i];
          if (t === members[i]) continue;
          perm ??= identity.slice();
          perm[t] = members[i];
        }
      }
      return perm === undefined ? { state, perm: identity } : { state: permuteState(state, perm), perm };
    },
  };
}
