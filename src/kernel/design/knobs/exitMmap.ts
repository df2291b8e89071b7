import { defineKnob } from '../knob.js';

/**
 * How the last user's exit_mmap() runs beside the OOM reaper, and who
 * sets MMF_OOM_SKIP on an exiting victim's mm:
 * - `atomic`: the last user's exit_mm() tears the mm down in one step
 *   (the model before exit_mmap() had stages; every preset not named
 *   after a release from 4.14 on);
 * - `mmget` (4.9–4.13): mmput() drops mm_users to 0, then
 *   exit_mmap() unmaps everything and __mmput() sets MMF_OOM_SKIP; a reaper
 *   that comes in between finds mmget_not_zero() failing, reaps nothing
 *   and is done, so it sets MMF_OOM_SKIP before exit_mmap() has freed the
 *   memory — the "spurious OOM kill" 212925802454 names. It also stands
 *   for 4.7–4.8's reaper finding no mm during the last user's teardown:
 *   its find_lock_task_mm() fails, which counts as success, and
 *   exit_oom_victim() clears TIF_MEMDIE while exit_mmap() still frees [R];
 * - `unmap-skip` (4.14, 212925802454 "mm: oom: let oom_reap_task and
 *   exit_mmap run concurrently"): the reaper reaps an mm with mm_users 0
 *   too, skipping it only once MMF_OOM_SKIP is set; exit_mmap() sets the
 *   flag after unmap_vmas() has freed everything (then down_write/up_write
 *   of mmap_sem waits for a reaper still at it);
 * - `reap-skip` (4.17, 27ae357fa82b "mm, oom: fix concurrent munlock
 *   and oom reaper unmap, v3"): exit_mmap() of a victim's mm first reaps
 *   it itself (__oom_reap_task_mm(), under oom_lock while
 *   `reaperTakesOomLock`), sets MMF_OOM_SKIP and cycles mmap_sem, and only
 *   then munlocks and unmaps the rest: what the reaper skips (mlocked,
 *   hugetlb, shared file mappings) is freed after the flag is set.
 */
export const exitMmap = defineKnob({
  name: 'exitMmap',
  description: 'exit_mmap() in stages beside the reaper: who sets MMF_OOM_SKIP, and when (4.9, 4.14, 4.17)',
  values: ['atomic', 'mmget', 'unmap-skip', 'reap-skip'],
  defaultValue: 'atomic',
  sinceTraceVersion: 4,
});
