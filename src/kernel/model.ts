import type { Model, StateCodec } from '../engine/index.js';
import { kernelCodec } from './codec.js';
import type { Design } from './design/design.js';
import { layoutOf, type Layout } from './layout.js';
import { PackedState, packedStateLayout } from './packedState.js';
import type { Scenario } from './scenario.js';
import { plainState } from './plainState.js';
import { copyState, initialState, type KernelState } from './state.js';
import { kernelSymmetry } from './symmetry.js';
import { reaperIdle, reaperStep } from './transitions/reaper.js';
import { presetNamed } from './design/presets/index.js';
import { presetRelease } from './design/preset.js';
import { kernelNames } from './transitions/kernelNames.js';
import type { Context, Step } from './transitions/step.js';
import { labelOf, type StepEvent } from './transitions/stepEvent.js';
import { schedule } from './transitions/scheduler.js';
import { taskFinished, taskStep } from './transitions/taskStep.js';

/** An action is the index of the actor that moves: tasks first, then the OOM reaper. */
export type KernelAction = number;

/** The kernel model of a scenario under a design, for the engine. */
export interface KernelModel extends Model<KernelState, KernelAction> {
  readonly layout: Layout;
  readonly design: Design;
  /** What the transitions read besides the state: the layout, the knobs, the kernel's names for the design's release. */
  readonly context: Context;
  /** Actor index of the OOM reaper. */
  readonly reaperActor: number;
  /**
   * What `actor`'s step in `state` does, as typed events (the label is
   * their texts joined by `; `); empty when the actor has no step there.
   * A trace's readers recompute each step's events from the state before
   * it and its actor.
   */
  stepEvents(state: KernelState, actor: KernelAction): readonly StepEvent[];
}

/**
 * Builds the model: one actor per task plus the OOM reaper kthread. Each
 * actor has at most one step in a state (programs are sequential), so an
 * action is just the actor's index; every actor is subject to the fairness
 * a property asks for. With the scenario's `cpus`, a state's actions are
 * the steps the scheduler would run (`transitions/scheduler.ts`): an
 * actor kept off its CPU by runnable actors of higher priority has no
 * action there, so fairness is among the actors the scheduler would run.
 */
export function kernelModel(scenario: Scenario, design: Design): KernelModel {
  const layout = layoutOf(scenario);
  const preset = presetNamed(design.preset);
  const ctx: Context = { layout, knobs: design.knobs, names: kernelNames(preset && presetRelease(preset), design.knobs) };
  const reaperActor = layout.tasks.length;
  const stepOf = (s: KernelState, actor: number): Step | undefined => (actor === reaperActor ? reaperStep(ctx, s) : taskStep(ctx, s, actor));
  // The steps of the state `actions()` last listed, by actor: a search asks
  // `actions(s)` and then `nextState(s, a)` for each `a` on the same object,
  // so each step is computed once. States are never mutated, so the object
  // identifies its steps; other callers (replay, minimizing) compute them.
  let listed: KernelState | undefined;
  const listedSteps: (Step | undefined)[] = new Array(reaperActor + 1).fill(undefined);
  const stepIn = (s: KernelState, actor: number): Step | undefined => (s === listed ? listedSteps[actor] : stepOf(s, actor));
  const initial = initialState(layout);
  const packing = packedStateLayout(layout, design.knobs);
  const packed = kernelCodec(layout, packing);
  const { width } = packed;
  // The fast path (`encodeNextState`): the state's words copied into the
  // draft, which the step's recipe changes in place. The state the search
  // expands is read in place (`view`), so its words are at hand; any other
  // state is encoded once (the one `based` holds).
  const draft = new PackedState(layout, packing);
  const reader = new PackedState(layout, packing);
  const base = new Int32Array(width);
  let based: KernelState | undefined;
  const codec: StateCodec<KernelState> = {
    width,
    encode: packed.encode,
    decode: packed.decode,
    view(w, o) {
      // The reader's words change: its steps, listed for the state it held, are stale.
      if (listed === reader) listed = undefined;
      for (let k = 0; k < width; k++) reader.words[k] = w[o + k];
      return reader;
    },
  };
  return {
    layout,
    design,
    context: ctx,
    reaperActor,
    actorNames: [...layout.tasks.map((t) => t.name), 'oom_reaper'],
    codec,
    initialStates: () => [initial],
    actions(s, out) {
      listed = undefined;
      for (let a = 0; a <= reaperActor; a++) listedSteps[a] = stepOf(s, a);
      if (layout.cpus > 0) schedule(ctx, s, listedSteps);
      for (let a = 0; a <= reaperActor; a++) if (listedSteps[a]) out.push(a);
      listed = s;
    },
    actorOf: (_s, a) => a,
    label(s, a) {
      const step = stepIn(s, a);
      return step ? labelOf(step.events()) : '(not enabled)';
    },
    stepEvents: (s, a) => (a >= 0 && a <= reaperActor ? (stepIn(s, a)?.events() ?? []) : []),
    nextState(s, a) {
      const step = stepIn(s, a);
      if (!step) throw new Error(`kernel model: actor ${a} has no step in this state`);
      const next = copyState(s);
      step.apply(next);
      return next;
    },
    encodeNextState(s, a, out, offset) {
      const step = stepIn(s, a);
      if (!step) throw new Error(`kernel model: actor ${a} has no step in this state`);
      if (s === reader) {
        draft.words.set(reader.words);
      } else {
        if (s !== based) {
          packed.encode(s, base, 0);
          based = s;
        }
        draft.words.set(base);
      }
      step.apply(draft);
      out.set(draft.words, offset);
    },
    isFinished: (s, a) => s.panicked || (a === reaperActor ? reaperIdle(s) || design.knobs.reaper === 'none' : taskFinished(ctx, s, a)),
    toPlain: (s) => plainState(layout, s, design.knobs),
    symmetry: (fixedActors) => kernelSymmetry(layout, fixedActors),
  };
}
