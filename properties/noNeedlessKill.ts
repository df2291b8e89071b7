import { invariant } from '../src/engine/index.js';
import type { KernelProperty } from './kernelProperty.js';

/**
 * `no-needless-kill`: the OOM killer never selects a new victim process
 * (another process than the one it chose before) for a request that
 * memory already on its way back would satisfy without any allocation.
 * The kill is needless when, at the moment of the kill:
 * - `reaping`: an earlier victim is in the reaper's hands or queued for it
 *   (the slot, oom_reaper_list), its mm not yet reaped nor torn down and
 *   reapable right now (not MMF_OOM_REAPED/SKIP, its mmap_sem not held for
 *   write), and what the reaper frees of it (not its `unreapable` pages:
 *   mlocked, hugetlb, shared file mappings) makes the request fit; or
 * - `tearing-down`: an earlier victim's mm is being torn down by its last
 *   user — its mmput() has dropped mm_users to 0 and __mmput() has begun
 *   (`exitMmap` designs other than `atomic`; a victim only PF_EXITING does
 *   not count there, as do_exit() has still to reach exit_mm(), and
 *   taskstats_exit() allocates on the way), or, where exit_mm() and
 *   exit_mmap() are one step (`atomic`), that last user is PF_EXITING and its
 *   exit_mm() does not wait for a writer of the mmap_sem — and the pages the
 *   teardown has still to free (all, or what the reaper or exit_mmap()'s
 *   own reap left) make the request fit, whether or not MMF_OOM_SKIP is
 *   set. This is the kill issue 11 calls blind: MMF_OOM_SKIP set on a
 *   victim whose exit is about to free its mlocked pages (4.9: 10 steps,
 *   scenario `exit-mmap-mlocked`; 4.14: 11; 4.17: exit_mmap() sets the flag
 *   itself before it unmaps them), or by 4.9's reaper finding mm_users 0
 *   before exit_mmap() freed anything (`exit-mmap-vs-reaper`). [I] Certain
 *   only in the model, which has no AIO: __mmput() runs exit_aio(),
 *   ksm_exit() and khugepaged_exit() before exit_mmap(), and "exit_aio() may
 *   block and exit_mmap() may never start" (212925802454); or
 * - `reaped-in-window`: the request already fits in free memory (the
 *   memcg's room) and the reaper freed memory for it since the caller's
 *   last failed attempt — between that attempt (the last-second one under
 *   oom_lock, or a failed charge) and this kill (a task's
 *   `reapedSinceAttempt`). A reap before the attempt does not count: the
 *   attempt saw it.
 * "The same process again" is no new kill. Certain means: no allocation
 * and no lock another task could hold for ever stands between the memory
 * and the freelist (a reaper retry or an exit step may still be
 * pending). Any other kill when the request already fits is not counted
 * here: only an exit can have freed that memory after the caller's
 * attempt — the race no design before 4.17 avoids (and 4.17, whose
 * exit_mmap() takes oom_lock only for an mm_is_oom_victim() mm, avoids
 * only for a victim's exit, not a task exiting on its own), reported by
 * `no-kill-after-race`.
 * Safety (an invariant on a sticky flag the kill sets); the
 * counterexample is a shortest path to the needless kill, whose last step
 * says which of the three it is.
 */
export const noNeedlessKill: KernelProperty = {
  name: 'no-needless-kill',
  summary: "no new victim while an earlier victim's memory is being reaped or torn down, or after the reaper freed it in the caller's window",
  build: () => [invariant('no-needless-kill', (s) => !s.needlessKill)],
};
