import { defineKnob } from '../knob.js';

/**
 * When the reaper clears the victim's TIF_MEMDIE (so that the OOM killer
 * may select another victim): never, only after a successful reap (the
 * first reaper, "oom: clear TIF_MEMDIE after oom_reaper managed to unmap
 * the address space"), or once done with the victim whether it reaped or
 * gave up.
 */
export const reaperClearsMemdie = defineKnob({
  name: 'reaperClearsMemdie',
  description: "when the reaper clears the victim's TIF_MEMDIE: never, after a successful reap, or always (reaped or gave up)",
  values: ['never', 'after-reap', 'always'],
  defaultValue: 'never',
});
