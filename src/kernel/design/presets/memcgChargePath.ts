import { kernelAt, modelledCommits } from '../kernelCommits.js';
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
 * design, and concurrent memcg OOMs are serialized as before 4.19 (the
 * group's trylock, losers asleep on memcg_oom_waitq, without 4.2's
 * oom_lock in mem_cgroup_out_of_memory(), dc56401fc9f2, which it does not
 * list): this preset isolates the move to the charge path; `linux-4.19` is 4.19 as a whole (every
 * charger waits for the global oom_lock and kills, `memcgOomLock`; its
 * reaper no longer takes oom_lock, af5679fbc669).
 */
export const memcgChargePath: Preset = {
  name: 'memcg-charge-path',
  title: 'memcg OOM back in the charge path (29ef680ae7c2, 4.19) on the 4.11 allocator and reaper: kill from any context, force the charge if no victim',
  cite: '29ef680ae7c2 "memcg, oom: move out_of_memory back to the charge path"',
  knobs: { ...nofailReserves.knobs, memcgOomContext: 'charge', memcgOomDisabled: 'user-fault-end', memcgNoVictim: 'force', memcgDyingCharge: 'force', memcgNofsOom: 'no-kill' },
  commits: [
    ...kernelAt('4.11').commits.filter((c) => c.id !== 'dc56401fc9f2'),
    ...modelledCommits.filter((c) => c.id === '29ef680ae7c2').map(({ id, subject, release }) => ({ id, subject, release })),
  ],
};
