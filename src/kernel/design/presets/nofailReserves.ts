import type { Preset } from '../preset.js';
import { mmfOomSkip } from './mmfOomSkip.js';

/**
 * 4.11: `__GFP_NOFAIL` no longer forces the OOM killer where the
 * allocation could not otherwise invoke it (GFP_NOFS); it dips into the
 * memory reserves instead (ALLOC_NO_WATERMARKS), and loops when they are gone. Seed 004 is
 * Tetsuo Handa's objection: a kill traded for a possible livelock. The
 * rest is 4.9's MMF_OOM_SKIP design.
 */
export const nofailReserves: Preset = {
  name: 'nofail-reserves',
  title: '__GFP_NOFAIL without a forced OOM kill, with access to reserves (4.11)',
  cite: '06ad276ac187 "mm, oom: do not enforce OOM killer for __GFP_NOFAIL automatically"',
  release: '4.11',
  knobs: { ...mmfOomSkip.knobs, nofailForcesOom: false },
};
