/**
 * The kernel properties, one per file. Each says in its TSDoc exactly what
 * is checked and under which fairness.
 *
 * Layer: imports the `engine` and `kernel` fronts only; `check`, `export`
 * and `cli` use this front.
 */
import type { KernelProperty } from './kernelProperty.js';
import { boundedOvercharge } from './boundedOvercharge.js';
import { noDeadlock } from './noDeadlock.js';
import { noKillAfterRace } from './noKillAfterRace.js';
import { noNeedlessKill } from './noNeedlessKill.js';
import { noOomLivelock } from './noOomLivelock.js';
import { noPanic } from './noPanic.js';
import { noReaperLockup } from './noReaperLockup.js';
import { noSpuriousEnomem } from './noSpuriousEnomem.js';
import { victimAlwaysHandled } from './victimAlwaysHandled.js';

export type { KernelProperty } from './kernelProperty.js';
export { boundedOvercharge, noDeadlock, noKillAfterRace, noNeedlessKill, noOomLivelock, noPanic, noReaperLockup, noSpuriousEnomem, victimAlwaysHandled };

/** Every kernel property, in the order of `propertyNames`. */
export const kernelProperties: readonly KernelProperty[] = [
  noDeadlock,
  noOomLivelock,
  victimAlwaysHandled,
  noNeedlessKill,
  noPanic,
  noReaperLockup,
  noSpuriousEnomem,
  boundedOvercharge,
  noKillAfterRace,
];

/** The property named `name`, if any. */
export function kernelPropertyNamed(name: string): KernelProperty | undefined {
  return kernelProperties.find((p) => p.name === name);
}
