import { invariant } from '../src/engine/index.js';
import type { KernelProperty } from './kernelProperty.js';

/**
 * `no-kill-after-race`: the OOM killer never selects a victim while the
 * request it was invoked for already fits — in free memory above the
 * watermarks (global OOM) or in the memcg's room under its limit (memcg
 * OOM) — and the reaper cannot have freed it (see `no-needless-kill`,
 * which counts that case). Such memory came back after the caller's last
 * attempt (its last-second get_page_from_freelist() under oom_lock, where
 * the design has one) through an exiting task's exit_mmap(), which no
 * design before 4.17 serialises with oom_lock (27ae357fa82b's exit_mmap()
 * reaps a victim's mm under it, until af5679fbc669 in 4.19), so nearly
 * every design can fail this. Kept
 * apart from `no-needless-kill` so that this race does not hide what a
 * design changes. Safety (an invariant on a sticky flag the kill sets).
 */
export const noKillAfterRace: KernelProperty = {
  name: 'no-kill-after-race',
  summary: 'no kill while the request already fits in free memory (freed since the last attempt)',
  build: () => [invariant('no-kill-after-race', (s) => !s.raceKill)],
};
