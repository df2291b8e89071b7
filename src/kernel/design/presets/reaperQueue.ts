import type { Preset } from '../preset.js';

/** The 4.6 reaper queue: victims are pushed onto `oom_reaper_list` instead of being dropped. */
export const reaperQueue: Preset = {
  name: 'reaper-queue',
  title: 'OOM reaper queue (4.6): victims queued on oom_reaper_list (LIFO), none dropped',
  cite: '29c696e1c6ec "oom: make oom_reaper_list single linked"',
  knobs: { reaper: 'queue', reaperQueueOrder: 'lifo', reaperEnqueueCheck: 'head-or-next', reaperClearsMemdie: 'after-reap' },
};
