import { defineKnob } from '../knob.js';

/**
 * Whether out_of_memory() sleeps with oom_lock held after it killed:
 * "Give the killed process a good chance to exit before trying to
 * allocate memory again": `schedule_timeout_killable(1)` after
 * oom_kill_process(), inside out_of_memory(), so inside
 * `mutex_trylock(&oom_lock)` … `mutex_unlock(&oom_lock)` in
 * __alloc_pages_may_oom(). A holder of low priority that wakes from it
 * may not get its CPU back while allocators of higher priority retry
 * there, and nobody can call out_of_memory() meanwhile (CVE-2016-10723;
 * Tetsuo Handa's SCHED_IDLE reproducer). 9bfe5ded054b (Michal Hocko,
 * 4.19, "mm, oom: remove sleep from under oom_lock") drops it ("Keep the
 * sleep when the trylock fails"). Only a scenario with `cpus` models the
 * sleep as steps; without it the kill and the unlock stay one step.
 */
export const oomLockHolderSleeps = defineKnob({
  name: 'oomLockHolderSleeps',
  description: 'after a kill, out_of_memory() sleeps in schedule_timeout_killable(1) with oom_lock held (true, before 4.19) or returns and unlocks at once (false, 9bfe5ded054b); steps only with cpus',
  values: [true, false],
  defaultValue: true,
  sinceTraceVersion: 4,
  onlyWithCpus: true,
});
