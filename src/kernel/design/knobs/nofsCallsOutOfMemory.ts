import { defineKnob } from '../knob.js';

/**
 * Whether a GFP_NOFS allocation calls out_of_memory() (under oom_lock)
 * instead of looping without it: 3da88fb3bacf "mm, oom: move GFP_NOFS
 * check to out_of_memory" (4.7) moved the `!__GFP_FS` test from
 * __alloc_pages_may_oom() into out_of_memory(), after the dying-task
 * shortcut, "to at least get access to memory reserves if the current
 * task is killed". Nobody else is killed for it: out_of_memory() returns
 * true and the allocation keeps looping. Before 4.7 a dying task looping
 * in GFP_NOFS never reached the shortcut.
 */
export const nofsCallsOutOfMemory = defineKnob({
  name: 'nofsCallsOutOfMemory',
  description: 'a GFP_NOFS allocation calls out_of_memory(): the dying-task shortcut can mark current TIF_MEMDIE, nobody else is killed (3da88fb3bacf, 4.7)',
  values: [false, true],
  defaultValue: false,
  sinceTraceVersion: 3,
});
