import { fingerprint } from './fingerprint.js';
import type { Model } from './model.js';
import type { Counterexample, TraceStep } from './result.js';
import type { Symmetry } from './symmetry.js';
import type { VisitedStore } from './visitedStore.js';

/** A path in the store: the initial state's index and the action indices taken from it. */
export interface StoredPath {
  readonly initialIndex: number;
  /** State ids visited, starting with the initial state's id. */
  readonly ids: number[];
  /** `actionIndices[k]` leads from `ids[k]` to `ids[k + 1]`. */
  readonly actionIndices: number[];
}

/**
 * The BFS path to `id`: follows parent links back to an initial state,
 * then replays forwards to recover, at each step, which enabled action
 * leads to the stored child (the store keeps no action indices: finding
 * the successor whose fingerprint matches costs one expansion per step,
 * only when a counterexample is built, as in Stateright). Under
 * `symmetry` the store holds representatives: the path is one of the
 * quotient, from the canonical initial state through canonical successors
 * (`concreteActionIndices` maps it back).
 *
 * @throws {NondeterminismError} if no enabled action reaches the stored child.
 */
export function storedPathTo<S, A>(model: Model<S, A>, store: VisitedStore, id: number, symmetry?: Symmetry<S>): StoredPath {
  const ids: number[] = [];
  let at = id;
  for (;;) {
    ids.push(at);
    const parent = store.parentOf(at);
    if (parent < 0) {
      ids.reverse();
      return { initialIndex: -parent - 1, ids, actionIndices: actionIndicesAlong(model, store, -parent - 1, ids, symmetry) };
    }
    at = parent;
  }
}

function actionIndicesAlong<S, A>(model: Model<S, A>, store: VisitedStore, initialIndex: number, ids: readonly number[], symmetry: Symmetry<S> | undefined): number[] {
  const { codec } = model;
  const canonical = (s: S): S => (symmetry ? symmetry.canonicalize(s).state : s);
  const words = new Int32Array(codec.width);
  const fp = new Int32Array(2);
  const actions: A[] = [];
  const result: number[] = [];
  let state = canonical(model.initialStates()[initialIndex]);
  for (let k = 1; k < ids.length; k++) {
    actions.length = 0;
    model.actions(state, actions);
    const child = ids[k];
    const index = actions.findIndex((action) => {
      codec.encode(canonical(model.nextState(state, action)), words, 0);
      fingerprint(words, 0, codec.width, fp);
      return fp[0] === store.fingerprintLo(child) && fp[1] === store.fingerprintHi(child);
    });
    if (index < 0) {
      throw new NondeterminismError(
        `rebuilding a counterexample, no action from step ${k - 1} reaches the state found during the search: ` +
          'actions must be deterministic (same state and action, same successor) and the codec a bijection',
      );
    }
    result.push(index);
    codec.encode(canonical(model.nextState(state, actions[index])), words, 0);
    state = codec.decode(Int32Array.from(words), 0);
  }
  return result;
}

/** Thrown when replaying a stored path does not reproduce the stored states. */
export class NondeterminismError extends Error {}

/**
 * Re-executes `actionIndices` from initial state `initialIndex` and returns
 * the states and labels as a {@link Counterexample}. When `expectedIds`
 * (one per state, initial first) is given, every replayed state's
 * fingerprint is compared with the stored one: a mismatch means the model
 * or its codec is not deterministic, and is reported as such.
 */
export function replayPath<S, A>(
  model: Model<S, A>,
  initialIndex: number,
  actionIndices: readonly number[],
  options: { store?: VisitedStore; expectedIds?: readonly number[]; loopStart?: number } = {},
): Counterexample<S> {
  const { codec } = model;
  const words = new Int32Array(codec.width);
  const fp = new Int32Array(2);
  // Each state is encoded and decoded into its own buffer, so a model that
  // returns reused scratch objects still yields an intact trace.
  const snapshot = (state: S, k: number): S => {
    codec.encode(state, words, 0);
    const { store, expectedIds } = options;
    if (store && expectedIds) {
      fingerprint(words, 0, codec.width, fp);
      const id = expectedIds[k];
      if (fp[0] !== store.fingerprintLo(id) || fp[1] !== store.fingerprintHi(id)) {
        throw new NondeterminismError(
          `replaying a counterexample, step ${k} reached a different state than during the search: ` +
            'actions must be deterministic (same state and action, same successor) and the codec a bijection',
        );
      }
    }
    return codec.decode(Int32Array.from(words), 0);
  };
  const initials = model.initialStates();
  if (initialIndex >= initials.length) throw new NondeterminismError(`initial state ${initialIndex} does not exist`);
  const initial = snapshot(initials[initialIndex], 0);
  let state = initial;
  const steps: TraceStep<S>[] = [];
  const actions: A[] = [];
  actionIndices.forEach((actionIndex, k) => {
    actions.length = 0;
    model.actions(state, actions);
    if (actionIndex >= actions.length) {
      throw new NondeterminismError(`replaying a counterexample, step ${k + 1} needs action #${actionIndex} but only ${actions.length} are enabled`);
    }
    const action = actions[actionIndex];
    const next = snapshot(model.nextState(state, action), k + 1);
    steps.push({ actor: model.actorNames[model.actorOf(state, action)], action: model.label(state, action), actionIndex, state: next });
    state = next;
  });
  return options.loopStart === undefined ? { initialIndex, initial, steps } : { initialIndex, initial, steps, loopStart: options.loopStart };
}
