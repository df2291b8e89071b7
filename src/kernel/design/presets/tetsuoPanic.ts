import type { Preset } from '../preset.js';

/** Tetsuo Handa's "guaranteed last resort": panic on timeout, on the first reaper (not merged). */
export const tetsuoPanic: Preset = {
  name: 'tetsuo-panic',
  title: 'panic when a victim makes no progress for too long, on the first reaper (Tetsuo Handa, not merged)',
  cite: 'Tetsuo Handa, memdie_task_panic_secs proposal (seed 002: "a guaranteed last resort")',
  knobs: { reaper: 'slot', reaperClearsMemdie: 'after-reap', memdiePanicAfter: 2 },
};
