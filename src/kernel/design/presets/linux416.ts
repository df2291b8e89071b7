import { kernelAt } from '../kernelCommits.js';
import type { Preset } from '../preset.js';

const at = kernelAt('4.16');

/**
 * Linux 4.16 as far as the model goes: every modelled commit up to 4.16
 * (`kernelAt`), which is 4.14's: 212925802454 (exit_mmap() and the reaper
 * run concurrently, exit_mmap() sets MMF_OOM_SKIP after unmap_vmas()) is
 * in 4.14, not 4.16 as issue 11 has it, and nothing the model expresses
 * changed in 4.15 or 4.16 — the preset is there to say so. Not modelled:
 * the exit_mmap()/reaper race on mlocked VMAs that 27ae357fa82b fixes
 * (CVE-2018-1000200, a bad memory access, not a forward-progress matter).
 */
export const linux416: Preset = {
  name: 'linux-4.16',
  title: 'Linux 4.16: every modelled change up to 4.16 (as 4.14: exit_mmap() sets MMF_OOM_SKIP after unmapping everything)',
  cite: '212925802454 "mm: oom: let oom_reap_task and exit_mmap run concurrently" (4.14); the rest: oomcheck designs linux-4.16',
  knobs: at.knobs,
  commits: at.commits,
};
