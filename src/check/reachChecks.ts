import { invariant, type Counterexample, type Invariant, type PropertyResult, type StopReason } from '../engine/index.js';
import { compileCondition, conditionText, type KernelModel, type KernelState, parseReachCondition, type ReachAnswer, reachRef, type ReachQuery } from '../kernel/index.js';

/**
 * A reach query on a model: the invariant "not CONDITION", whose shortest
 * counterexample (BFS) is the shortest witness — the same search and the
 * same counterexample machinery as every safety property.
 */
export interface ReachCheck {
  readonly query: ReachQuery;
  /** The condition in its canonical form (`conditionText`). */
  readonly condition: string;
  /** Named `reach[NAME]`. */
  readonly invariant: Invariant<KernelState>;
}

/**
 * The answer to a reach query under one design:
 * - `reachable`: `witness` leads from the initial state to a state where
 *   the condition holds — shortest for an exhaustive search; a random
 *   search's is minimized but may not be;
 * - `unreachable`: an exhaustive search visited all `states` reachable
 *   states and the condition held in none;
 * - `incomplete`: no answer — a limit stopped the search, or a random
 *   search did not reach it in `runs` schedules (which proves nothing).
 */
export interface ReachResult {
  readonly name: string;
  readonly condition: string;
  readonly answer: 'reachable' | 'unreachable' | 'incomplete';
  /** The answer the query's `expect` gives under this design, if any. */
  readonly expected?: ReachAnswer;
  readonly witness?: Counterexample<KernelState>;
  /** `unreachable`: the states explored, every reachable one. */
  readonly states?: number;
  /** Random strategy, not reached: the schedules run. */
  readonly runs?: number;
  readonly reason?: StopReason;
}

/**
 * The engine invariants of `queries` on `model`.
 * @throws {Error} for a condition that does not parse against the scenario's names (the loader and the CLI check them first)
 */
export function reachChecks(model: KernelModel, queries: readonly ReachQuery[]): ReachCheck[] {
  const ctx = model.context;
  return queries.map((query) => {
    const parsed = parseReachCondition(model.layout.scenario, query.condition);
    if (!parsed.ok) throw new Error(`reach query "${query.name}": column ${parsed.column} of the condition: ${parsed.message}`);
    const reached = compileCondition(parsed.condition, ctx);
    return { query, condition: conditionText(parsed.condition), invariant: invariant(reachRef(query.name), (s) => !reached(s)) };
  });
}

/** What `query` expects under design `design` (a name as `resolveDesign(...).name` prints it). */
function expectedUnder(query: ReachQuery, design: string): ReachAnswer | undefined {
  const { expect } = query;
  if (expect === undefined || typeof expect === 'string') return expect;
  return Object.hasOwn(expect, design) ? expect[design] : undefined;
}

/**
 * The answers to `checks` under design `design` from the engine's
 * results; `states` is the exhaustive search's count (undefined for a
 * random one).
 */
export function reachResultsOf(checks: readonly ReachCheck[], results: readonly PropertyResult<KernelState>[], states: number | undefined, design: string): ReachResult[] {
  return checks.map((check) => {
    const expected = expectedUnder(check.query, design);
    const base = { name: check.query.name, condition: check.condition, ...(expected !== undefined ? { expected } : {}) };
    const result = results.find((r) => r.property === check.invariant.name);
    if (result === undefined) throw new Error(`reachResultsOf: no result for ${check.invariant.name}`);
    if (result.verdict === 'violated') return { ...base, answer: 'reachable', witness: result.counterexample };
    if (result.verdict === 'holds') return { ...base, answer: 'unreachable', ...(states !== undefined ? { states } : {}) };
    return { ...base, answer: 'incomplete', reason: result.reason, ...(result.runs !== undefined ? { runs: result.runs } : {}) };
  });
}
