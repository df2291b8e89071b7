import { explore, type ExploreOptions } from './bfs.js';
import { LivenessChecker } from './liveness.js';
import type { Model } from './model.js';
import type { ParallelSearch } from './modelSource.js';
import { exploreParallel } from './parallelBfs.js';
import type { Fairness, Property } from './property.js';
import type { CheckResult, PropertyResult } from './result.js';
import { planSearch } from './searchPlan.js';
import { replayPath, storedPathTo } from './trace.js';

/** Options of {@link check}; `S` and `A` type its {@link ExploreOptions.observer}. */
export interface CheckOptions<S = unknown, A = unknown> extends ExploreOptions<S, A> {
  /** Fairness for liveness properties that do not set their own. Default `weak`. */
  readonly fairness?: Fairness;
  /**
   * Compute successors on worker threads as well (see `exploreParallel`):
   * the same results, state for state. Ignored with an observer (which
   * needs every decoded state on this thread). Default: none, one thread.
   */
  readonly parallel?: ParallelSearch;
}

/**
 * Checks `properties` on `model` by exhaustive breadth-first search.
 *
 * Safety properties get a shortest counterexample. Liveness properties are
 * decided on the explored graph under their fairness, with a lasso whose
 * stem is shortest. When a limit stops the search, properties without a
 * counterexample so far are `incomplete`; counterexamples found are real.
 * With an `observer`, the search goes on after every safety property has
 * failed, so the observer sees every reachable state (limits permitting).
 *
 * @throws {NondeterminismError} if rebuilding a counterexample shows the model is not deterministic.
 */
export function check<S, A>(model: Model<S, A>, properties: readonly Property<S>[], options: CheckOptions<S, A> = {}): CheckResult<S> {
  const names = new Set<string>();
  for (const p of properties) {
    if (names.has(p.name)) throw new Error(`check: two properties are named "${p.name}"`);
    names.add(p.name);
  }
  const { invariants, liveness, checkDeadlock, predicates } = planSearch(properties, options.fairness ?? 'weak');
  const request = {
    invariants,
    checkDeadlock,
    predicates,
    keepGraph: liveness.length > 0,
    // An observer is shown the whole reachable graph, not the part explored before every safety property failed.
    stopWhenSettled: liveness.length === 0 && (invariants.length > 0 || checkDeadlock) && options.observer === undefined,
  };
  const exploration = options.parallel !== undefined && options.observer === undefined ? exploreParallel(model, request, options, options.parallel) : explore(model, request, options);
  const { store, stats } = exploration;
  const pathTo = (id: number) => {
    const path = storedPathTo(model, store, id);
    return replayPath(model, path.initialIndex, path.actionIndices, { store, expectedIds: path.ids });
  };
  const incomplete = stats.stopReason;
  const livenessChecker = exploration.edges ? new LivenessChecker(exploration.edges, exploration.flags, model.actorNames.length, (id) => storedPathTo(model, store, id)) : undefined;

  const results = properties.map((p): PropertyResult<S> => {
    if (p.kind === 'invariant') {
      const id = exploration.invariantViolations.get(invariants.indexOf(p));
      if (id !== undefined) return { property: p.name, kind: p.kind, verdict: 'violated', counterexample: pathTo(id) };
    } else if (p.kind === 'deadlockFree') {
      if (exploration.deadlock !== undefined) return { property: p.name, kind: p.kind, verdict: 'violated', counterexample: pathTo(exploration.deadlock) };
    } else {
      const query = liveness.find((q) => q.property === p)!;
      const base = { property: p.name, kind: p.kind, fairness: query.fairness } as const;
      const lasso = livenessChecker!.find(query);
      if (lasso) {
        const counterexample = replayPath(model, lasso.initialIndex, lasso.actionIndices, { store, expectedIds: lasso.ids, loopStart: lasso.loopStart });
        return { ...base, verdict: 'violated', counterexample };
      }
      return incomplete ? { ...base, verdict: 'incomplete', reason: incomplete } : { ...base, verdict: 'holds' };
    }
    return incomplete ? { property: p.name, kind: p.kind, verdict: 'incomplete', reason: incomplete } : { property: p.name, kind: p.kind, verdict: 'holds' };
  });
  return { results, stats };
}
