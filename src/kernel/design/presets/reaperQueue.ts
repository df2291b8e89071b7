import type { Preset } from '../preset.js';

/**
 * The reaper queue as first merged: victims pushed on `oom_reaper_list`
 * (LIFO); no "already queued?" test in wake_oom_reaper(), but an mm is
 * queued only the first time the OOM killer chooses it (MMF_OOM_KILLED,
 * 855b0183); the popped task's next pointer is never cleared.
 */
export const reaperQueue: Preset = {
  name: 'reaper-queue',
  title: 'OOM reaper queue (4.6 merge window): oom_reaper_list, LIFO, each mm queued once (MMF_OOM_KILLED)',
  cite: '29c696e1 "oom: make oom_reaper_list single linked"; 855b0183 (MMF_OOM_KILLED)',
  release: '4.6',
  knobs: { reaper: 'queue', reaperQueueOrder: 'lifo', reaperEnqueueCheck: 'mm-once', reaperClearsMemdie: 'after-reap' },
};
