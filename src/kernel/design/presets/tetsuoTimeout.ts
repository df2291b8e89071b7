import type { Preset } from '../preset.js';

/** Tetsuo Handa's timeout-based next-victim selection, on the first reaper (not merged). */
export const tetsuoTimeout: Preset = {
  name: 'tetsuo-timeout',
  title: 'timeout-based next-victim selection on the first reaper (Tetsuo Handa, not merged)',
  cite: 'Tetsuo Handa, memdie_task_skip_secs proposal (seed 002: "my sysctl-controlled timeout-based OOM victim selection")',
  knobs: { reaper: 'slot', reaperClearsMemdie: 'after-reap', memdieSkipAfter: 2 },
};
