import type { Preset } from '../preset.js';

/**
 * Tetsuo Handa's timeout-based next-victim selection (not merged; his
 * sysctl patches of 2014-2015 targeted kernels without a reaper), put on
 * the first reaper as seed 002 frames it. Time is counted in victim
 * selections the victim aborted: his RFC checks the timeout only when an
 * OOM scan visits the task.
 */
export const tetsuoTimeout: Preset = {
  name: 'tetsuo-timeout',
  title: 'timeout-based next-victim selection on the first reaper (Tetsuo Handa, not merged)',
  cite: 'Tetsuo Handa, memdie_task_skip_secs proposal (seed 002: "my sysctl-controlled timeout-based OOM victim selection")',
  release: '4.6',
  knobs: { reaper: 'slot', reaperClearsMemdie: 'after-reap', memdieSkipAfter: 2 },
};
