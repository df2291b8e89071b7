import { AllocStage, type KernelState } from '../state.js';
import type { Context, Step } from './step.js';

/*
 * The window between an allocation's last failed attempt and its OOM
 * kill, and whether the OOM reaper freed memory for it there: what makes
 * a kill with the request already fitting the design's doing
 * (no-needless-kill) rather than the exit race (no-kill-after-race).
 */

/**
 * Whether a task at allocator stage `alloc` is past its last failed
 * attempt and on its way to the OOM killer: `OutOfMemory` (global: the
 * last-second freelist attempt under oom_lock failed, or the retry's when
 * the design has none, in the step that took oom_lock); `ChargeOom`,
 * `FaultUnwound`, `MemcgOom` (memcg: the charge failed). Every other stage
 * either attempts again or has left the allocator.
 */
export function inReapWindow(alloc: AllocStage): boolean {
  return alloc === AllocStage.OutOfMemory || alloc === AllocStage.ChargeOom || alloc === AllocStage.FaultUnwound || alloc === AllocStage.MemcgOom;
}

/**
 * The OOM reaper freed pages of mm `mm` (on a draft): each task in its
 * window whose request they count for — any, for a global OOM; one
 * charging the mm's memcg, for a memcg OOM — is marked
 * `reapedSinceAttempt`.
 */
export function noteReapedPages(ctx: Context, d: KernelState, mm: number): void {
  const memcg = ctx.layout.mms[mm].memcg;
  d.tasks.forEach((task, t) => {
    if (!inReapWindow(task.alloc)) return;
    if (task.alloc === AllocStage.OutOfMemory || ctx.layout.processes[ctx.layout.tasks[t].process].memcg === memcg) task.reapedSinceAttempt = true;
  });
}

/** Task `t`'s `step`, which also forgets `reapedSinceAttempt` when it leaves the window (an attempt again, out of the allocator, or its OOM call done). */
export function closingReapWindow(step: Step, t: number): Step {
  return {
    events: step.events,
    apply: (d) => {
      step.apply(d);
      if (!inReapWindow(d.tasks[t].alloc)) d.tasks[t].reapedSinceAttempt = false;
    },
  };
}
