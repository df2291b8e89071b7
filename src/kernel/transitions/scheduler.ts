import { AllocStage, inTimedSleep, type KernelState } from '../state.js';
import { reaperStep } from './reaper.js';
import type { Context, Step } from './step.js';
import { taskStep } from './taskStep.js';

/*
 * The scheduler, for a scenario with `cpus`: a filter on the steps the
 * actors have. Without `cpus` every task has a CPU of its own and every
 * step is offered (the model as it was before CPUs).
 */

/** The fair class's rank (SCHED_NORMAL): the oom_reaper kthread's, and the default (layout's `schedRank`). */
const fairRank = 1;

/**
 * Whether task `t` runs without a preemption point: from its
 * `mutex_trylock(&oom_lock)` to its return from out_of_memory(), unless it
 * sleeps there. Nothing on that path calls cond_resched() or sleeps but
 * the schedule_timeout_killable(1) after a kill, so a kernel built
 * without CONFIG_PREEMPT (PREEMPT_NONE or PREEMPT_VOLUNTARY, as
 * distributions build theirs) keeps it on its CPU until it unlocks.
 */
function keepsCpu(s: KernelState, t: number): boolean {
  const { alloc } = s.tasks[t];
  return s.oomLock === t && (alloc === AllocStage.LastSecond || alloc === AllocStage.OutOfMemory);
}

/**
 * Drops (sets to `undefined`) the steps of the actors the scheduler
 * would not run in `s`: `steps` holds one entry per actor, tasks then the
 * oom_reaper. An actor with a step is runnable, except a task whose step
 * is the timer ending its schedule_timeout() sleep: that step needs no
 * CPU (the timer interrupt wakes it) and is always offered. A runnable
 * actor is not offered its step while the runnable actors of higher
 * priority fill every CPU it may use: those pinned to a CPU take theirs,
 * the others take any CPU left. Priority is the policy's rank
 * (SCHED_IDLE < fair < SCHED_FIFO/RR by sched_priority), except that a
 * task that {@link keepsCpu} is never preempted. The oom_reaper is a
 * SCHED_NORMAL kthread that may run on any CPU. Actors of equal priority
 * share a CPU: each may be the next to step.
 */
export function schedule(ctx: Context, s: KernelState, steps: (Step | undefined)[]): void {
  const { layout } = ctx;
  const nTasks = layout.tasks.length;
  const cpuOf = (a: number): number => (a < nTasks ? layout.tasks[a].cpu : -1);
  const priority = (a: number): number => (a >= nTasks ? fairRank : keepsCpu(s, a) ? Number.POSITIVE_INFINITY : layout.tasks[a].rank);
  const runnable = (a: number): boolean => steps[a] !== undefined && (a >= nTasks || !inTimedSleep(s.tasks[a].alloc));
  const offered = steps.map((_, a) => !runnable(a) || runsNow(a));
  offered.forEach((yes, a) => {
    if (!yes) steps[a] = undefined;
  });

  /** Whether runnable actor `a` gets a CPU: one it may use is left once the higher-priority runnable actors have theirs. */
  function runsNow(a: number): boolean {
    const mine = priority(a);
    const pinnedCpus = new Set<number>();
    let unpinned = 0;
    for (let b = 0; b < steps.length; b++) {
      if (b === a || !runnable(b) || priority(b) <= mine) continue;
      const cpu = cpuOf(b);
      if (cpu === -1) unpinned++;
      else pinnedCpus.add(cpu);
    }
    const cpu = cpuOf(a);
    const left = layout.cpus - pinnedCpus.size;
    return (cpu === -1 || !pinnedCpus.has(cpu)) && unpinned < left;
  }
}

/**
 * The tasks of `s` that could take a step but that the scheduler keeps
 * off their CPU ({@link schedule}): "runnable, not scheduled". Empty
 * without the scenario's `cpus`. Asked by the trace's account.
 */
export function tasksNotScheduled(ctx: Context, s: KernelState): number[] {
  const nTasks = ctx.layout.tasks.length;
  if (ctx.layout.cpus === 0) return [];
  const steps = [...ctx.layout.tasks.map((_, t) => taskStep(ctx, s, t)), reaperStep(ctx, s)];
  const before = steps.map((step) => step !== undefined);
  schedule(ctx, s, steps);
  return steps.flatMap((step, a) => (a < nTasks && before[a] && step === undefined ? [a] : []));
}
