import type { EdgeStore } from './edgeStore.js';
import type { Fairness } from './property.js';
import { SccFinder } from './scc.js';
import type { PermutationTable } from './symmetry.js';

/**
 * Decides which strongly connected components contain a fair cycle.
 *
 * A component is a candidate when it has a cycle (two or more states, or a
 * self-loop) or is a single terminal state (no enabled action: it stutters
 * forever, which every fairness notion accepts). Then:
 * - `none`: every candidate is fair.
 * - `weak`: fair iff every actor that is enabled in *all* its states takes
 *   a step inside it. Taking the whole component is the most permissive
 *   choice (more states where an actor may be disabled, more steps), so no
 *   sub-cycle needs checking.
 * - `strong`: the Emerson–Lei refinement: actors enabled somewhere but never
 *   stepping inside are "bad"; drop the states where a bad actor is enabled
 *   and look again in the components of what remains.
 * An actor is enabled in a state when some edge of that state (to anywhere)
 * belongs to it.
 *
 * Under symmetry (edges carry actor permutations) a quotient state stands
 * for every state of its orbit, and "actor x" of a representative is a
 * different concrete actor in each of them. A concrete actor, followed
 * along a walk, is a *thread*: at a quotient edge `q → q'` with
 * permutation π, quotient actor x of q becomes quotient actor π[x] of q'.
 * The threads over a component C form the graph of pairs (q, x); it
 * covers C, so its weakly connected parts (found by union–find) are
 * strongly connected, and a walk through every edge of a concrete
 * component above C sends each concrete actor through every pair of its
 * part D, infinitely often. So the tests above hold with "actor" read as
 * "part D": under weak fairness C is fair iff no D has its actor enabled
 * at every pair of D without stepping at some pair of D (an edge of C of
 * actor x leaving (q, x)); under strong fairness a D whose actor is
 * enabled at some pair and steps at none is bad, and the states q of its
 * enabled pairs are dropped. With every permutation the identity the
 * parts are C × {x} and this is the plain test. (Emerson and Sistla's
 * threaded annotated quotient, TOPLAS 1997; the argument is written out
 * in docs/engine.md, "Symmetry".)
 */
export class FairnessAnalyzer {
  /** Per-state marks; a fresh mark value identifies the set being examined. */
  readonly stamp: Int32Array;
  private nextMark = 1;
  private readonly finder: SccFinder;
  private readonly enabledCount: Int32Array;
  private readonly stepped: Uint8Array;
  private readonly seenInState: Int32Array;

  constructor(
    private readonly edges: EdgeStore,
    private readonly n: number,
    private readonly actorCount: number,
    private readonly perms?: PermutationTable,
  ) {
    this.stamp = new Int32Array(n);
    this.finder = new SccFinder(edges, n);
    this.enabledCount = new Int32Array(actorCount);
    this.stepped = new Uint8Array(actorCount);
    this.seenInState = new Int32Array(actorCount).fill(-1);
  }

  /** Marks `states` with a fresh mark and returns it. */
  mark(states: ArrayLike<number>): number {
    const mark = this.nextMark++;
    for (let i = 0; i < states.length; i++) this.stamp[states[i]] = mark;
    return mark;
  }

  /** Components of the subgraph induced by `states` (see {@link SccFinder.run}). */
  components(states: ArrayLike<number>): { order: Int32Array; starts: Int32Array; count: number; mark: number } {
    const mark = this.mark(states);
    return { ...this.finder.run(states, this.stamp, mark), mark };
  }

  /** Component number of each state in the last {@link components} call. */
  get componentOf(): Int32Array {
    return this.finder.component;
  }

  /** Whether a component (its states) can be looped in forever, ignoring fairness. */
  isCandidate(states: Int32Array): boolean {
    return states.length > 1 || this.isCandidateState(states[0]);
  }

  /** Whether a single-state component can be looped in forever: it is terminal or has a self-loop. */
  isCandidateState(s: number): boolean {
    const start = this.edges.start(s);
    const end = this.edges.end(s);
    if (start === end) return true;
    for (let e = start; e < end; e++) if (this.edges.target(e) === s) return true;
    return false;
  }

  /** Whether `actor` has an edge from `state`. */
  isEnabled(state: number, actor: number): boolean {
    for (let e = this.edges.start(state), end = this.edges.end(state); e < end; e++) if (this.edges.actor(e) === actor) return true;
    return false;
  }

