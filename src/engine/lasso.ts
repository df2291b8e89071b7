import type { EdgeStore } from './edgeStore.js';
import type { FairnessAnalyzer } from './fairness.js';
import type { Fairness } from './property.js';

/**
 * Shortest paths and short fair cycles inside a set of states of the
 * explored graph. Paths are lists of edge indices; the source of a path's
 * first edge is the state the path starts from.
 */
export class LassoBuilder {
  private readonly visited: Int32Array;
  private readonly parentEdge: Int32Array;
  private readonly parentState: Int32Array;
  private readonly queue: Int32Array;
  private visit = 0;

  constructor(
    private readonly edges: EdgeStore,
    private readonly n: number,
    private readonly actorCount: number,
    private readonly analyzer: FairnessAnalyzer,
  ) {
    this.visited = new Int32Array(n);
    this.parentEdge = new Int32Array(n);
    this.parentState = new Int32Array(n);
    this.queue = new Int32Array(n);
  }

  /**
   * Shortest non-empty path from `from` that stays in `allowed` states and
   * ends with an edge `accept` takes; `undefined` if there is none.
   */
  shortestPath(from: number, allowed: (s: number) => boolean, accept: (edge: number) => boolean): number[] | undefined {
    const { edges, visited, parentEdge, parentState, queue } = this;
    const visit = ++this.visit;
    let head = 0;
    let tail = 0;
    queue[tail++] = from;
    visited[from] = visit;
    parentEdge[from] = -1;
    while (head < tail) {
      const v = queue[head++];
      for (let e = edges.start(v), end = edges.end(v); e < end; e++) {
        const w = edges.target(e);
        if (w >= this.n || !allowed(w)) continue;
        if (accept(e)) return [...this.pathTo(v, from), e];
        if (visited[w] !== visit) {
          visited[w] = visit;
          parentEdge[w] = e;
          parentState[w] = v;
          queue[tail++] = w;
        }
      }
    }
    return undefined;
  }

  /** Edges from `from` to `v` along BFS parent links. */
  private pathTo(v: number, from: number): number[] {
    const path: number[] = [];
    let at = v;
    while (at !== from) {
      const e = this.parentEdge[at];
      path.push(e);
      at = this.parentState[at];
    }
    return path.reverse();
  }

  /**
   * A short cycle through `entry` inside `set` (marked in the analyzer's
   * stamps with `mark`) that is fair under `fairness`. Returns `[]` when
   * `entry` is terminal (it stutters forever). Greedy: repeatedly walk to
   * the nearest step or state that satisfies an unsatisfied actor, then
   * close the cycle by a shortest path back; at most one round per actor.
   */
  fairCycle(entry: number, mark: number, fairness: Fairness): number[] {
    const { edges, analyzer } = this;
    if (edges.start(entry) === edges.end(entry)) return [];
    const inSet = (s: number): boolean => analyzer.stamp[s] === mark;
    const walk: number[] = [];
    let current = entry;
    for (let round = 0; round <= this.actorCount + 1; round++) {
      const close = walk.length > 0 && current === entry ? [] : this.shortestPath(current, inSet, (e) => edges.target(e) === entry);
      if (close === undefined) throw new Error('fairCycle: entry is not on a cycle of its set');
      const cycle = [...walk, ...close];
      const unsatisfied = fairness === 'none' ? [] : this.unsatisfied(cycle, entry, fairness);
      if (unsatisfied.length === 0) return cycle;
      const want = new Uint8Array(this.actorCount);
      for (const a of unsatisfied) want[a] = 1;
      const step = this.shortestPath(current, inSet, (e) => {
        if (want[edges.actor(e)] === 1) return true;
        if (fairness !== 'weak') return false;
        const t = edges.target(e);
        return unsatisfied.some((a) => !analyzer.isEnabled(t, a));
      });
      if (step === undefined) throw new Error('fairCycle: set has no fair cycle; fairness analysis and cycle search disagree');
      walk.push(...step);
      current = edges.target(step[step.length - 1]);
    }
    throw new Error('fairCycle: no fair cycle found within the round bound');
  }

  /** Actors whose fairness requirement the cycle `edges` (starting at `entry`) does not meet. */
  private unsatisfied(cycle: readonly number[], entry: number, fairness: 'weak' | 'strong'): number[] {
    const { edges, analyzer } = this;
    const states = [entry, ...cycle.slice(0, -1).map((e) => edges.target(e))];
    const result: number[] = [];
    for (let a = 0; a < this.actorCount; a++) {
      if (cycle.some((e) => edges.actor(e) === a)) continue;
      const enabledAt = states.filter((s) => analyzer.isEnabled(s, a)).length;
      const unfair = fairness === 'weak' ? enabledAt === states.length : enabledAt > 0;
      if (unfair) result.push(a);
    }
    return result;
  }
}
