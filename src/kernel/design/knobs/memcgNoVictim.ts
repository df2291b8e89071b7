import { defineKnob } from '../knob.js';

/**
 * What a charger does when the memcg OOM killer finds nothing to kill
 * (every task unkillable, or its mm already reaped: MMF_OOM_SKIP).
 * `retry` — the charge is retried, for ever if nothing changes (before
 * 4.19). `fail` — the charge fails (-ENOMEM; -EFAULT from put_user()):
 * Johannes Weiner's 2015 series lets allocations fail rather than wait
 * for ever (seed 000: "put_user() could still technically fail").
 * `force` — 4.19 (29ef680ae7c2, OOM_FAILED): the charge is forced over
 * the limit (the posted patch also WARNed "Memory cgroup charge failed
 * because of no reclaimable memory!"; Greg Thelen's reply, seed 001, notes
 * that a task whose mm the reaper already flagged makes this a normal case).
 */
export const memcgNoVictim = defineKnob({
  name: 'memcgNoVictim',
  description: 'memcg OOM killer found no victim: retry the charge (<4.19), fail it (Weiner 2015), or force it over the limit (4.19 OOM_FAILED)',
  values: ['retry', 'fail', 'force'],
  defaultValue: 'retry',
  sinceTraceVersion: 2,
});
