import { defineKnob } from '../knob.js';

/**
 * Whether out_of_memory()'s dying-task shortcut requires that current's
 * mm is not yet flagged by the reaper (4.8 "fortify task_will_free_mem":
 * `task_will_free_mem()` is false for an mm flagged MMF_OOM_REAPED — the
 * flag 4.9 renamed MMF_OOM_SKIP), so a dying task whose mm the reaper is
 * done with goes on to select another victim.
 */
export const shortcutRequiresUnflaggedMm = defineKnob({
  name: 'shortcutRequiresUnflaggedMm',
  description: "the dying-task shortcut is not taken once current's mm is flagged (task_will_free_mem(): MMF_OOM_REAPED in 4.8, MMF_OOM_SKIP from 4.9)",
  values: [false, true],
  defaultValue: false,
});
