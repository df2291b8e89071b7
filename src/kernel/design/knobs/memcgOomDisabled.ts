import { defineKnob } from '../knob.js';

/**
 * What a charge over the limit does in a group whose kernel OOM killer is
 * disabled (cgroup v1 `oom_kill_disable`), leaving the decision to a
 * userspace handler.
 * - `sleep-in-charge` — before 3.12: sleep on the memcg OOM waitqueue right
 *   in the charge, with every lock held, until the handler kills a task
 *   or raises the limit (seed 003: the handler may need one of those
 *   locks — the brk() mmap_sem — to read /proc and deadlock).
 * - `user-fault-end` — 3.12 on (kept by 4.19): a user fault remembers the
 *   OOM and sleeps at the end of the fault, its locks dropped; any other
 *   context gets -ENOMEM.
 */
export const memcgOomDisabled = defineKnob({
  name: 'memcgOomDisabled',
  description: 'with oom_kill_disable: sleep in the charge holding locks (<3.12) or at the end of a user fault, -ENOMEM elsewhere (3.12+)',
  values: ['sleep-in-charge', 'user-fault-end'],
  defaultValue: 'user-fault-end',
  sinceTraceVersion: 2,
});
