import type { EdgeStore } from './edgeStore.js';
import { FairnessAnalyzer } from './fairness.js';
import { LassoBuilder } from './lasso.js';
import { LiftedCycleBuilder } from './liftedCycle.js';
import type { Fairness } from './property.js';
import type { PermutationTable } from './symmetry.js';
import type { StoredPath } from './trace.js';

/** A liveness question on the explored graph: □(from → ◇goal); `from` absent means every state (□◇goal). */
export interface LivenessQuery {
  /** Bit (in the exploration's flags) of the `from` predicate; `undefined` for □◇goal. */
  readonly fromBit?: number;
  /** Bit of the goal predicate. */
  readonly goalBit: number;
  readonly fairness: Fairness;
}

/** A lasso in the store: replayable action indices, the ids they visit, and where the cycle starts. */
export interface StoredLasso {
  readonly initialIndex: number;
  readonly ids: number[];
  readonly actionIndices: number[];
  readonly loopStart: number;
}

/**
 * Finds a violation of a liveness query: a reachable `from` state after
 * which a path avoiding the goal reaches a fair cycle avoiding the goal.
 * Only expanded states take part, so on a search stopped by a limit a
 * lasso found is still real. Returns `undefined` when there is none among
 * the expanded states.
 *
 * Method: Tarjan components of the non-goal subgraph; the fair ones (see
 * {@link FairnessAnalyzer}); for □◇goal the shallowest state in a fair set
 * is the entry (so the stem is a shortest path); for leads-to, components
 * are swept in Tarjan's order (successors first) to learn which can reach
 * a fair set, and the shallowest `from` state that can is chosen, then a
 * shortest non-goal path from it into a fair set. Under symmetry (`perms`
 * given) the graph is a quotient: fairness is judged on threads and the
 * cycle is built on the lift (see `FairnessAnalyzer`, `LiftedCycleBuilder`);
 * the stem needs neither, as reachability is the same in the quotient.
 */
export class LivenessChecker {
  private readonly n: number;
  private readonly analyzer: FairnessAnalyzer;
  private readonly builder: LassoBuilder;
  private readonly lifted: LiftedCycleBuilder | undefined;

  constructor(
    private readonly edges: EdgeStore,
    private readonly flags: Uint32Array,
    actorCount: number,
    private readonly stemTo: (id: number) => StoredPath,
    perms?: PermutationTable,
  ) {
    this.n = edges.expanded;
    const permuted = perms !== undefined && edges.hasPermutations ? perms : undefined;
    this.analyzer = new FairnessAnalyzer(edges, this.n, actorCount, permuted);
    this.builder = new LassoBuilder(edges, this.n, actorCount, this.analyzer);
    this.lifted = permuted && new LiftedCycleBuilder(edges, this.n, actorCount, this.analyzer, permuted);
  }

  find(query: LivenessQuery): StoredLasso | undefined {
    const { n, flags, analyzer, edges } = this;
    const goal = 1 << query.goalBit;
    const member = new Uint8Array(n);
    const all = new Int32Array(n);
    let memberCount = 0;
    for (let s = 0; s < n; s++) {
      if ((flags[s] & goal) === 0) {
        member[s] = 1;
        all[memberCount++] = s;
      }
    }
    const members = all.subarray(0, memberCount);
    const top = analyzer.components(members);
    const componentOf = analyzer.componentOf.slice();
    const fairSetOf = new Int32Array(n).fill(-1);
    const fairSets: Int32Array[] = [];
    const hasFair = new Uint8Array(top.count);
    for (let c = 0; c < top.count; c++) {
      const from = top.starts[c];
      const to = top.starts[c + 1];
      // Most components are single states without a self-loop: rule them out without a copy.
      if (to - from === 1 && !analyzer.isCandidateState(top.order[from])) continue;
      // A view, not a copy: `top.order` is this query's own array.
      const states = top.order.subarray(from, to);
      for (const set of analyzer.fairSubsets(states, query.fairness)) {
        hasFair[c] = 1;
        for (const s of set) fairSetOf[s] = fairSets.length;
        fairSets.push(set);
      }
    }
    if (fairSets.length === 0) return undefined;

    let start = -1;
    if (query.fromBit === undefined) {
      for (const set of fairSets) for (const s of set) if (start === -1 || s < start) start = s;
    } else {
      const canReach = hasFair.slice();
      for (let c = 0; c < top.count; c++) {
        if (canReach[c] === 1) continue;
        for (let i = top.starts[c]; i < top.starts[c + 1] && canReach[c] === 0; i++) {
          const s = top.order[i];
          for (let e = edges.start(s), end = edges.end(s); e < end; e++) {
            const t = edges.target(e);
            if (t < n && member[t] === 1 && canReach[componentOf[t]] === 1) {
              canReach[c] = 1;
              break;
            }
          }
        }
      }
      const from = 1 << query.fromBit;
      for (const s of members) {
        if ((flags[s] & from) !== 0 && canReach[componentOf[s]] === 1) {
          start = s;
          break;
        }
      }
      if (start === -1) return undefined;
    }

    const toFair =
      fairSetOf[start] >= 0
        ? []
        : this.builder.shortestPath(
            start,
            (s) => member[s] === 1,
            (e) => fairSetOf[edges.target(e)] >= 0,
          );
    if (toFair === undefined) throw new Error('liveness: a component marked as reaching a fair set has no path to it');
    const entry = toFair.length > 0 ? edges.target(toFair[toFair.length - 1]) : start;
    const mark = analyzer.mark(fairSets[fairSetOf[entry]]);
    const cycle = (this.lifted ?? this.builder).fairCycle(entry, mark, query.fairness);

    const stem = this.stemTo(start);
    const ids = [...stem.ids, ...toFair.map((e) => edges.target(e)), ...cycle.map((e) => edges.target(e))];
    const actionIndices = [...stem.actionIndices, ...toFair.map((e) => edges.actionIndex(e)), ...cycle.map((e) => edges.actionIndex(e))];
    return { initialIndex: stem.initialIndex, ids, actionIndices, loopStart: stem.actionIndices.length + toFair.length };
  }
}
