import { defineKnob } from '../knob.js';

/**
 * Whether there is an OOM reaper and how victims reach it: none (before
 * 4.6), one slot whose wake-ups are dropped while it is busy (the first
 * 4.6-rc reaper, `mm_to_reap` then `task_to_reap`), or a list of queued
 * victims (`oom_reaper_list`, 4.6).
 */
export const reaper = defineKnob({
  name: 'reaper',
  description: 'OOM reaper: none; one slot (wake-up dropped while busy); a queue of victims (oom_reaper_list)',
  values: ['none', 'slot', 'queue'],
  defaultValue: 'none',
});
