import { kernelAt } from '../kernelCommits.js';
import type { Preset } from '../preset.js';

const at = kernelAt('4.19');

/**
 * Linux 4.19 as far as the model goes: every modelled commit up to 4.19
 * (`kernelAt`) — 4.9's MMF_OOM_SKIP reaper, 4.11's __GFP_NOFAIL, 4.14's
 * reserves for every thread of a victim (cd04ae1e2dc8), exit_mmap() beside
 * the reaper (212925802454, 4.14) and reaping a victim's mm itself before
 * it sets MMF_OOM_SKIP and unmaps the rest (27ae357fa82b, 4.17; no oom_lock
 * around it from af5679fbc669), 29ef680ae7c2's memcg OOM back in the
 * charge path, serialized on the global oom_lock: every charger over the
 * limit waits in mutex_lock(&oom_lock) and then runs the OOM killer, none
 * sleeps on memcg_oom_waitq (`memcgOomLock: oom-lock`), and the reaper no
 * longer under oom_lock (af5679fbc669), and out_of_memory() no longer
 * sleeping with oom_lock held after a kill (9bfe5ded054b). Not modelled: the memcg trylock
 * that 4.19.x kept for the eventfd notification only (stable fix of Dec
 * 2018).
 */
export const linux419: Preset = {
  name: 'linux-4.19',
  title: 'Linux 4.19: every modelled change up to 4.19 (memcg OOM in the charge path under oom_lock, reaper without oom_lock)',
  cite: '29ef680ae7c2 "memcg, oom: move out_of_memory back to the charge path"; af5679fbc669 "mm, oom: remove oom_lock from oom_reaper"; the rest: oomcheck designs linux-4.19',
  knobs: at.knobs,
  commits: at.commits,
};
