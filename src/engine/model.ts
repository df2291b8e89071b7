import type { Symmetry } from './symmetry.js';

/**
 * The model interface every checker strategy explores.
 *
 * Deliberately small, in the spirit of Stateright's `Model`: a model gives
 * its initial states, the actions enabled in a state (in a deterministic
 * order), the next state for an action, the actor performing each action
 * (used for fairness), and which actors have finished (used for deadlock).
 * States are immutable plain data; the {@link StateCodec} packs them into
 * fixed-width integer vectors, which is all the engine stores.
 *
 * The engine knows nothing about what the model represents.
 */
export interface Model<S, A> {
  /** Names of the actors, indexed by actor number. At most 255 actors. */
  readonly actorNames: readonly string[];
  /** Packs states into `codec.width` 32-bit words and back. */
  readonly codec: StateCodec<S>;
  /** The initial states, in a fixed order. */
  initialStates(): readonly S[];
  /**
   * Pushes every action enabled in `state` onto `out` (which the engine
   * empties first), always in the same order for the same state. Every
   * action pushed must have a successor: an action that cannot fire must
   * not be listed. At most 255 actions per state.
   */
  actions(state: S, out: A[]): void;
  /** The actor (index into {@link Model.actorNames}) performing `action`. */
  actorOf(state: S, action: A): number;
  /**
   * The state after `action`. Must be deterministic: the same state and
   * action always give the same successor. `state` must not be mutated.
   * The engine encodes the returned state before it calls `nextState`
   * again, so a model may return a reused scratch object.
   */
  nextState(state: S, action: A): S;
  /**
   * Optional fast path of the exhaustive searches: writes the encoding of
   * the state after `action` into `out[offset .. offset + codec.width)`,
   * word for word what `codec.encode(nextState(state, action), out, offset)`
   * writes, without building the successor as an object. `state` is the
   * one the search has just listed `actions` of. The search decodes the
   * words when it needs the successor itself (invariants, an observer),
   * and otherwise only fingerprints and stores them; under symmetry it
   * does not use this path (the successor is canonicalized as an object).
   */
  encodeNextState?(state: S, action: A, out: Int32Array, offset: number): void;
  /**
   * A human-readable label for `action` taken in `state`, without the
   * actor's name (traces show it beside the label). Used in traces only.
   */
  label(state: S, action: A): string;
  /**
   * Optional: `state` as plain JSON-friendly data for traces and exports
   * (e.g. a packed vector spelled out as named fields). Default: the state.
   */
  toPlain?(state: S): unknown;
  /**
   * Whether `actor` has finished in `state`. A state with no enabled action
   * in which some actor has not finished is a deadlock.
   */
  isFinished(state: S, actor: number): boolean;
  /**
   * Optional: the symmetry group of the model that fixes every actor in
   * `fixedActors` (the actors the checked properties name), as a
   * canonical form; `undefined` when that group is trivial. The search
   * then stores one state per orbit (see {@link Symmetry} for the
   * contract). Asked once per search.
   */
  symmetry?(fixedActors: readonly number[]): Symmetry<S> | undefined;
}

/**
 * A bijection between states and fixed-width vectors of 32-bit words.
 * `decode(encode(s))` must equal `s` as far as the model can tell:
 * it must enable the same actions with the same successors.
 */
export interface StateCodec<S> {
  /** Number of 32-bit words per encoded state. */
  readonly width: number;
  /** Writes `state` into `out[offset .. offset + width)`. */
  encode(state: S, out: Int32Array, offset: number): void;
  /**
   * Reads a state from `words[offset .. offset + width)`. The engine may
   * overwrite that region once it has finished with the returned state, so
   * a decoder returning a view (e.g. `subarray`) must not be retained by the model.
   */
  decode(words: Int32Array, offset: number): S;
  /**
   * Optional: a state that reads `words[offset .. offset + width)` as
   * `decode` would, without building it — one object the codec reuses,
   * valid until the next `view` call. The exhaustive searches expand
   * their state through it when the model has `encodeNextState` and no
   * observer is attached (so nothing keeps the state past its expansion).
   */
  view?(words: Int32Array, offset: number): S;
}
