import { defineKnob } from '../knob.js';

/**
 * Whether the reaper reaps under `oom_lock`, so that an allocating task
 * between its last-second freelist attempt and its kill cannot miss the
 * memory just reaped (the race behind "no needless kill").
 */
export const reaperTakesOomLock = defineKnob({
  name: 'reaperTakesOomLock',
  description: 'the reaper holds oom_lock while reaping (closes the reap vs. kill race)',
  values: [false, true],
  defaultValue: false,
});
