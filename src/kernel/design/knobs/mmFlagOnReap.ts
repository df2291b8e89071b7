import { defineKnob } from '../knob.js';

/**
 * Whether the reaper flags an mm it has reaped: MMF_OOM_REAPED (4.7) or
 * MMF_OOM_SKIP (4.9). A flagged mm is never selected again; whether its
 * victims still abort victim selection is `victimAbortsSelection`'s
 * business (in 4.7 they do; from 4.8 a flagged victim does not).
 */
export const mmFlagOnReap = defineKnob({
  name: 'mmFlagOnReap',
  description: 'after a successful reap, flag the mm (MMF_OOM_REAPED 4.7 / MMF_OOM_SKIP 4.9): it is never selected again (whether its victims still abort selection is victimAbortsSelection)',
  values: ['none', 'flag'],
  defaultValue: 'none',
});
