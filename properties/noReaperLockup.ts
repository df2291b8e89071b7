import { alwaysEventually } from '../src/engine/index.js';
import type { KernelProperty } from './kernelProperty.js';

/**
 * `no-reaper-lockup`: the OOM reaper does not run forever — it is idle
 * (no victim in hand, oom_reaper_list empty) again and again, □◇ idle,
 * under strong fairness (see `KernelProperty`; with `cpus`, among the
 * actors the scheduler would run, the reaper a SCHED_NORMAL kthread on any
 * CPU). bb29902a7515's self-cycle on oom_reaper_list breaks
 * it: "we would simply lockup looping on the same task" (af8e15cc85a2).
 * A panic also counts as idle.
 */
export const noReaperLockup: KernelProperty = {
  name: 'no-reaper-lockup',
  summary: 'the OOM reaper keeps coming back to idle: it never loops forever (strong fairness)',
  fairness: 'strong',
  build: (_model, fairness) => [alwaysEventually('no-reaper-lockup', (s) => (s.reaper.current === -1 && s.reaper.head === -1) || s.panicked, fairness)],
};
