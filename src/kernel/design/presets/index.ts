import type { Preset } from '../preset.js';
import { memcgChargeContext } from './memcgChargeContext.js';
import { memcgChargePath } from './memcgChargePath.js';
import { memcgDeferred } from './memcgDeferred.js';
import { memcgNofsKill } from './memcgNofsKill.js';
import { mmfOomReaped } from './mmfOomReaped.js';
import { mmfOomSkip } from './mmfOomSkip.js';
import { nofailReserves } from './nofailReserves.js';
import { noReaper } from './noReaper.js';
import { reaperQueue } from './reaperQueue.js';
import { reaperQueueFixed } from './reaperQueueFixed.js';
import { reaperQueueNextOnly } from './reaperQueueNextOnly.js';
import { reaperSlot } from './reaperSlot.js';
import { tetsuoGfp } from './tetsuoGfp.js';
import { tetsuoPanic } from './tetsuoPanic.js';
import { tetsuoTimeout } from './tetsuoTimeout.js';
import { weiner2015 } from './weiner2015.js';
import { linux48 } from './linux48.js';
import { linux414 } from './linux414.js';
import { linux419 } from './linux419.js';
import { linux54 } from './linux54.js';
import { linux416 } from './linux416.js';
import { linux417 } from './linux417.js';

/** Every preset, in history order (presets added later are appended). */
export const presets: readonly Preset[] = [
  memcgChargeContext,
  memcgDeferred,
  weiner2015,
  noReaper,
  reaperSlot,
  reaperQueue,
  reaperQueueNextOnly,
  reaperQueueFixed,
  mmfOomReaped,
  mmfOomSkip,
  nofailReserves,
  memcgChargePath,
  memcgNofsKill,
  tetsuoTimeout,
  tetsuoPanic,
  tetsuoGfp,
  linux48,
  linux414,
  linux416,
  linux417,
  linux419,
  linux54,
];

/** The preset named `name`, if any. */
export function presetNamed(name: string): Preset | undefined {
  return presets.find((p) => p.name === name);
}
