import type { Preset } from '../preset.js';
import { nofailReserves } from './nofailReserves.js';

/**
 * Tetsuo Handa's GFP proposals (seed 004, not merged) on top of 4.11: a
 * GFP_NOFS allocation marked `__GFP_MAY_OOMKILL` may invoke the OOM killer
 * instead of looping, and one marked `__GFP_KILLABLE` gives up once
 * SIGKILL is pending.
 */
export const tetsuoGfp: Preset = {
  name: 'tetsuo-gfp-flags',
  title: "Tetsuo Handa's __GFP_MAY_OOMKILL and __GFP_KILLABLE (proposal, on 4.11)",
  cite: 'Tetsuo Handa, "Re: [RFC 2/2] mm, oom: do not enfore OOM killer for __GFP_NOFAIL automatically", LKML 2016-11-25 (seed 004)',
  release: '4.11',
  knobs: { ...nofailReserves.knobs, tetsuoGfpFlags: true },
};
