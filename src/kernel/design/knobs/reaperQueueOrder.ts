import { defineKnob } from '../knob.js';

/**
 * Which queued victim the reaper takes next. The 4.6 list is pushed and
 * popped at its head (LIFO); FIFO is here for comparison.
 */
export const reaperQueueOrder = defineKnob({
  name: 'reaperQueueOrder',
  description: 'order in which queued victims are reaped: lifo (push/pop at the head of oom_reaper_list) or fifo',
  values: ['lifo', 'fifo'],
  defaultValue: 'lifo',
});
