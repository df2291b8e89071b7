import { defineKnob } from '../knob.js';

/**
 * Whether `__GFP_NOFAIL` overrides the rules that keep an allocation from
 * invoking the OOM killer — above all GFP_NOFS ("The OOM killer does not
 * compensate for IO-less reclaim"). Up to 4.10 it did, two ways: up to
 * 4.6 `if (!(gfp_mask & __GFP_NOFAIL))` guarded those early exits in
 * __alloc_pages_may_oom(); from 4.7 (3da88fb3bacf moved the GFP_NOFS check
 * into out_of_memory()) `if (oc->gfp_mask && !(oc->gfp_mask &
 * (__GFP_FS|__GFP_NOFAIL))) return true;` let NOFAIL through. 4.11
 * (06ad276ac187, Michal Hocko; seed 004) made it `!(gfp_mask & __GFP_FS)`:
 * no forced OOM kill for NOFAIL; see `nofailUsesReserves` for what it got
 * instead.
 */
export const nofailForcesOom = defineKnob({
  name: 'nofailForcesOom',
  description: "__GFP_NOFAIL invokes the OOM killer even for GFP_NOFS (<=4.10: past __alloc_pages_may_oom()'s early exits up to 4.6, past out_of_memory()'s !__GFP_FS check in 4.7-4.10)",
  values: [true, false],
  defaultValue: true,
  sinceTraceVersion: 2,
});
