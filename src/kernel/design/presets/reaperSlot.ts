import type { Preset } from '../preset.js';

/**
 * The first OOM reaper (4.6-rc): one slot; a wake-up while the slot is
 * busy is dropped; TIF_MEMDIE is cleared only after a successful reap.
 * The design seed 002 argues about.
 */
export const reaperSlot: Preset = {
  name: 'reaper-slot',
  title: 'first OOM reaper (4.6-rc): one slot, wake-up dropped while busy, TIF_MEMDIE cleared after a successful reap',
  cite: 'aac453635549 "mm, oom: introduce oom reaper"; 36324a990cf5 "oom: clear TIF_MEMDIE after oom_reaper managed to unmap the address space"',
  knobs: { reaper: 'slot', reaperClearsMemdie: 'after-reap' },
};
