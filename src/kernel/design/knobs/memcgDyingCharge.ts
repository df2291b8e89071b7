import { defineKnob } from '../knob.js';

/**
 * How a charge over the limit is let through for a dying task (TIF_MEMDIE,
 * SIGKILL pending or PF_EXITING) and for `__GFP_NOFAIL`, so that it can
 * exit and free its memory. `bypass` — charged to the root memcg, so
 * the group's usage does not grow (try_charge()'s `bypass:` label).
 * `force` — charged to the group itself over its limit (`force:` label),
 * which `bounded-overcharge` counts. Bypass until 4.3; force from 4.4
 * (Tejun Heo, "memcg: ratify and consolidate over-charge handling"). See
 * docs/kernel-history.md, part 2.
 */
export const memcgDyingCharge = defineKnob({
  name: 'memcgDyingCharge',
  description: 'dying task or __GFP_NOFAIL over the memcg limit: bypass to the root memcg (<=4.3), or force the charge over the limit (4.4+)',
  values: ['bypass', 'force'],
  defaultValue: 'force',
  sinceTraceVersion: 2,
});
