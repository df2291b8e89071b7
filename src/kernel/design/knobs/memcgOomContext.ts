import { defineKnob } from '../knob.js';

/**
 * Where a memcg OOM (a charge over the group's limit) is handled when the
 * kernel OOM killer is enabled for the group.
 * - `charge` — in the charging context, from every context: the charger
 *   takes the memcg's OOM lock and calls the OOM killer, or sleeps on the
 *   memcg OOM waitqueue while another does, then retries the charge, all
 *   with its locks held. Before 3.12 (mem_cgroup_handle_oom()); again from
 *   4.19 (29ef680ae7c2, seed 001) relying on the OOM reaper; Johannes
 *   Weiner's 2015 proposal (seed 000).
 * - `user-fault-end` — 3.12 (3812c8c8f395, 519e52473eb; seed 003; the
 *   kill itself moved to the end of the fault in 3.12-rc6, 4942642080ea —
 *   rc1 to rc5 still killed in the charge): only a user page fault may
 *   handle it, and only after unwinding: the charge records the OOM and
 *   fails, the fault drops its mmap_sem, and pagefault_out_of_memory()
 *   kills or sleeps, then the fault restarts.
 *   System calls and kernel faults get -ENOMEM (put_user: -EFAULT).
 */
export const memcgOomContext = defineKnob({
  name: 'memcgOomContext',
  description: 'memcg OOM handled in the charge from every context (<3.12, 4.19+) or only at the end of a user fault (3.12-4.18)',
  values: ['charge', 'user-fault-end'],
  defaultValue: 'user-fault-end',
  sinceTraceVersion: 2,
});
