import { defineKnob } from '../knob.js';

/**
 * Which dying current out_of_memory() marks TIF_MEMDIE instead of
 * killing anybody (the shortcut), for a task that may be past exit_mm().
 * Before 4.0 it was `fatal_signal_pending(current) || PF_EXITING` —
 * from 3.19 `|| task_will_free_mem(current)`, PF_EXITING and not dumping
 * core (d003f371b270, "oom: don't assume that a coredumping thread will
 * exit soon"; the model has no core dumps, so the same) — so a
 * task allocating after exit_mm() (from task_work's __fput(), say) got
 * TIF_MEMDIE again after exit_mm() had cleared it, and kept it — no mm to
 * reap, nothing to clear it — aborting every later victim selection
 * (`any-dying`). d7a94e7e11ba ("oom: don't count on mm-less
 * current process", 4.0) requires `current->mm` in out_of_memory()
 * (`current-mm`); mem_cgroup_out_of_memory() kept the mm-less shortcut
 * until 4.8. 1af8bb432695 ("mm, oom: fortify task_will_free_mem()", 4.8)
 * uses task_will_free_mem(current) in both: current itself must still
 * have its mm (`task->mm`, as merged: the posted find_lock_task_mm() was
 * dropped by mm-oom-fortify-task_will_free_mem-fix) and its group be
 * dying (`task-will-free-mem`; its MMF_OOM_REAPED test, 696453e66630, is
 * `shortcutRequiresUnflaggedMm`).
 */
export const dyingCurrentShortcut = defineKnob({
  name: 'dyingCurrentShortcut',
  description:
    'out_of_memory() shortcut for a dying current: fatal signal or PF_EXITING, with or without an mm (<4.0), only with current->mm (d7a94e7e11ba, 4.0; not the memcg OOM until 4.8), or task_will_free_mem(current) (4.8): current->mm and its whole thread group dying',
  values: ['any-dying', 'current-mm', 'task-will-free-mem'],
  defaultValue: 'current-mm',
  sinceTraceVersion: 3,
});
