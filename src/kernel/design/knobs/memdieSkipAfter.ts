import { defineKnob } from '../knob.js';

/**
 * Tetsuo Handa's timeout-based next-victim selection (not merged;
 * `memdie_task_skip_secs`): a victim that has aborted this many victim
 * selections is skipped, and another victim may be chosen. Time is
 * counted in aborted selections. 0: off.
 */
export const memdieSkipAfter = defineKnob({
  name: 'memdieSkipAfter',
  description: 'skip a TIF_MEMDIE victim after it aborted this many selections (Tetsuo Handa; 0 = off)',
  values: { min: 0, max: 8 },
  defaultValue: 0,
});
