import { modelledCommits } from '../kernelCommits.js';
import type { Preset } from '../preset.js';
import { memcgChargePath } from './memcgChargePath.js';

/**
 * 5.4 (f9c645621a28, Tetsuo Handa, "memcg, oom: don't require __GFP_FS
 * when invoking memcg OOM killer", `Fixes: 29ef680ae7c2`, also in stable):
 * 4.19's charge path, but a GFP_NOFS charge may OOM-kill in its memcg
 * instead of retrying for ever.
 */
export const memcgNofsKill: Preset = {
  name: 'memcg-nofs-kill',
  title: 'memcg-charge-path with GFP_NOFS memcg charges allowed to OOM-kill (f9c645621a28, 5.4); not the rest of 5.4 (see linux-5.4)',
  cite: 'f9c645621a28 "memcg, oom: don\'t require __GFP_FS when invoking memcg OOM killer"',
  knobs: { ...memcgChargePath.knobs, memcgNofsOom: 'kill' },
  commits: [...(memcgChargePath.commits ?? []), ...modelledCommits.filter((c) => c.id === 'f9c645621a28').map(({ id, subject, release }) => ({ id, subject, release }))],
};
