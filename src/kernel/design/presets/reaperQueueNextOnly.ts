import type { Preset } from '../preset.js';

/**
 * v4.6-rc1: bb29902a7515 replaced MMF_OOM_KILLED by the test
 * `tsk->oom_reaper_list != NULL`, which misses a task alone on the list:
 * woken again, it is pushed onto itself, and since the popped task's next
 * pointer is never cleared, the reaper loops on it forever.
 */
export const reaperQueueNextOnly: Preset = {
  name: 'reaper-queue-bb29902a7515',
  title: 'reaper queue whose enqueue check tests only the next pointer (v4.6-rc1): the head can be queued onto itself',
  cite: 'bb29902a7515 "oom, oom_reaper: protect oom_reaper_list using simpler way"',
  release: '4.6',
  knobs: { reaper: 'queue', reaperQueueOrder: 'lifo', reaperEnqueueCheck: 'next-only', reaperClearsMemdie: 'after-reap' },
};
