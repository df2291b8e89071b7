import { defineKnob } from '../knob.js';

/**
 * Whether `exit_mm()` takes `mmap_sem` for read (to serialize with a core
 * dump) before dropping the mm, so an exiting thread waits for a writer
 * of its own mm. True in the kernels of the seeds.
 */
export const exitTakesMmapSem = defineKnob({
  name: 'exitTakesMmapSem',
  description: 'exit_mm() takes mmap_sem for read: an exiting thread waits for a writer of its mm',
  values: [true, false],
  defaultValue: true,
});
