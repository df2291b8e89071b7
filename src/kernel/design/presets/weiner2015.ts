import type { Preset } from '../preset.js';

/**
 * Johannes Weiner's proposal of February 2015 (seed 000, not merged as
 * such): invoke the OOM killer from every allocation context again, as
 * before 3.12, but "not wait for individual OOM victims to exit
 * indefinitely": after some time on the first victim, move on to the next
 * one. The wait is modelled as a count of aborted victim selections
 * (`memdieSkipAfter: 2`). With no victim at all the charge fails rather
 * than retry for ever ("put_user() could still technically fail due to
 * allocation failure, but it wouldn't be a very likely event"). The
 * `oom_kill_disable` handling of 3.12 stays.
 */
export const weiner2015: Preset = {
  name: 'weiner-2015',
  title: "Johannes Weiner's 2015 proposal: OOM killer from every context, next victim after a bounded wait",
  cite: 'Johannes Weiner, "Re: memcg && uaccess", LKML 2015-02-10 (seed 000)',
  release: '3.19',
  knobs: { reaper: 'none', memcgOomContext: 'charge', memcgOomDisabled: 'user-fault-end', memcgDyingCharge: 'bypass', memdieSkipAfter: 2, memcgNoVictim: 'fail' },
};
