import type { Preset } from '../preset.js';

/**
 * The first OOM reaper: one slot (`mm_to_reap`, then `task_to_reap`); a
 * wake-up while the slot is busy is dropped; TIF_MEMDIE is cleared only
 * after a successful reap; giving up only logs. The design seed 002 argues
 * about. It lived in mmotm/linux-next (January–March 2016) and in the 4.6
 * merge window, never in a tagged kernel: v4.6-rc1 already had the queue
 * (docs/kernel-history.md).
 */
export const reaperSlot: Preset = {
  name: 'reaper-slot',
  title: 'first OOM reaper (mmotm, early 2016): one slot, wake-up dropped while busy, TIF_MEMDIE cleared after a successful reap',
  cite: 'aac453635549 "mm, oom: introduce oom reaper"; 36324a990cf5 "oom: clear TIF_MEMDIE after oom_reaper managed to unmap the address space"',
  release: '4.6',
  knobs: { reaper: 'slot', reaperClearsMemdie: 'after-reap' },
};
