import type { Preset } from '../preset.js';

/**
 * 3.12: the memcg OOM is only recorded in the charge, which fails; a user
 * fault unwinds (dropping its locks) and handles it at the end, in
 * pagefault_out_of_memory() → mem_cgroup_oom_synchronize(), then retries;
 * system calls and kernel faults just get -ENOMEM (put_user(): -EFAULT,
 * seed 000). No OOM reaper yet.
 */
export const memcgDeferred: Preset = {
  name: 'memcg-deferred',
  title: 'deferred memcg OOM (3.12): handled at the end of a user fault; others get -ENOMEM',
  cite: '3812c8c8f395 "mm: memcg: do not trap chargers with full callstack on OOM"; 519e52473ebe "mm: memcg: enable memcg OOM killer only for user faults"; 4942642080ea (3.12-rc6: the kill moves to the end of the fault too)',
  release: '3.12',
  knobs: { reaper: 'none', memcgOomContext: 'user-fault-end', memcgOomDisabled: 'user-fault-end', memcgDyingCharge: 'bypass', dyingCurrentShortcut: 'any-dying' },
};
