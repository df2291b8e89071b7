import type { Preset } from '../preset.js';

/** The fix of af8e15cc85a2: the enqueue check also tests the list head. */
export const reaperQueueFixed: Preset = {
  name: 'reaper-queue-af8e15cc85a2',
  title: 'reaper queue with the enqueue check fixed to test the list head too',
  cite: 'af8e15cc85a2 "oom, oom_reaper: do not enqueue task if it is on the oom_reaper_list head"',
  knobs: { reaper: 'queue', reaperQueueOrder: 'lifo', reaperEnqueueCheck: 'head-or-next', reaperClearsMemdie: 'after-reap' },
};
