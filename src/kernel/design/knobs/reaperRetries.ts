import { defineKnob } from '../knob.js';

/**
 * How many `down_read_trylock(&mm->mmap_sem)` attempts the reaper makes on
 * one victim before it gives up. The kernel tries 10 times, 100 ms apart;
 * the model counts attempts, so a smaller number explores the same
 * interleavings with fewer states (every attempt can fail or succeed).
 */
export const reaperRetries = defineKnob({
  name: 'reaperRetries',
  description: 'mmap_sem trylock attempts per victim before the reaper gives up (kernel: 10)',
  values: { min: 1, max: 10 },
  defaultValue: 2,
});
