import { defineKnob } from '../knob.js';

/**
 * Whether a `__GFP_NOFAIL` allocation that does not OOM-kill may take
 * pages from the memory reserves instead: after out_of_memory() returns
 * without a kill it gets an ALLOC_NO_WATERMARKS attempt ("Help non-failing
 * allocations by giving them access to memory reserves"; in every version
 * for a request that reaches out_of_memory(), see docs/kernel-history.md
 * part 2). The model applies it where the OOM killer is skipped — for
 * GFP_NOFS from 4.11 (`nofailForcesOom` off). Without reserves left it
 * keeps looping — Tetsuo Handa's objection in seed 004: a kill traded for
 * a possible livelock.
 */
export const nofailUsesReserves = defineKnob({
  name: 'nofailUsesReserves',
  description: '__GFP_NOFAIL that does not OOM-kill dips into the reserves (ALLOC_NO_WATERMARKS) instead',
  values: [true, false],
  defaultValue: true,
  sinceTraceVersion: 2,
});
