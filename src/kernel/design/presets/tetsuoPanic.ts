import type { Preset } from '../preset.js';

/**
 * Tetsuo Handa's "guaranteed last resort": panic when a victim makes no
 * progress for too long (not merged), on the first reaper as seed 002
 * frames it; time counted in aborted victim selections.
 */
export const tetsuoPanic: Preset = {
  name: 'tetsuo-panic',
  title: 'panic when a victim makes no progress for too long, on the first reaper (Tetsuo Handa, not merged)',
  cite: 'Tetsuo Handa, memdie_task_panic_secs proposal (seed 002: "a guaranteed last resort")',
  release: '4.6',
  knobs: { reaper: 'slot', reaperClearsMemdie: 'after-reap', memdiePanicAfter: 2 },
};
