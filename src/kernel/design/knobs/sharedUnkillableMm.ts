import { defineKnob } from '../knob.js';

/**
 * What `oom_kill_process()` does with a victim's mm that a process it
 * spared still uses (`can_oom_reap` false): up to 4.7 it only does not
 * wake the reaper, so the victim's TIF_MEMDIE blocks selection until the
 * victim exits (`no-reap`); 4.8's "mm, oom: hide mm which is shared with
 * kthread or global init" also sets MMF_OOM_REAPED (MMF_OOM_SKIP from 4.9)
 * on the mm, so that selection moves on (`flag-skip`). From 4.8 only
 * global init and kthreads are spared (`killSharers: all`), so with that
 * value the model never meets such an mm.
 */
export const sharedUnkillableMm = defineKnob({
  name: 'sharedUnkillableMm',
  description:
    'an mm still used by a process oom_kill_process() spared (can_oom_reap false): the reaper is not woken (no-reap, <=4.7), and also the mm is flagged MMF_OOM_REAPED/MMF_OOM_SKIP so selection moves on (flag-skip, 4.8)',
  values: ['no-reap', 'flag-skip'],
  defaultValue: 'no-reap',
  sinceTraceVersion: 3,
});
