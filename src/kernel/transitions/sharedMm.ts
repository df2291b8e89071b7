import type { KernelState } from '../state.js';
import { hasMm } from './exit.js';
import { mmOfTask, type Context } from './step.js';

/*
 * An mm shared between processes (clone(CLONE_VM) without CLONE_THREAD, a
 * vfork child before it execs): who uses it, whether it dies with the
 * victim, whether the reaper may touch it.
 */

/** Whether process `p` still has a live thread (for_each_process() still finds it with the mm). */
export function processLive(ctx: Context, s: KernelState, p: number): boolean {
  return ctx.layout.processes[p].tasks.some((u) => !s.tasks[u].exited);
}

/** Whether task `t` is the last live user of its mm: every other thread of every process using it has exited. */
export function lastMmUser(ctx: Context, s: KernelState, t: number): boolean {
  const mm = ctx.layout.mms[mmOfTask(ctx, t)];
  // A task past exit_mm() no longer uses the mm (exit in stages).
  return mm.users.every((p) => ctx.layout.processes[p].tasks.every((u) => u === t || !hasMm(ctx.layout, s, u)));
}

/** The `mm-still-used` text of task `t`'s exit_mm(): the other threads of its group and the processes sharing the mm that still use it. */
export function stillUsedText(ctx: Context, s: KernelState, t: number): string {
  const { layout } = ctx;
  const own = layout.tasks[t].process;
  const threads = layout.processes[own].tasks.some((u) => u !== t && hasMm(layout, s, u)) ? ['other threads'] : [];
  const others = layout.mms[mmOfTask(ctx, t)].users.filter((p) => p !== own && processLive(ctx, s, p));
  if (others.length === 0) return 'mm still used by other threads';
  return `mm still used by ${[...threads, ...others.map((p) => layout.processes[p].name)].join(', ')} (shared mm)`;
}

/**
 * Whether process `p` is dying as task_will_free_mem() sees it
 * (`__task_will_free_mem()`): SIGNAL_GROUP_EXIT, which SIGKILL sets for
 * the whole group — every live thread has the fatal signal — or its only
 * thread already exiting.
 */
export function processDying(ctx: Context, s: KernelState, p: number): boolean {
  const live = ctx.layout.processes[p].tasks.filter((u) => !s.tasks[u].exited);
  return live.every((u) => s.tasks[u].fatalSignal) || (live.length === 1 && s.tasks[live[0]].exiting);
}

/**
 * The first live process other than task `t`'s own that uses its mm and
 * is not dying, or -1: 4.8's task_will_free_mem() ("fortify
 * task_will_free_mem", 1af8bb432695) refuses the dying-task shortcut while
 * one exists, since the mm would outlive current.
 */
export function sharerNotDying(ctx: Context, s: KernelState, t: number): number {
  const own = ctx.layout.tasks[t].process;
  return ctx.layout.mms[mmOfTask(ctx, t)].users.find((p) => p !== own && processLive(ctx, s, p) && !processDying(ctx, s, p)) ?? -1;
}

/** What oom_kill_process() does to the other processes using the victim's mm. */
export interface SharerKill {
  /** Live processes sharing the mm that get SIGKILL too. */
  readonly killed: readonly number[];
  /** Live processes sharing the mm that are spared (OOM_SCORE_ADJ_MIN under `spare-adj-min`): then can_oom_reap is false. */
  readonly spared: readonly number[];
}

/**
 * The loop at the end of oom_kill_process() over every process that
 * shares the victim's mm outside its thread group: up to 4.7 one that is
 * OOM_SCORE_ADJ_MIN is skipped and makes can_oom_reap false
 * (`killSharers: spare-adj-min`); from 4.8 (97fd49c2355f) every one is
 * killed (`all`) — only global init and kthreads, which the model does not
 * have, are spared then.
 */
export function sharerKill(ctx: Context, s: KernelState, victimProcess: number): SharerKill {
  const { layout, knobs } = ctx;
  const sharers = layout.mms[layout.processes[victimProcess].mm].users.filter((p) => p !== victimProcess && processLive(ctx, s, p));
  if (knobs.killSharers === 'all') return { killed: sharers, spared: [] };
  return { killed: sharers.filter((p) => layout.processes[p].oomScoreAdj !== -1000), spared: sharers.filter((p) => layout.processes[p].oomScoreAdj === -1000) };
}
