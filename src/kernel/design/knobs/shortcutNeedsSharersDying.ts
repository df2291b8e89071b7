import { defineKnob } from '../knob.js';

/**
 * Whether out_of_memory()'s dying-task shortcut also requires every
 * other process using current's mm to be dying: 1af8bb432695 "mm, oom:
 * fortify task_will_free_mem" (4.8) made the shortcut
 * `task_will_free_mem(current)`, which walks every process sharing the mm
 * and says no while one of them is not exiting (its memory would not be
 * freed). Before, a fatal signal pending on current was enough.
 */
export const shortcutNeedsSharersDying = defineKnob({
  name: 'shortcutNeedsSharersDying',
  description: "the dying-task shortcut needs every process sharing current's mm to be dying too (task_will_free_mem, 1af8bb432695, 4.8)",
  values: [false, true],
  defaultValue: false,
  sinceTraceVersion: 3,
});
