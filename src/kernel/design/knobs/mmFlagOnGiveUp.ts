import { defineKnob } from '../knob.js';

/**
 * Whether the reaper also flags the mm (MMF_OOM_SKIP, 4.9) when it gives
 * up on it, so an unreapable victim stops blocking victim selection.
 */
export const mmFlagOnGiveUp = defineKnob({
  name: 'mmFlagOnGiveUp',
  description: 'when the reaper gives up, flag the mm anyway (MMF_OOM_SKIP, 4.9)',
  values: ['none', 'flag'],
  defaultValue: 'none',
});
