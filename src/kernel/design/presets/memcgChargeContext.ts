import type { Preset } from '../preset.js';

/**
 * Before 3.12: a charge over a memcg's limit is handled right in the
 * charging context, from any context. mem_cgroup_handle_oom(): the task
 * that wins the memcg's OOM lock calls the OOM killer, the others sleep
 * on memcg_oom_waitq, and all retry the charge — with every lock they
 * hold; with `oom_kill_disable` all of them sleep there. Dying tasks
 * bypass the charge to the root memcg. No OOM reaper (it came in 4.6).
 * Seed 003 is the commit message that describes its deadlocks.
 */
export const memcgChargeContext: Preset = {
  name: 'memcg-charge-context',
  title: 'memcg OOM in the charge context (before 3.12): chargers loop or sleep holding their locks',
  cite: 'Linux 3.11 mm/memcontrol.c mem_cgroup_handle_oom(); described in 3812c8c8f395 (seed 003)',
  release: '3.11',
  knobs: { reaper: 'none', memcgOomContext: 'charge', memcgOomDisabled: 'sleep-in-charge', memcgDyingCharge: 'bypass', dyingCurrentShortcut: 'any-dying' },
};
