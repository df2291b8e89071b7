import { invariant } from '../src/engine/index.js';
import type { KernelProperty } from './kernelProperty.js';

/**
 * `no-needless-kill`: the OOM killer never selects a new victim process
 * while the memory of another process is certain to come back without
 * any allocation:
 * - its mm is in the reaper's hands (`oom_reap_task()` on it), not yet
 *   reaped or torn down, and reapable right now (not MMF_OOM_REAPED/SKIP,
 *   its mmap_sem not held for write), and what the reaper frees of it
 *   (not its `unreapable` pages: mlocked, hugetlb, shared file mappings)
 *   makes the request fit; or
 * - the request already fits in free memory (the memcg's room) and the
 *   reaper may have freed it since the caller's last attempt: the design
 *   has a reaper that is not shut out of that window by oom_lock
 *   (e2fe14564d33, 4.7: global OOM, a last-second attempt under oom_lock,
 *   `reaperTakesOomLock`) and some mm's reaped pages are back (the
 *   reaper freed some of them: not all were unreapable).
 * Not yet counted (exit_mmap() is one step in the model): a victim whose
 * exit_mmap() is under way while MMF_OOM_SKIP already hides it (4.9–4.13:
 * the reaper cannot join it and flags it; 4.17: exit_mmap() flags it
 * before freeing what the reaper cannot).
 * Choosing the same process again is no new kill. Any other kill when the
 * request already fits in free memory is not counted here: only an exit
 * can have freed it, between the caller's last freelist attempt and
 * victim selection — the race no design avoids, reported by
 * `no-kill-after-race`.
 * Safety (an invariant on a sticky flag the kill sets); the
 * counterexample is a shortest path to the needless kill.
 */
export const noNeedlessKill: KernelProperty = {
  name: 'no-needless-kill',
  summary: "no new victim while an earlier victim's memory is being reaped, or after the reaper freed it in the caller's window",
  build: () => [invariant('no-needless-kill', (s) => !s.needlessKill)],
};
