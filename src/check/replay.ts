import { kernelPropertyNamed } from '../../properties/index.js';
import type { Fairness, Property } from '../engine/index.js';
import { version } from '../packageRoot.js';
import {
  parsePropertyRef,
  parseReachCondition,
  describeValues,
  knobAccepts,
  knobSpecs,
  type Knobs,
  presetNamed,
  resolveDesign,
  kernelModel,
  type KernelModel,
  type Scenario,
  type KernelState,
} from '../kernel/index.js';
import { stateDivergence, type Divergence } from './divergence.js';
import { violationOf } from './replayViolation.js';
import { reachChecks } from './reachChecks.js';

export type { Divergence } from './divergence.js';

/**
 * What replay needs of a recorded counterexample — the trace document's
 * fields (`src/export/traceDocument.ts`), declared here so that the
 * kernel does not depend on the export formats.
 */
export interface RecordedTrace {
  /** The oomcheck that wrote the trace: its step labels are compared only when it is this one (see {@link replayTrace}). */
  readonly tool: { readonly version: string };
  readonly scenario: { readonly content: Scenario };
  readonly design: { readonly name: string; readonly preset: string; readonly knobs: Knobs };
  /** `condition`: a witness of the reach query `failing` (`reach[NAME]`), replayed as the invariant "not condition". */
  readonly property: { readonly failing: string; readonly fairness?: Fairness; readonly condition?: string };
  readonly actors: readonly string[];
  /** `states[0]` initial; `steps[i]` leads from `states[i]` to `states[i + 1]`. */
  readonly states: readonly KernelState[];
  readonly steps: readonly { readonly actor: string; readonly actorIndex: number; readonly label: string }[];
  /** Lassos: the index of the state the cycle starts at (the last state equals it). */
  readonly loop?: number;
}

/**
 * The outcome of a replay: the violation is `confirmed`; the trace
 * `diverged` from the model; or it replays but the property is
 * `not-violated` by it (with the reason).
 */
export type ReplayResult =
  | { readonly verdict: 'confirmed'; readonly steps: number; readonly property: string; readonly kind: Property<KernelState>['kind'] }
  | { readonly verdict: 'diverged'; readonly divergence: Divergence }
  | { readonly verdict: 'not-violated'; readonly steps: number; readonly property: string; readonly reason: string };

const knobValue = (knobs: Readonly<Record<string, unknown>>, name: string): unknown => knobs[name];

/** Why the design's name and knobs disagree, or why a knob is invalid; `undefined` when they agree. */
function designDivergence(design: RecordedTrace['design']): Divergence | undefined {
  const at = (expected: string, found: string, description: string): Divergence => ({ step: 0, expected, found, description });
  if (!presetNamed(design.preset)) return at(`preset ${design.preset}`, 'no such preset', `unknown design preset "${design.preset}"`);
  for (const spec of knobSpecs) {
    const value = knobValue(design.knobs, spec.name);
    if (!knobAccepts(spec, value))
      return at(`${spec.name} in ${describeValues(spec)}`, `${spec.name}=${JSON.stringify(value)}`, `knob ${spec.name}: ${JSON.stringify(value)} is not one of ${describeValues(spec)}`);
  }
  const [namePreset, ...segments] = design.name.split('+');
  if (namePreset !== design.preset) return at(`preset ${namePreset} (the design's name)`, `preset ${design.preset}`, `the design is named ${design.name} but its preset is ${design.preset}`);
  const named = new Map(segments.map((s) => [s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)]));
  const base = resolveDesign(design.preset).knobs;
  for (const spec of knobSpecs) {
    const said = named.get(spec.name) ?? String(knobValue(base, spec.name));
    const value = String(knobValue(design.knobs, spec.name));
    if (said !== value) return at(`${spec.name}=${said} (the design's name)`, `${spec.name}=${value} (its knobs)`, `the design is named ${design.name} but its knobs have ${spec.name}=${value}`);
  }
  const unknown = [...named.keys()].find((k) => !knobSpecs.some((s) => s.name === k));
  return unknown === undefined ? undefined : at(`knob ${unknown} (the design's name)`, 'no such knob', `the design's name ${design.name} has unknown knob "${unknown}"`);
}

