import type { KnobSpec } from '../knob.js';

/**
 * The "already queued?" test of `wake_oom_reaper()`. bb29902a7515 checked
 * only the task's next pointer (`tsk->oom_reaper_list`), which is NULL for
 * a task alone on the list: it was pushed again onto itself, a self-cycle
 * the reaper looped on forever. af8e15cc85a2 also checks the list head.
 */
export const reaperEnqueueCheck: KnobSpec<'head-or-next' | 'next-only'> = {
  name: 'reaperEnqueueCheck',
  description: 'wake_oom_reaper "already queued?" test: head-or-next (af8e15cc85a2) or next-only (bb29902a7515, self-cycle bug)',
  values: ['head-or-next', 'next-only'],
  defaultValue: 'head-or-next',
};
