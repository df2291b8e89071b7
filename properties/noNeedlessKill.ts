import { invariant } from '../src/engine/index.js';
import type { KernelProperty } from './kernelProperty.js';

/**
 * `no-needless-kill`: the OOM killer never kills while the memory it was
 * invoked for is already there — the request fits in free memory (freed by
 * an exit or a reap after the caller's last attempt: the race the
 * last-second allocation and the reaper's oom_lock are about) — or kills
 * a new process while another victim's mm is in the reaper's hands, not
 * yet freed, and reapable right now (not flagged, mmap_sem not held for
 * write): memory about to come back.
 * Safety (an invariant on a sticky flag the kill sets); the counterexample
 * is a shortest path to the needless kill.
 */
export const noNeedlessKill: KernelProperty = {
  name: 'no-needless-kill',
  summary: 'no kill while free memory or an earlier victim being reaped would satisfy the request',
  build: () => [invariant('no-needless-kill', (s) => !s.needlessKill)],
};
