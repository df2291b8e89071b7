import type { EdgeStore } from './edgeStore.js';
import type { FairnessAnalyzer } from './fairness.js';
import type { Fairness } from './property.js';
import type { PermutationTable } from './symmetry.js';

/**
 * Fair cycles under symmetry. A cycle of the quotient graph whose
 * permutations compose to π ≠ id is not a cycle of the unreduced graph:
 * followed concretely it comes back to a permuted state, and closes only
 * after ord(π) rounds. So the cycle is searched on the lift: nodes are
 * pairs (state, frame), the frame τ saying which concrete actor plays each
 * quotient actor (`τ[x]`, relative to the frame at the entry); an edge
 * with permutation π leads from frame τ to τ ∘ π⁻¹. A cycle back to
 * (entry, identity) is a concrete cycle, and fairness is judged on it per
 * concrete actor — exactly as the unreduced graph would. The search is the
 * greedy one of `LassoBuilder.fairCycle`, on the lift; it ends because the
 * lift of a set found fair (see `FairnessAnalyzer`) is fair through every
 * node of the entry's part.
 */
export class LiftedCycleBuilder {
  constructor(
    private readonly edges: EdgeStore,
    private readonly n: number,
    private readonly actorCount: number,
    private readonly analyzer: FairnessAnalyzer,
    private readonly perms: PermutationTable,
  ) {}

  /** A fair cycle through `entry` inside the set marked `mark`, as quotient edge indices; `[]` when `entry` is terminal. */
  fairCycle(entry: number, mark: number, fairness: Fairness): number[] {
    const { edges } = this;
    if (edges.start(entry) === edges.end(entry)) return [];
    const walk: Step[] = [];
    let current: Node = { state: entry, frame: 0 };
    const atEntry = (node: Node): boolean => node.state === entry && node.frame === 0;
    for (let round = 0; round <= this.actorCount + 1; round++) {
      const close = walk.length > 0 && atEntry(current) ? [] : this.shortestPath(current, mark, (_e, to) => atEntry(to));
      if (close === undefined) throw new Error('liftedFairCycle: entry is not on a cycle of its set');
      const cycle = [...walk, ...close];
      const unsatisfied = fairness === 'none' ? [] : this.unsatisfied(cycle, fairness);
      if (unsatisfied.length === 0) return cycle.map((s) => s.edge);
      const want = new Uint8Array(this.actorCount);
      for (const b of unsatisfied) want[b] = 1;
      const step = this.shortestPath(current, mark, (e, to, from) => {
        if (want[this.perms.get(from.frame)[edges.actor(e)]] === 1) return true;
        if (fairness !== 'weak') return false;
        return unsatisfied.some((b) => !this.enabled(to, b));
      });
      if (step === undefined) throw new Error('liftedFairCycle: set has no fair cycle; fairness analysis and cycle search disagree');
      walk.push(...step);
      current = step[step.length - 1].to;
    }
    throw new Error('liftedFairCycle: no fair cycle found within the round bound');
  }

  /** Whether concrete actor `b` is enabled at lifted node `node`. */
  private enabled(node: Node, b: number): boolean {
    const x = this.perms.get(this.perms.inverse(node.frame))[b];
    return this.analyzer.isEnabled(node.state, x);
  }

  /** The node an edge leads to from frame `frame`. */
  private follow(e: number, frame: number): Node {
    return { state: this.edges.target(e), frame: this.perms.compose(frame, this.perms.inverse(this.edges.perm(e))) };
  }

  /** Shortest non-empty lifted path from `from` inside the set whose last edge `accept` takes. */
  private shortestPath(from: Node, mark: number, accept: (edge: number, to: Node, at: Node) => boolean): Step[] | undefined {
    const { edges, analyzer } = this;
    const key = (node: Node): number => node.state * 0x10000 + node.frame;
    const parent = new Map<number, Step | null>([[key(from), null]]);
    const queue: Node[] = [from];
    for (let head = 0; head < queue.length; head++) {
      const at = queue[head];
      for (let e = edges.start(at.state), end = edges.end(at.state); e < end; e++) {
        const t = edges.target(e);
        if (t >= this.n || analyzer.stamp[t] !== mark) continue;
        const to = this.follow(e, at.frame);
        const step: Step = { edge: e, from: at, to };
        if (accept(e, to, at)) return [...this.pathTo(at, parent, key), step];
        if (!parent.has(key(to))) {
          parent.set(key(to), step);
          queue.push(to);
        }
      }
    }
    return undefined;
  }

  private pathTo(node: Node, parent: Map<number, Step | null>, key: (node: Node) => number): Step[] {
    const path: Step[] = [];
    for (let step = parent.get(key(node)); step; step = parent.get(key(step.from))) path.push(step);
    return path.reverse();
  }

  /** Concrete actors whose fairness requirement the lifted cycle does not meet. */
  private unsatisfied(cycle: readonly Step[], fairness: 'weak' | 'strong'): number[] {
    const nodes: Node[] = cycle.map((s) => s.from);
    const result: number[] = [];
    for (let b = 0; b < this.actorCount; b++) {
      if (cycle.some((s) => this.perms.get(s.from.frame)[this.edges.actor(s.edge)] === b)) continue;
      const enabledAt = nodes.filter((node) => this.enabled(node, b)).length;
      const unfair = fairness === 'weak' ? enabledAt === nodes.length : enabledAt > 0;
      if (unfair) result.push(b);
    }
    return result;
  }
}

/** A node of the lift: a quotient state and a frame (a permutation id). */
interface Node {
  readonly state: number;
  readonly frame: number;
}

/** One edge of a lifted path. */
interface Step {
  readonly edge: number;
  readonly from: Node;
  readonly to: Node;
}
