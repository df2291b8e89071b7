import type { Preset } from '../preset.js';
import { nofailReserves } from './nofailReserves.js';

/**
 * 4.19 (Michal Hocko, seed 001): relying on the OOM reaper for forward
 * progress, the memcg OOM killer is called from the charge path again,
 * from every context: success → retry the charge; no victim (OOM_FAILED)
 * → force the charge over the limit; an `oom_kill_disable` group → a user
 * fault sleeps at its end, anything else gets -ENOMEM. Dying tasks force
 * their charges too. A GFP_NOFS charge kills nobody and retries (fixed in
 * 5.4: `memcg-nofs-kill`). The page allocator and reaper side is the 4.11
 * design (4.19's own changes there are not modelled).
 */
export const memcgChargePath: Preset = {
  name: 'memcg-charge-path',
  title: 'memcg OOM back in the charge path (4.19): kill from any context, force the charge if no victim',
  cite: '29ef680ae7c2 "memcg, oom: move out_of_memory back to the charge path"',
  knobs: { ...nofailReserves.knobs, memcgOomContext: 'charge', memcgOomDisabled: 'user-fault-end', memcgNoVictim: 'force', memcgDyingCharge: 'force', memcgNofsOom: 'no-kill' },
};
