/**
 * Properties are named data, not code inside the engine (as in Stateright).
 * Safety: {@link invariant} and {@link deadlockFree}. Liveness:
 * {@link alwaysEventually} ("□◇ goal") and {@link leadsTo} ("□(from → ◇to)"),
 * each checked under a {@link Fairness} assumption.
 */

/**
 * Which infinite executions count when checking liveness.
 * - `none`: every infinite execution (any cycle, fair or not).
 * - `weak`: an actor that stays enabled from some point on eventually takes a step.
 * - `strong`: an actor enabled infinitely often takes a step infinitely often.
 * Fairness is per actor (see {@link Model.actorNames}).
 */
export type Fairness = 'none' | 'weak' | 'strong';

/** A state predicate. Must be pure. */
export type Predicate<S> = (state: S) => boolean;

/** Holds in every reachable state. Violation: a shortest path to a state where it fails. */
export interface Invariant<S> {
  readonly kind: 'invariant';
  readonly name: string;
  readonly holds: Predicate<S>;
  /**
   * The actors this property names (a per-actor property): a search under
   * symmetry keeps them in place. Without it the property must have the
   * same value on states that differ by a permutation of the model's
   * interchangeable actors (see `Model.symmetry`).
   */
  readonly actors?: readonly number[];
}

/**
 * No reachable state has no enabled action while some actor is unfinished
 * ({@link Model.isFinished}). Violation: a shortest path to such a state.
 */
export interface DeadlockFree {
  readonly kind: 'deadlockFree';
  readonly name: string;
}

/**
 * "Always eventually goal" (□◇goal): every fair infinite execution visits a
 * goal state infinitely often. A state with no enabled action is treated
 * as stuttering forever, which is fair (no actor is enabled), so a
 * reachable terminal state outside the goal also violates it.
 * Violation: a lasso whose cycle is fair and contains no goal state.
 */
export interface AlwaysEventually<S> {
  readonly kind: 'alwaysEventually';
  readonly name: string;
  readonly goal: Predicate<S>;
  /** Overrides the check's fairness for this property. */
  readonly fairness?: Fairness;
  /**
   * The actors this property names (a per-actor property): a search under
   * symmetry keeps them in place. Without it the property must have the
   * same value on states that differ by a permutation of the model's
   * interchangeable actors (see `Model.symmetry`).
   */
  readonly actors?: readonly number[];
}

/**
 * "from leads to to" (□(from → ◇to)): after every `from` state, every fair
 * execution eventually reaches a `to` state (the `from` state itself counts).
 * Violation: a lasso through a `from` state after which no state, on the
 * stem's rest or the fair cycle, satisfies `to`.
 */
export interface LeadsTo<S> {
  readonly kind: 'leadsTo';
  readonly name: string;
  readonly from: Predicate<S>;
  readonly to: Predicate<S>;
  /** Overrides the check's fairness for this property. */
  readonly fairness?: Fairness;
  /**
   * The actors this property names (a per-actor property): a search under
   * symmetry keeps them in place. Without it the property must have the
   * same value on states that differ by a permutation of the model's
   * interchangeable actors (see `Model.symmetry`).
   */
  readonly actors?: readonly number[];
}

/** A safety property: checked on the fly, counterexample shortest by BFS. */
export type SafetyProperty<S> = Invariant<S> | DeadlockFree;
/** A liveness property: checked on the explored graph. */
export type LivenessProperty<S> = AlwaysEventually<S> | LeadsTo<S>;
/** Any property the engine checks. */
export type Property<S> = SafetyProperty<S> | LivenessProperty<S>;

/** An invariant named `name`. */
export function invariant<S>(name: string, holds: Predicate<S>): Invariant<S> {
  return { kind: 'invariant', name, holds };
}

/** Freedom from deadlock, named `name` (default `no-deadlock`). */
export function deadlockFree(name = 'no-deadlock'): DeadlockFree {
  return { kind: 'deadlockFree', name };
}

/** □◇goal, optionally with its own fairness. */
export function alwaysEventually<S>(name: string, goal: Predicate<S>, fairness?: Fairness): AlwaysEventually<S> {
  return fairness === undefined ? { kind: 'alwaysEventually', name, goal } : { kind: 'alwaysEventually', name, goal, fairness };
}

/** □(from → ◇to), optionally with its own fairness. */
export function leadsTo<S>(name: string, from: Predicate<S>, to: Predicate<S>, fairness?: Fairness): LeadsTo<S> {
  return fairness === undefined ? { kind: 'leadsTo', name, from, to } : { kind: 'leadsTo', name, from, to, fairness };
}

/** `property` naming `actors` (see {@link LeadsTo.actors}): a search under symmetry keeps them in place. */
export function naming<P extends { readonly kind: 'invariant' | 'alwaysEventually' | 'leadsTo' }>(property: P, actors: readonly number[]): P {
  return { ...property, actors };
}

/** The actors the properties name, each once, in increasing order. */
export function actorsNamed<S>(properties: readonly Property<S>[]): number[] {
  const named = new Set<number>();
  for (const p of properties) if (p.kind !== 'deadlockFree') for (const a of p.actors ?? []) named.add(a);
  return [...named].sort((a, b) => a - b);
}

/** Whether `p` is checked on the explored graph rather than on the fly. */
export function isLiveness<S>(p: Property<S>): p is LivenessProperty<S> {
  return p.kind === 'alwaysEventually' || p.kind === 'leadsTo';
}
