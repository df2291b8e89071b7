import type { defineKnob, KnobSpec, KnobValueOf } from '../knob.js';
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
import { memcgOomSkipsDying } from './memcgOomSkipsDying.js';
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
import { dyingCurrentShortcut } from './dyingCurrentShortcut.js';
import { killSharers } from './killSharers.js';
import { sharedUnkillableMm } from './sharedUnkillableMm.js';
import { selectTieBreak } from './selectTieBreak.js';
import { vforkSkip } from './vforkSkip.js';
import { shortcutNeedsSharersDying } from './shortcutNeedsSharersDying.js';
import { nofsCallsOutOfMemory } from './nofsCallsOutOfMemory.js';
import { oomReserves } from './oomReserves.js';
import { memcgOomLock } from './memcgOomLock.js';
import { exitMmap } from './exitMmap.js';
import { oomLockHolderSleeps } from './oomLockHolderSleeps.js';

/**
 * Every knob, in display order. A knob is declared once, in its own file
 * ({@link defineKnob}); adding one means that file, one line here, and
 * the transition that reads it (`ctx.knobs.<name>`): {@link Knobs}, the
 * schemas, the CLI's tables and the trace readers derive from the list.
 */
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
  memcgOomSkipsDying,
  dyingCurrentShortcut,
  killSharers,
  sharedUnkillableMm,
  vforkSkip,
  shortcutNeedsSharersDying,
  nofsCallsOutOfMemory,
  oomReserves,
  memcgOomLock,
  exitMmap,
  oomLockHolderSleeps,
  selectTieBreak,
] as const satisfies readonly KnobSpec[];

/** A knob of {@link knobSpecs}. */
export type AnyKnob = (typeof knobSpecs)[number];

/** A knob's name: `reaper`, `reaperRetries`, … */
export type KnobName = AnyKnob['name'];

/**
 * A design: a value for every knob, derived from the declarations
 * (`reaper: 'none' | 'slot' | 'queue'`, `reaperRetries: number`, …).
 */
export type Knobs = { readonly [K in AnyKnob as K['name']]: KnobValueOf<K> };

/** The knob named `name`, if any. */
export function knobNamed(name: string): KnobSpec | undefined {
  return knobSpecs.find((k) => k.name === name);
}

/** Every knob at its default value. */
export function defaultKnobs(): Knobs {
  return Object.fromEntries(knobSpecs.map((k) => [k.name, k.defaultValue])) as Knobs;
}
