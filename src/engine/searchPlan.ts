import type { LivenessQuery } from './liveness.js';
import { isLiveness, type Fairness, type Invariant, type LivenessProperty, type Predicate, type Property } from './property.js';

/** A liveness property and the query that decides it on the explored graph. */
export interface PlannedLiveness<S> extends LivenessQuery {
  readonly property: LivenessProperty<S>;
}

/**
 * What an exhaustive search of `properties` checks on the fly and records:
 * the invariants (in the order given), deadlock, and the state predicates
 * liveness needs, bit `i` of a state's flags being predicate `i`. Derived
 * the same way wherever the properties are rebuilt (a parallel search's
 * worker threads), so invariant and predicate indices agree.
 */
export interface SearchPlan<S> {
  readonly invariants: readonly Invariant<S>[];
  readonly liveness: readonly PlannedLiveness<S>[];
  readonly checkDeadlock: boolean;
  readonly predicates: readonly Predicate<S>[];
}

/**
 * The {@link SearchPlan} of `properties`; `fairness` is the default of the
 * liveness properties that do not set their own.
 * @throws {RangeError} if the liveness properties need more than 32 predicates
 */
export function planSearch<S>(properties: readonly Property<S>[], fairness: Fairness): SearchPlan<S> {
  const invariants = properties.filter((p): p is Invariant<S> => p.kind === 'invariant');
  const predicates: Predicate<S>[] = [];
  const bitOf = (predicate: Predicate<S>): number => predicates.push(predicate) - 1;
  const liveness = properties
    .filter((p): p is LivenessProperty<S> => isLiveness(p))
    .map((p) => ({
      property: p,
      fairness: p.fairness ?? fairness,
      fromBit: p.kind === 'leadsTo' ? bitOf(p.from) : undefined,
      goalBit: bitOf(p.kind === 'leadsTo' ? p.to : p.goal),
    }));
  if (predicates.length > 32) {
    throw new RangeError(`check: ${predicates.length} liveness predicates, at most 32 per search (always-eventually uses one, leads-to two): check fewer liveness properties at once`);
  }
  return { invariants, liveness, checkDeadlock: properties.some((p) => p.kind === 'deadlockFree'), predicates };
}
