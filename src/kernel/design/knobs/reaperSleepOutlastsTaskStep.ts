import { defineKnob } from '../knob.js';

/**
 * A timing assumption, since the model counts steps, not time: after a
 * failed `down_read_trylock()` the reaper sleeps HZ/10 (100 ms), far
 * longer than a runnable task's next step. With this knob the reaper does
 * not retry while a TIF_MEMDIE task stands runnable at its allocation
 * retry (about to use the reserves or fail), so a counterexample cannot
 * have the reaper's whole retry sequence fit between two steps of a
 * running task. Off, the reaper may retry at any time.
 */
export const reaperSleepOutlastsTaskStep = defineKnob({
  name: 'reaperSleepOutlastsTaskStep',
  description: "after a failed trylock the reaper's HZ/10 sleep outlasts a runnable TIF_MEMDIE task's next allocation step",
  values: [true, false],
  defaultValue: true,
});
