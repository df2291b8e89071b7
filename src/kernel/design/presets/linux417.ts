import { kernelAt } from '../kernelCommits.js';
import type { Preset } from '../preset.js';

const at = kernelAt('4.17');

/**
 * Linux 4.17 as far as the model goes: every modelled commit up to 4.17
 * (`kernelAt`) — 4.14's, and 27ae357fa82b: exit_mmap() of a victim's mm
 * reaps it itself first (under oom_lock, which the reaper still takes
 * until af5679fbc669 in 4.19), sets MMF_OOM_SKIP and cycles mmap_sem, and
 * only then munlocks and unmaps the rest, so that the mlocked, hugetlb and
 * shared-file pages come back after the flag hid the victim from the OOM
 * killer.
 */
export const linux417: Preset = {
  name: 'linux-4.17',
  title: 'Linux 4.17: every modelled change up to 4.17 (exit_mmap() reaps, sets MMF_OOM_SKIP, then unmaps the rest)',
  cite: '27ae357fa82b "mm, oom: fix concurrent munlock and oom reaper unmap, v3"; the rest: oomcheck designs linux-4.17',
  knobs: at.knobs,
  commits: at.commits,
};
