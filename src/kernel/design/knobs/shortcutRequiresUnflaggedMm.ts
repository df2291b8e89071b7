import { defineKnob } from '../knob.js';

/**
 * Whether out_of_memory()'s dying-task shortcut requires that current's
 * mm is not yet flagged by the reaper (4.8 "fortify task_will_free_mem":
 * `task_will_free_mem()` is false for an MMF_OOM_SKIP mm), so a dying task
 * the reaper gave up on goes on to select another victim.
 */
export const shortcutRequiresUnflaggedMm = defineKnob({
  name: 'shortcutRequiresUnflaggedMm',
  description: "the dying-task shortcut is not taken once current's mm is flagged (task_will_free_mem, 4.8)",
  values: [false, true],
  defaultValue: false,
});
