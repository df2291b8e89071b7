import { defineKnob } from '../knob.js';

/**
 * Whether a GFP_NOFS memcg charge over the limit may OOM-kill. From 4.7
 * out_of_memory() returns true for `!__GFP_FS` without killing ("The OOM
 * killer does not compensate for IO-less reclaim"); once 4.19 calls it
 * from the charge path, try_charge() takes that as OOM_SUCCESS and
 * retries for ever (`no-kill`). f9c645621a28 (Tetsuo Handa, 5.4, `Fixes:
 * 29ef680ae7c2`) exempted memcg OOMs from that check (`kill`), as before
 * 3.12 when the memcg path ignored the flag. In 3.12–4.18 only user faults,
 * never NOFS, reach the memcg OOM killer, so the knob does not matter there.
 */
export const memcgNofsOom = defineKnob({
  name: 'memcgNofsOom',
  description: 'a GFP_NOFS memcg charge over the limit: OOM-kill (<3.12, 5.4+) or kill nobody and retry (4.19-5.3)',
  values: ['kill', 'no-kill'],
  defaultValue: 'kill',
});
