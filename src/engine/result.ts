import type { Fairness } from './property.js';

/** One step of a counterexample: who did what, and the state it led to. */
export interface TraceStep<S> {
  /** Actor name (from the model's `actorNames`). */
  readonly actor: string;
  /** The action's label. */
  readonly action: string;
  /** Index of the action in the enabled list of the previous state (for replay). */
  readonly actionIndex: number;
  /** The state after the step. */
  readonly state: S;
}

/**
 * A counterexample: a path from an initial state, optionally closed into a
 * lasso. States are numbered 0 (the initial state) to `steps.length`.
 * For a lasso, `loopStart` is the number of the state where the cycle
 * begins: the steps after it lead back to that state, forever. A lasso
 * with `loopStart === steps.length` stutters in its last state (no
 * action is enabled there).
 */
export interface Counterexample<S> {
  readonly initialIndex: number;
  readonly initial: S;
  readonly steps: readonly TraceStep<S>[];
  readonly loopStart?: number;
}

/**
 * Why a property has no verdict: a limit stopped the search before every
 * reachable state was explored, or (`random`) a random search found no
 * violation, which proves nothing, or (`interrupted`) the caller's
 * `shouldStop` asked it to stop (the CLI on SIGINT).
 */
export type StopReason = 'maxStates' | 'maxSeconds' | 'maxMemory' | 'random' | 'interrupted';

interface ResultBase {
  readonly property: string;
  readonly kind: 'invariant' | 'deadlockFree' | 'alwaysEventually' | 'leadsTo';
  /** The fairness assumed, for liveness properties. */
  readonly fairness?: Fairness;
}

/** The property holds in every reachable state / every fair execution. */
export interface Holds extends ResultBase {
  readonly verdict: 'holds';
}

/** The property fails; the counterexample shows how. */
export interface Violated<S> extends ResultBase {
  readonly verdict: 'violated';
  readonly counterexample: Counterexample<S>;
}

/** A limit stopped the search before a verdict. */
export interface Incomplete extends ResultBase {
  readonly verdict: 'incomplete';
  readonly reason: StopReason;
  /** Random strategy: the schedules tried for this property without finding a violation. */
  readonly runs?: number;
}

/** The verdict on one property. */
export type PropertyResult<S> = Holds | Violated<S> | Incomplete;

/** What a search did. */
export interface SearchStats {
  /** Distinct states stored. */
  readonly states: number;
  /** Transitions generated (successor computations). */
  readonly transitions: number;
  /** Largest BFS depth reached (initial states have depth 0). */
  readonly depth: number;
  /** States whose successors were computed. */
  readonly expanded: number;
  readonly seconds: number;
  readonly statesPerSecond: number;
  /** Bytes allocated by the visited store (fingerprints, parent links, table). */
  readonly storeBytes: number;
  /** Bytes allocated by the transition graph kept for liveness (0 if none). */
  readonly graphBytes: number;
  /** Peak bytes of the BFS frontier. */
  readonly queuePeakBytes: number;
  /** TLC-style optimistic probability that a fingerprint collision hid a state. */
  readonly collisionProbability: number;
  /** Set when a limit stopped the search. */
  readonly stopReason?: StopReason;
  /**
   * Set when the search stored one state per orbit of a symmetry group
   * (`states` then counts representatives): what was interchangeable and
   * the group's order.
   */
  readonly symmetry?: { readonly description: string; readonly order: number };
}

/** The outcome of checking a model: one result per property, plus statistics. */
export interface CheckResult<S> {
  readonly results: readonly PropertyResult<S>[];
  readonly stats: SearchStats;
}
