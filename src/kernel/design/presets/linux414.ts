import { kernelAt } from '../kernelCommits.js';
import type { Preset } from '../preset.js';

const at = kernelAt('4.14');

/**
 * Linux 4.14 as far as the model goes: every modelled commit up to 4.14
 * (`kernelAt`) — 4.9's MMF_OOM_SKIP reaper, 4.11's __GFP_NOFAIL,
 * cd04ae1e2dc8: every thread of a victim process (`tsk_is_oom_victim()`)
 * gets ALLOC_OOM, half of the reserves, where 4.13 gave the TIF_MEMDIE
 * thread all of them and its siblings none — and 212925802454: exit_mmap()
 * runs beside the reaper (which now reaps an mm with mm_users 0 too) and
 * sets MMF_OOM_SKIP itself once unmap_vmas() has freed everything.
 */
export const linux414: Preset = {
  name: 'linux-4.14',
  title: 'Linux 4.14: every modelled change up to 4.14 (4.11, every thread of a victim gets half the reserves, exit_mmap() beside the reaper)',
  cite: 'cd04ae1e2dc8 "mm, oom: do not rely on TIF_MEMDIE for memory reserves access"; 212925802454 "mm: oom: let oom_reap_task and exit_mmap run concurrently"; the rest: oomcheck designs linux-4.14',
  knobs: at.knobs,
  commits: at.commits,
};
