import type { Preset } from '../preset.js';

/** v4.6-rc2 to v4.6: af8e15cc85a2 also tests the list head before queueing. */
export const reaperQueueFixed: Preset = {
  name: 'reaper-queue-af8e15cc85a2',
  title: 'reaper queue with the enqueue check fixed to test the list head too (v4.6)',
  cite: 'af8e15cc85a2 "oom, oom_reaper: do not enqueue task if it is on the oom_reaper_list head"',
  release: '4.6',
  knobs: { reaper: 'queue', reaperQueueOrder: 'lifo', reaperEnqueueCheck: 'head-or-next', reaperClearsMemdie: 'after-reap' },
};
