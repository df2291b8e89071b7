import type { Model } from './model.js';
import type { Fairness, Property } from './property.js';
import type { Execution } from './execution.js';

/** Mark bit: the goal (always-eventually) or `to` (leads-to) holds in the state. */
const GOAL = 1;
/** Mark bit: some position up to this one satisfied `from`, and `to` has not held since (leads-to only). */
const PENDING = 2;

/**
 * Decides whether a recorded {@link Execution} violates one property: a safety
 * violation at a position, or a lasso closing a position back onto an
 * earlier one holding the same state (or stuttering in a terminal state).
 * Shared by the random strategy (on the fly) and the minimizer, so both
 * judge traces the same way — and the same way as the exhaustive search:
 * - always-eventually: no cycle state satisfies the goal;
 * - leads-to: no cycle state satisfies `to`, and some state before the
 *   cycle closes satisfies `from` with `to` false from there on;
 * - fairness, on the cycle's states and steps: `weak`, every actor enabled
 *   in all of them takes a step; `strong`, every actor enabled in one of
 *   them takes a step; a terminal state's stuttering is always fair.
 */
export class ViolationJudge<S> {
  private readonly actorCount: number;
  private readonly stepped: Uint8Array;

  constructor(
    private readonly model: Model<S, unknown>,
    readonly property: Property<S>,
    /** Fairness of the cycles (ignored for safety properties). */
    readonly fairness: Fairness,
  ) {
    this.actorCount = model.actorNames.length;
    this.stepped = new Uint8Array(this.actorCount);
  }

  /** Whether the property is judged on lassos rather than on single states. */
  get isLiveness(): boolean {
    return this.property.kind === 'alwaysEventually' || this.property.kind === 'leadsTo';
  }

  /** The marks of a state, given the previous position's (pass as a {@link Execution}'s `mark`). */
  readonly mark = (state: S, previous: number): number => {
    const p = this.property;
    if (p.kind === 'alwaysEventually') return p.goal(state) ? GOAL : 0;
    if (p.kind !== 'leadsTo') return 0;
    if (p.to(state)) return GOAL;
    return (previous & PENDING) !== 0 || p.from(state) ? PENDING : 0;
  };

  /** Whether position `k` of `run` violates the (safety) property: the invariant fails, or a deadlock. */
  safetyViolatedAt(run: Execution<S, unknown>, k: number): boolean {
    const p = this.property;
    if (p.kind === 'invariant') return !p.holds(run.states[k]);
    if (p.kind !== 'deadlockFree' || !run.isTerminal(k)) return false;
    for (let a = 0; a < this.actorCount; a++) if (!this.model.isFinished(run.states[k], a)) return true;
    return false;
  }

  /**
   * Whether the lasso whose cycle runs from position `i` to position `j`
   * (same state; `i === j`: stuttering in a terminal state) violates the
   * (liveness) property. Positions `i .. j` must be a recorded cycle:
   * callers check {@link Execution.sameState} or {@link Execution.isTerminal}.
   */
  lassoViolates(run: Execution<S, unknown>, i: number, j: number): boolean {
    if (!this.isLiveness) return false;
    const last = i === j ? j : j - 1;
    for (let k = i; k <= last; k++) if ((run.marks[k] & GOAL) !== 0) return false;
    if (this.property.kind === 'leadsTo' && (run.marks[j] & PENDING) === 0) return false;
    return i === j ? run.isTerminal(j) : this.isFairCycle(run, i, j);
  }

  /** Whether looping forever through positions `i .. j - 1` (with their steps) is fair. */
  private isFairCycle(run: Execution<S, unknown>, i: number, j: number): boolean {
    if (this.fairness === 'none') return true;
    const { stepped } = this;
    stepped.fill(0);
    for (let k = i; k < j; k++) stepped[run.stepActors[k]] = 1;
    for (let a = 0; a < this.actorCount; a++) {
      if (stepped[a] === 1) continue;
      let enabledAt = 0;
      for (let k = i; k < j; k++) if (run.isEnabled(k, a)) enabledAt++;
      if (this.fairness === 'weak' ? enabledAt === j - i : enabledAt > 0) return false;
    }
    return true;
  }
}
