import { defineKnob } from '../knob.js';

/**
 * Whether there is an OOM reaper and how victims reach it: none (before
 * 4.6), one slot whose wake-ups are dropped while it is busy (the first
 * reaper in mmotm/linux-next, Jan–Mar 2016, never in a tagged kernel:
 * `mm_to_reap` then `task_to_reap`; see docs/kernel-history.md), or a list of queued
 * victims (`oom_reaper_list`, 4.6).
 */
export const reaper = defineKnob({
  name: 'reaper',
  description: 'OOM reaper: none; one slot (wake-up dropped while busy); a queue of victims (oom_reaper_list)',
  values: ['none', 'slot', 'queue'],
  defaultValue: 'none',
});