  /**
   * The fair subsets of a candidate component: for `none` and `weak` the
   * component itself or nothing; for `strong` possibly several smaller
   * components. Each returned set has a fair cycle through all its states.
   */
  fairSubsets(component: Int32Array, fairness: Fairness): Int32Array[] {
    if (fairness === 'none') return [component];
    const mark = this.mark(component);
    if (this.perms !== undefined && this.permutedInside(component, mark)) return this.threadedFairSubsets(component, mark, fairness);
    this.tally(component, mark);
    if (fairness === 'weak') {
      for (let a = 0; a < this.actorCount; a++) {
        if (this.stepped[a] === 0 && this.enabledCount[a] === component.length) return [];
      }
      return [component];
    }
    const bad: number[] = [];
    for (let a = 0; a < this.actorCount; a++) if (this.stepped[a] === 0 && this.enabledCount[a] > 0) bad.push(a);
    if (bad.length === 0) return [component];
    const rest = component.filter((s) => !bad.some((a) => this.isEnabled(s, a)));
    if (rest.length === 0) return [];
    const sub = this.components(rest);
    const fair: Int32Array[] = [];
    for (let c = 0; c < sub.count; c++) {
      const states = sub.order.slice(sub.starts[c], sub.starts[c + 1]);
      if (this.isCandidate(states)) fair.push(...this.fairSubsets(states, fairness));
    }
    return fair;
  }

  /** Whether an edge between two states of the set carries a permutation other than the identity. */
  private permutedInside(states: Int32Array, mark: number): boolean {
    const { edges, stamp } = this;
    for (let i = 0; i < states.length; i++) {
      for (let e = edges.start(states[i]), end = edges.end(states[i]); e < end; e++) {
        const t = edges.target(e);
        if (edges.perm(e) !== 0 && t < this.n && stamp[t] === mark) return true;
      }
    }
    return false;
  }

  /** {@link fairSubsets} on a component whose edges permute actors: the same tests on threads (see the class comment). */
  private threadedFairSubsets(component: Int32Array, mark: number, fairness: 'weak' | 'strong'): Int32Array[] {
    const { edges, stamp, actorCount: k } = this;
    const perms = this.perms!;
    const size = component.length * k;
    const local = new Map<number, number>();
    for (let i = 0; i < component.length; i++) local.set(component[i], i);
    const parent = new Int32Array(size);
    for (let v = 0; v < size; v++) parent[v] = v;
    const find = (v: number): number => {
      while (parent[v] !== v) {
        parent[v] = parent[parent[v]];
        v = parent[v];
      }
      return v;
    };
    const enabled = new Uint8Array(size);
    for (let i = 0; i < component.length; i++) {
      const s = component[i];
      for (let e = edges.start(s), end = edges.end(s); e < end; e++) {
        enabled[i * k + edges.actor(e)] = 1;
        const t = edges.target(e);
        if (t >= this.n || stamp[t] !== mark) continue;
        const perm = perms.get(edges.perm(e));
        const j = local.get(t)!;
        for (let x = 0; x < k; x++) {
          const a = find(i * k + x);
          const b = find(j * k + perm[x]);
          if (a !== b) parent[a] = b;
        }
      }
    }
    const pairs = new Int32Array(size);
    const enabledPairs = new Int32Array(size);
    const stepped = new Uint8Array(size);
    for (let v = 0; v < size; v++) {
      const r = find(v);
      pairs[r]++;
      enabledPairs[r] += enabled[v];
    }
    for (let i = 0; i < component.length; i++) {
      const s = component[i];
      for (let e = edges.start(s), end = edges.end(s); e < end; e++) {
        const t = edges.target(e);
        if (t < this.n && stamp[t] === mark) stepped[find(i * k + edges.actor(e))] = 1;
      }
    }
    if (fairness === 'weak') {
      for (let v = 0; v < size; v++) if (parent[v] === v && stepped[v] === 0 && enabledPairs[v] === pairs[v]) return [];
      return [component];
    }
    const bad = (v: number): boolean => enabled[v] === 1 && stepped[find(v)] === 0;
    const rest = component.filter((_, i) => {
      for (let x = 0; x < k; x++) if (bad(i * k + x)) return false;
      return true;
    });
    if (rest.length === component.length) return [component];
    if (rest.length === 0) return [];
    const sub = this.components(rest);
    const fair: Int32Array[] = [];
    for (let c = 0; c < sub.count; c++) {
      const states = sub.order.slice(sub.starts[c], sub.starts[c + 1]);
      if (this.isCandidate(states)) fair.push(...this.fairSubsets(states, fairness));
    }
    return fair;
  }

  /** Counts, per actor, the states of the set where it is enabled and whether it steps inside. */
  private tally(states: Int32Array, mark: number): void {
    const { edges, enabledCount, stepped, seenInState, stamp } = this;
    enabledCount.fill(0);
    stepped.fill(0);
    seenInState.fill(-1);
    for (let i = 0; i < states.length; i++) {
      const s = states[i];
      for (let e = edges.start(s), end = edges.end(s); e < end; e++) {
        const a = edges.actor(e);
        if (seenInState[a] !== s) {
          seenInState[a] = s;
          enabledCount[a]++;
        }
        const t = edges.target(e);
        if (t < this.n && stamp[t] === mark) stepped[a] = 1;
      }
    }
  }
}
