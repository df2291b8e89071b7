import { defineKnob } from '../knob.js';

/**
 * What keeps a victim from being queued twice. 29c696e1 queued an mm only
 * the first time it was chosen (`MMF_OOM_KILLED`, 855b0183: `mm-once`).
 * bb29902a7515 tested only the task's next pointer (`tsk->oom_reaper_list`),
 * which is NULL for a task alone on the list: it was pushed again onto
 * itself, a self-cycle the reaper looped on forever (`next-only`).
 * af8e15cc85a2 also tests the list head (`head-or-next`).
 */
export const reaperEnqueueCheck = defineKnob({
  name: 'reaperEnqueueCheck',
  description: 'wake_oom_reaper "already queued?" test: mm-once (MMF_OOM_KILLED, 29c696e1), next-only (bb29902a7515), head-or-next (af8e15cc85a2)',
  values: ['mm-once', 'head-or-next', 'next-only'],
  defaultValue: 'head-or-next',
});
