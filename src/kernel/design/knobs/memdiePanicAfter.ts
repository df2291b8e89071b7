import { defineKnob } from '../knob.js';

/**
 * Tetsuo Handa's "guaranteed last resort" (not merged;
 * `memdie_task_panic_secs`): panic once a victim has aborted this many
 * victim selections. 0: off.
 */
export const memdiePanicAfter = defineKnob({
  name: 'memdiePanicAfter',
  description: 'panic once a TIF_MEMDIE victim has aborted this many selections (Tetsuo Handa; 0 = off)',
  values: { min: 0, max: 8 },
  defaultValue: 0,
});
