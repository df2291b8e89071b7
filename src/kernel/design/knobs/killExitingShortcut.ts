import { defineKnob } from '../knob.js';

/**
 * What `oom_kill_process()` does when the thread it chose is already
 * exiting (PF_EXITING, inside do_exit()). Up to 4.6,
 * `task_will_free_mem()` was `PF_EXITING && !SIGNAL_GROUP_COREDUMP`, and
 * the victim was only marked TIF_MEMDIE — "don't alarm the sysadmin or
 * kill its children or threads" — with no SIGKILL to its other threads and
 * no reaper wake-up (`mark-only`). From 4.7 (Michal Hocko, April 2016:
 * "we shouldn't consider the task unless the whole thread group is going
 * down") `task_will_free_mem()` requires the whole thread group to be
 * exiting; the model takes that as never for a group the OOM killer has not
 * killed, so the chosen thread's group is killed as usual (`none`). Up to
 * 4.5 a PF_EXITING task also aborted the scan in select_bad_process()
 * before it could be chosen (removed by 6a618957ad17, 4.6-rc1); the model
 * does not have that abort, so under `no-reaper` the mark-only path stands
 * for it (docs/kernel-history.md).
 */
export const killExitingShortcut = defineKnob({
  name: 'killExitingShortcut',
  description:
    'oom_kill_process() on a chosen thread already exiting (PF_EXITING): mark it TIF_MEMDIE only, no SIGKILL to its group, no reaper (<=4.6), or kill its group as usual (none, 4.7+: task_will_free_mem() wants the whole group exiting)',
  values: ['none', 'mark-only'],
  defaultValue: 'mark-only',
});
