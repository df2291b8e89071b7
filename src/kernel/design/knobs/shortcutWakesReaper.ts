import { defineKnob } from '../knob.js';

/**
 * Whether `out_of_memory()`'s shortcut for a dying current task (fatal
 * signal pending or exiting: mark it TIF_MEMDIE, kill nobody) also queues
 * it for the reaper. In the first reaper it did not (Tetsuo Handa's point
 * (3) in seed 002: "locations that call mark_oom_victim() without making
 * the OOM victim task under monitor of the OOM reaper").
 */
export const shortcutWakesReaper = defineKnob({
  name: 'shortcutWakesReaper',
  description: "out_of_memory's dying-task shortcut also wakes the reaper for current",
  values: [false, true],
  defaultValue: false,
});
