import type { Preset } from '../preset.js';
import { mmfOomReaped } from './mmfOomReaped.js';
import { mmfOomSkip } from './mmfOomSkip.js';
import { noReaper } from './noReaper.js';
import { reaperQueue } from './reaperQueue.js';
import { reaperQueueFixed } from './reaperQueueFixed.js';
import { reaperQueueNextOnly } from './reaperQueueNextOnly.js';
import { reaperSlot } from './reaperSlot.js';
import { tetsuoPanic } from './tetsuoPanic.js';
import { tetsuoTimeout } from './tetsuoTimeout.js';

/** Every preset, in history order. */
export const presets: readonly Preset[] = [
  noReaper,
  reaperSlot,
  reaperQueue,
  reaperQueueNextOnly,
  reaperQueueFixed,
  mmfOomReaped,
  mmfOomSkip,
  tetsuoTimeout,
  tetsuoPanic,
];

/** The preset named `name`, if any. */
export function presetNamed(name: string): Preset | undefined {
  return presets.find((p) => p.name === name);
}
