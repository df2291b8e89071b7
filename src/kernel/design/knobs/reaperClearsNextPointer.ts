import { defineKnob } from '../knob.js';

/**
 * Whether `oom_reap_task()` ends with `tsk->oom_reaper_list = NULL`. In
 * 4.6 it did not: a popped task kept its stale next pointer (so a later
 * wake-up could be taken for "already queued", and a self-cycle never
 * ended); 4.7 clears it.
 */
export const reaperClearsNextPointer = defineKnob({
  name: 'reaperClearsNextPointer',
  description: "oom_reap_task() clears the victim's oom_reaper_list next pointer when done (4.7; not in 4.6)",
  values: [false, true],
  defaultValue: false,
});
