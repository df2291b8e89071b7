import type { Preset } from '../preset.js';

/** The reaper queue with bb29902a7515's "already queued?" test, which checks only the next pointer. */
export const reaperQueueNextOnly: Preset = {
  name: 'reaper-queue-bb29902a7515',
  title: 'reaper queue whose enqueue check tests only the next pointer: the head can be queued onto itself',
  cite: 'bb29902a7515 "oom, oom_reaper: protect oom_reaper_list using simpler way"',
  knobs: { reaper: 'queue', reaperQueueOrder: 'lifo', reaperEnqueueCheck: 'next-only', reaperClearsMemdie: 'after-reap' },
};
