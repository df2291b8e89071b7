import { defineKnob } from '../knob.js';

/**
 * Whether `__alloc_pages_may_oom()`, holding `oom_lock`, tries the
 * freelist once more (high watermark) before calling `out_of_memory()`,
 * to catch memory freed by a parallel kill or reap.
 */
export const lastSecondAllocation = defineKnob({
  name: 'lastSecondAllocation',
  description: 'under oom_lock, retry the freelist once more before out_of_memory()',
  values: [true, false],
  defaultValue: true,
});
