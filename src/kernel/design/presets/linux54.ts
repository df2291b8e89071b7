import { kernelAt } from '../kernelCommits.js';
import type { Preset } from '../preset.js';

const at = kernelAt('5.4');

/**
 * Linux 5.4 as far as the model goes: 4.19, plus a dying thread that
 * kills nobody in its memcg, and a killed charger that gives up waiting
 * in mutex_lock_killable(&oom_lock) (7775face2079, 5.1), and GFP_NOFS
 * charges allowed to OOM-kill (f9c645621a28). The memcg's margin is not
 * checked again under oom_lock (1378b37d03e8 is 5.9).
 */
export const linux54: Preset = {
  name: 'linux-5.4',
  title: 'Linux 5.4: every modelled change up to 5.4 (4.19, a dying charger kills nobody, GFP_NOFS memcg charges may kill)',
  cite: '7775face2079 "memcg: killed threads should not invoke memcg OOM killer"; f9c645621a28 "memcg, oom: don\'t require __GFP_FS when invoking memcg OOM killer"; the rest: oomcheck designs linux-5.4',
  knobs: at.knobs,
  commits: at.commits,
};