/** The engine property the trace violates, built on `model` under the recorded fairness. */
function failingProperty(model: KernelModel, doc: RecordedTrace): Property<KernelState> | undefined {
  const { failing, condition } = doc.property;
  const reach = /^reach\[(.*)\]$/s.exec(failing);
  if (condition !== undefined || reach) {
    if (condition === undefined || !reach || !parseReachCondition(model.layout.scenario, condition).ok) return undefined;
    return reachChecks(model, [{ name: reach[1], condition }])[0].invariant;
  }
  const property = kernelPropertyNamed(parsePropertyRef(doc.property.failing).property);
  return property?.build(model, doc.property.fairness ?? property.fairness ?? 'strong').find((p) => p.name === doc.property.failing);
}

/** Checks everything before the first step: design, property, actors, the number of states, the initial state. */
function setup(doc: RecordedTrace): { model: KernelModel; property: Property<KernelState> } | Divergence {
  const design = designDivergence(doc.design);
  if (design) return design;
  const model = kernelModel(doc.scenario.content, { name: doc.design.name, preset: doc.design.preset, knobs: doc.design.knobs });
  const property = failingProperty(model, doc);
  if (!property)
    return { step: 0, expected: `property ${doc.property.failing}`, found: 'no such property in this scenario', description: `"${doc.property.failing}" is not a property of this scenario` };
  if (doc.actors.join('\n') !== model.actorNames.join('\n')) {
    return { step: 0, expected: doc.actors.join(', '), found: model.actorNames.join(', '), description: 'the trace names other actors than the scenario has' };
  }
  if (doc.states.length !== doc.steps.length + 1) {
    return { step: 0, expected: `${doc.steps.length + 1} states for ${doc.steps.length} steps`, found: `${doc.states.length} states`, description: 'a trace has one more state than steps' };
  }
  return stateDivergence(model, 0, doc.states[0], model.initialStates()[0], "the initial state differs from the scenario's") ?? { model, property };
}

/**
 * Re-executes a recorded counterexample on the kernel model of its
 * scenario and design (the recorded knobs, which must agree with the
 * design's name): the initial state must be the model's, and each step's
 * actor must be able to move and reach exactly the recorded next state,
 * and — for a trace written by this oomcheck version — take the recorded
 * action (same label). A label is the wording of the step's events, which
 * a later oomcheck may improve; the step itself is fixed by the actor and
 * the states (a step is deterministic: one successor per actor), so a
 * trace of another version replays on its states alone. The first mismatch is reported
 * as a {@link Divergence}. Then the violation is checked again on the
 * replayed states: for a safety property the last state violates it; for
 * a liveness property the trace is a lasso whose cycle never reaches the
 * goal and is fair (see `replayViolation.ts`).
 *
 * Deterministic and cheap: one successor per step, no search.
 */
export function replayTrace(doc: RecordedTrace): ReplayResult {
  const ready = setup(doc);
  if ('step' in ready) return { verdict: 'diverged', divergence: ready };
  const { model, property } = ready;
  const compareLabels = doc.tool.version === version();
  const enabled: number[] = [];
  for (let k = 1; k <= doc.steps.length; k++) {
    const state = doc.states[k - 1];
    const { actor, actorIndex, label } = doc.steps[k - 1];
    const at = `step ${k} (${actor}: ${label})`;
    const diverged = (expected: string, found: string, description: string): ReplayResult => ({ verdict: 'diverged', divergence: { step: k, expected, found, description } });
    if (model.actorNames[actorIndex] !== actor) return diverged(`actor ${actor}`, `actor ${actorIndex} is ${model.actorNames[actorIndex] ?? 'nobody'}`, `${at}: the actor's name and index disagree`);
    enabled.length = 0;
    model.actions(state, enabled);
    if (!enabled.includes(actorIndex)) {
      const movers = enabled.map((a) => model.actorNames[a]).join(', ') || 'nobody';
      return diverged(`${actor} moves`, `${actor} cannot move (can move: ${movers})`, `${at}: ${actor} cannot move in state ${k - 1}`);
    }
    const replayedLabel = model.label(state, actorIndex);
    if (compareLabels && replayedLabel !== label) return diverged(label, replayedLabel, `${at}: ${actor} takes another step: ${replayedLabel}`);
    const divergence = stateDivergence(model, k, doc.states[k], model.nextState(state, actorIndex), `${at} leads to another state`);
    if (divergence) return { verdict: 'diverged', divergence };
  }
  const outcome = violationOf(model, property, doc);
  const steps = doc.steps.length;
  if (outcome.verdict === 'violated') return { verdict: 'confirmed', steps, property: property.name, kind: property.kind };
  if (outcome.verdict === 'holds') return { verdict: 'not-violated', steps, property: property.name, reason: outcome.reason };
  return { verdict: 'diverged', divergence: outcome.divergence };
}
