import { defineKnob } from '../knob.js';

/**
 * Whether the reaper also flags the mm when it gives up on it, so an
 * unreapable victim stops blocking victim selection and is never chosen
 * again: never (4.6–4.7, `none`: the victim, its TIF_MEMDIE cleared by
 * 4.7's reaper, stays "the #1 candidate" and is chosen again); on the
 * second give-up (4.8, "mm, oom_reaper: do not attempt to reap a task
 * more than twice": the first sets MMF_OOM_NOT_REAPABLE, the second
 * MMF_OOM_REAPED, `second-give-up`); or at once (4.9, Tetsuo Handa's
 * "mm,oom_reaper: do not attempt to reap a task twice", MMF_OOM_SKIP,
 * `flag`).
 */
export const mmFlagOnGiveUp = defineKnob({
  name: 'mmFlagOnGiveUp',
  description:
    'when the reaper gives up, flag the mm anyway: never (none, <=4.7), on its second give-up on that mm (second-give-up, 4.8: MMF_OOM_NOT_REAPABLE, then MMF_OOM_REAPED), or at once (flag, 4.9: MMF_OOM_SKIP)',
  values: ['none', 'flag', 'second-give-up'],
  defaultValue: 'none',
});
