import { defineKnob } from '../knob.js';

/**
 * Whether the kernel honours Tetsuo Handa's proposed flags (seed 004, not
 * merged): `__GFP_MAY_OOMKILL` lets a GFP_NOFS allocation invoke the OOM
 * killer rather than loop; `__GFP_KILLABLE` makes an allocation give up
 * once SIGKILL is pending. Without the knob both flags are ignored, as a
 * kernel without them would.
 */
export const tetsuoGfpFlags = defineKnob({
  name: 'tetsuoGfpFlags',
  description: "honour Tetsuo Handa's __GFP_MAY_OOMKILL (NOFS may OOM-kill) and __GFP_KILLABLE (give up on SIGKILL)",
  values: [true, false],
  defaultValue: false,
  sinceTraceVersion: 2,
});
