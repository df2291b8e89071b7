import { defineKnob } from '../knob.js';

/**
 * What `oom_kill_process()` does when the thread it chose is already
 * exiting (PF_EXITING, inside do_exit()). Up to 4.6,
 * `task_will_free_mem()` was `PF_EXITING && !SIGNAL_GROUP_COREDUMP`, and
 * the victim was only marked TIF_MEMDIE — "don't alarm the sysadmin or
 * kill its children or threads" — with no SIGKILL to its other threads and
 * no reaper wake-up (`mark-only`). From 4.7 (Michal Hocko, April 2016:
 * "we shouldn't consider the task unless the whole thread group is going
 * down") it also requires the whole group to be exiting, which a group not
 * yet killed is not, so the thread is killed as usual (`none`).
 */
export const killExitingShortcut = defineKnob({
  name: 'killExitingShortcut',
  description: 'oom_kill_process() on an already exiting thread: mark it only, no SIGKILL to its group (<=4.6), or kill as usual (none, 4.7+)',
  values: ['none', 'mark-only'],
  defaultValue: 'mark-only',
});
