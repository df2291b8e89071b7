import { explore, type ExploreOptions } from './bfs.js';
import { concreteActionIndices } from './concreteTrace.js';
import { LivenessChecker } from './liveness.js';
import type { Model } from './model.js';
import type { ParallelSearch } from './modelSource.js';
import { exploreParallel } from './parallelBfs.js';
import { actorsNamed, type Fairness, type Property } from './property.js';
import type { CheckResult, Counterexample, PropertyResult } from './result.js';
import { planSearch } from './searchPlan.js';
import { NondeterminismError, replayPath, storedPathTo } from './trace.js';

/** Options of {@link check}; `S` and `A` type its {@link ExploreOptions.observer}. */
export interface CheckOptions<S = unknown, A = unknown> extends ExploreOptions<S, A> {
  /** Fairness for liveness properties that do not set their own. Default `weak`. */
  readonly fairness?: Fairness;
  /**
   * Use the model's symmetry (`Model.symmetry`), if it has one, fixing the
   * actors the properties name: one state per orbit, verdicts and
   * counterexamples as without it. Default `true`.
   */
  readonly symmetry?: boolean;
  /**
   * Compute successors on worker threads as well (see `exploreParallel`):
   * the same results, state for state. Ignored with an observer (which
   * needs every decoded state on this thread) and when the model's
   * symmetry is in use (the parallel search stores states unreduced).
   * Default: none, one thread.
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
 * Under the model's symmetry (see {@link CheckOptions.symmetry}) the
 * search stores representatives; counterexamples are mapped back to runs
 * of the model itself (`concreteActionIndices`) and replayed.
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
  const symmetry = options.symmetry === false ? undefined : model.symmetry?.(actorsNamed(properties));
  const request = {
    invariants,
    checkDeadlock,
    predicates,
    keepGraph: liveness.length > 0,
    // An observer is shown the whole reachable graph, not the part explored before every safety property failed.
    stopWhenSettled: liveness.length === 0 && (invariants.length > 0 || checkDeadlock) && options.observer === undefined,
    ...(symmetry ? { symmetry } : {}),
  };
  const exploration =
    options.parallel !== undefined && options.observer === undefined && symmetry === undefined ? exploreParallel(model, request, options, options.parallel) : explore(model, request, options);
  const { store, stats } = exploration;
  // Under symmetry the stored path is one of representatives: mapped back, then replayed on the model.
  const counterexample = (initialIndex: number, actionIndices: readonly number[], ids: readonly number[], loopStart?: number): Counterexample<S> => {
    const loop = loopStart === undefined ? {} : { loopStart };
    if (!symmetry) return replayPath(model, initialIndex, actionIndices, { store, expectedIds: ids, ...loop });
    const trace = replayPath(model, initialIndex, concreteActionIndices(model, symmetry, initialIndex, actionIndices), loop);
    if (loopStart !== undefined && loopStart < trace.steps.length) checkClosed(model, trace, loopStart);
    return trace;
  };
  const pathTo = (id: number) => {
    const path = storedPathTo(model, store, id, symmetry);
    return counterexample(path.initialIndex, path.actionIndices, path.ids);
  };
  const incomplete = stats.stopReason;
  const livenessChecker = exploration.edges
    ? new LivenessChecker(exploration.edges, exploration.flags, model.actorNames.length, (id) => storedPathTo(model, store, id, symmetry), exploration.perms)
    : undefined;

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
        return { ...base, verdict: 'violated', counterexample: counterexample(lasso.initialIndex, lasso.actionIndices, lasso.ids, lasso.loopStart) };
      }
      return incomplete ? { ...base, verdict: 'incomplete', reason: incomplete } : { ...base, verdict: 'holds' };
    }
    return incomplete ? { property: p.name, kind: p.kind, verdict: 'incomplete', reason: incomplete } : { property: p.name, kind: p.kind, verdict: 'holds' };
  });
  return { results, stats };
}

/** Checks that a mapped-back lasso's last state is the state its cycle starts at. */
function checkClosed<S, A>(model: Model<S, A>, trace: Counterexample<S>, loopStart: number): void {
  const { codec } = model;
  const first = new Int32Array(codec.width);
  const last = new Int32Array(codec.width);
  codec.encode(loopStart === 0 ? trace.initial : trace.steps[loopStart - 1].state, first, 0);
  codec.encode(trace.steps[trace.steps.length - 1].state, last, 0);
  if (!first.every((w, i) => w === last[i]))
    throw new NondeterminismError('mapping a lasso back, its cycle does not return to the state it starts at: the model is not symmetric under the group its symmetry gave');
}
