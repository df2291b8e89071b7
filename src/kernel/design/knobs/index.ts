import type { KnobSpec } from '../knob.js';
import { exitTakesMmapSem } from './exitTakesMmapSem.js';
import { killExitingShortcut } from './killExitingShortcut.js';
import { lastSecondAllocation } from './lastSecondAllocation.js';
import { memdiePanicAfter } from './memdiePanicAfter.js';
import { memdieSkipAfter } from './memdieSkipAfter.js';
import { memcgOomContext } from './memcgOomContext.js';
import { memcgOomDisabled } from './memcgOomDisabled.js';
import { memcgNofsOom } from './memcgNofsOom.js';
import { memcgNoVictim } from './memcgNoVictim.js';
import { memcgDyingCharge } from './memcgDyingCharge.js';
import { nofailForcesOom } from './nofailForcesOom.js';
import { nofailUsesReserves } from './nofailUsesReserves.js';
import { tetsuoGfpFlags } from './tetsuoGfpFlags.js';
import { mmFlagOnGiveUp } from './mmFlagOnGiveUp.js';
import { mmFlagOnReap } from './mmFlagOnReap.js';
import { reaper } from './reaper.js';
import { reaperClearsMemdie } from './reaperClearsMemdie.js';
import { reaperClearsNextPointer } from './reaperClearsNextPointer.js';
import { reaperEnqueueCheck } from './reaperEnqueueCheck.js';
import { reaperQueueOrder } from './reaperQueueOrder.js';
import { reaperRetries } from './reaperRetries.js';
import { reaperSleepOutlastsTaskStep } from './reaperSleepOutlastsTaskStep.js';
import { reaperTakesOomLock } from './reaperTakesOomLock.js';
import { shortcutRequiresUnflaggedMm } from './shortcutRequiresUnflaggedMm.js';
import { shortcutWakesReaper } from './shortcutWakesReaper.js';
import { victimAbortsSelection } from './victimAbortsSelection.js';

/** Every knob, in display order. */
export const knobSpecs = [
  reaper,
  reaperQueueOrder,
  reaperEnqueueCheck,
  reaperClearsNextPointer,
  reaperRetries,
  reaperSleepOutlastsTaskStep,
  reaperClearsMemdie,
  mmFlagOnReap,
  mmFlagOnGiveUp,
  victimAbortsSelection,
  shortcutWakesReaper,
  shortcutRequiresUnflaggedMm,
  killExitingShortcut,
  reaperTakesOomLock,
  lastSecondAllocation,
  exitTakesMmapSem,
  memdieSkipAfter,
  memdiePanicAfter,
  memcgOomContext,
  memcgOomDisabled,
  memcgNoVictim,
  memcgDyingCharge,
  memcgNofsOom,
  nofailForcesOom,
  nofailUsesReserves,
  tetsuoGfpFlags,
] as const satisfies readonly KnobSpec[];

/** A design: a value for every knob. */
export interface Knobs {
  readonly reaper: 'none' | 'slot' | 'queue';
  readonly reaperQueueOrder: 'lifo' | 'fifo';
  readonly reaperEnqueueCheck: 'mm-once' | 'head-or-next' | 'next-only';
  readonly reaperClearsNextPointer: boolean;
  readonly reaperRetries: number;
  readonly reaperSleepOutlastsTaskStep: boolean;
  readonly reaperClearsMemdie: 'never' | 'after-reap' | 'always';
  readonly mmFlagOnReap: 'none' | 'flag';
  readonly mmFlagOnGiveUp: 'none' | 'flag';
  readonly victimAbortsSelection: 'any-memdie' | 'memdie-unflagged' | 'victim-unflagged';
  readonly shortcutWakesReaper: boolean;
  readonly shortcutRequiresUnflaggedMm: boolean;
  readonly killExitingShortcut: 'none' | 'mark-only';
  readonly reaperTakesOomLock: boolean;
  readonly lastSecondAllocation: boolean;
  readonly exitTakesMmapSem: boolean;
  readonly memdieSkipAfter: number;
  readonly memdiePanicAfter: number;
  readonly memcgOomContext: 'charge' | 'user-fault-end';
  readonly memcgOomDisabled: 'sleep-in-charge' | 'user-fault-end';
  readonly memcgNoVictim: 'retry' | 'fail' | 'force';
  readonly memcgDyingCharge: 'bypass' | 'force';
  readonly memcgNofsOom: 'kill' | 'no-kill';
  readonly nofailForcesOom: boolean;
  readonly nofailUsesReserves: boolean;
  readonly tetsuoGfpFlags: boolean;
}

/** The knob named `name`, if any. */
export function knobNamed(name: string): KnobSpec | undefined {
  return knobSpecs.find((k) => k.name === name);
}

/** Every knob at its default value. */
export function defaultKnobs(): Knobs {
  return Object.fromEntries(knobSpecs.map((k) => [k.name, k.defaultValue])) as unknown as Knobs;
}
