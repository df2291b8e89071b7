import { defineKnob } from '../knob.js';

/**
 * What `oom_kill_process()` does when the thread it chose is already
 * exiting (PF_EXITING, inside do_exit()). Up to 4.6 the test was
 * PF_EXITING (from 3.19, d003f371b270: `task_will_free_mem()`,
 * `PF_EXITING && !SIGNAL_GROUP_COREDUMP`; no core dumps in the model), and
 * the victim was only marked TIF_MEMDIE — "don't alarm the sysadmin or
 * kill its children or threads" — with no SIGKILL to its other threads and
 * no reaper wake-up (`mark-only`). From 4.7 (Michal Hocko, April 2016:
 * "we shouldn't consider the task unless the whole thread group is going
 * down") `task_will_free_mem()` requires the whole thread group to be
 * exiting, and the task itself PF_EXITING with its mm: the model reaches
 * that only for a thread waiting in exit_mm(), so it leaves it out and
 * the chosen group is killed as usual (`none`; killing a group already
 * dying only marks and queues again). 1af8bb432695 ("fortify
 * task_will_free_mem()", 4.8) calls task_will_free_mem(p) there — p, the
 * chosen group's leader, still has its mm, the group is killed
 * (SIGNAL_GROUP_EXIT) or p exits alone, every other process using the mm
 * is dying and the mm is not MMF_OOM_REAPED (`shortcutRequiresUnflaggedMm`)
 * — and then only marks p and wakes the reaper: a re-selected victim gets
 * no new kill (`task-will-free-mem`). Up to
 * 4.5 a PF_EXITING task also aborted the scan in select_bad_process()
 * before it could be chosen (removed by 6a618957ad17, 4.6-rc1); the model
 * does not have that abort, so under `no-reaper` the mark-only path stands
 * for it (docs/kernel-history.md).
 */
export const killExitingShortcut = defineKnob({
  name: 'killExitingShortcut',
  description:
    'oom_kill_process() on a chosen process already dying: mark its exiting (PF_EXITING) thread TIF_MEMDIE only, no SIGKILL to its group, no reaper (mark-only, <=4.6); kill its group as usual (none, 4.7: task_will_free_mem() wants the whole group exiting); or, when task_will_free_mem(p) of its leader p holds (group killed or p exiting alone, every sharer dying, mm not MMF_OOM_REAPED), mark p and wake the reaper, no new kill (task-will-free-mem, 4.8)',
  values: ['none', 'mark-only', 'task-will-free-mem'],
  defaultValue: 'mark-only',
});
