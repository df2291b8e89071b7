import { defineKnob } from '../knob.js';

/**
 * Whether `__GFP_NOFAIL` overrides the rules that keep an allocation from
 * invoking the OOM killer — above all GFP_NOFS ("The OOM killer does not
 * compensate for IO-less reclaim"). Up to 4.10 it did: `if (!(gfp_mask &
 * __GFP_NOFAIL))` guarded those early exits in __alloc_pages_may_oom().
 * 4.11 (06ad276ac187, Michal Hocko; seed 004) stopped forcing the OOM
 * killer for NOFAIL; see `nofailUsesReserves` for what it got instead.
 */
export const nofailForcesOom = defineKnob({
  name: 'nofailForcesOom',
  description: '__GFP_NOFAIL invokes the OOM killer even for GFP_NOFS (<=4.10)',
  values: [true, false],
  defaultValue: true,
  sinceTraceVersion: 2,
});
