/**
 * Deliberately naive reference algorithms over a {@link Graph}, written
 * without looking at how the engine does it: plain BFS, and brute-force
 * enumeration of every set of states for fair cycles. Exponential, which is
 * fine for at most 8 states.
 */
import type { Fairness } from '../../src/engine/index.js';
import type { Edge, Graph } from './randomModel.js';

/** The edges leaving each state, in edge-list order. */
export function outEdges(g: Graph): Edge[][] {
  const out: Edge[][] = Array.from({ length: g.size }, () => []);
  for (const e of g.edges) out[e.from].push(e);
  return out;
}

/** BFS distance of every state from the nearest initial state; `-1` if unreachable. */
export function bfsDistances(g: Graph): number[] {
  const out = outEdges(g);
  const dist = new Array<number>(g.size).fill(-1);
  let frontier: number[] = [];
  for (const s of g.initials) {
    if (dist[s] === -1) {
      dist[s] = 0;
      frontier.push(s);
    }
  }
  for (let d = 1; frontier.length > 0; d++) {
    const next: number[] = [];
    for (const s of frontier) {
      for (const e of out[s]) {
        if (dist[e.to] === -1) {
          dist[e.to] = d;
          next.push(e.to);
        }
      }
    }
    frontier = next;
  }
  return dist;
}

/** Number of states reachable from the initial states. */
export function reachableCount(g: Graph): number {
  return bfsDistances(g).filter((d) => d >= 0).length;
}

/** Whether `s` has no outgoing edge at all. */
export function isTerminal(g: Graph, s: number): boolean {
  return !g.edges.some((e) => e.from === s);
}

/** Whether `actor` has an edge leaving `s` (to any state). */
export function isEnabled(g: Graph, s: number, actor: number): boolean {
  return g.edges.some((e) => e.from === s && e.actor === actor);
}

/** The smallest distance among reachable states satisfying `p`, or `undefined`. */
export function nearest(g: Graph, p: (s: number) => boolean): number | undefined {
  const dist = bfsDistances(g);
  let best: number | undefined;
  for (let s = 0; s < g.size; s++) if (dist[s] >= 0 && p(s) && (best === undefined || dist[s] < best)) best = dist[s];
  return best;
}

/** Reference for `invariant(¬bad)`: distance to the nearest reachable bad state. */
export function invariantViolationDepth(g: Graph): number | undefined {
  return nearest(g, (s) => g.bad[s]);
}

/** Whether `s` is a deadlock: no outgoing edge and some actor unfinished. */
export function isDeadlock(g: Graph, s: number): boolean {
  if (!isTerminal(g, s)) return false;
  for (let a = 0; a < g.actorCount; a++) if (!g.finished[a][s]) return true;
  return false;
}

/** Reference for `deadlockFree`: distance to the nearest reachable deadlock. */
export function deadlockDepth(g: Graph): number | undefined {
  return nearest(g, (s) => isDeadlock(g, s));
}

/**
 * States reachable from `start` by paths of at least `minSteps` (0 or 1)
 * edges that only enter states in `allowed` (`start` itself is not checked).
 */
export function reachFrom(g: Graph, start: number, allowed: (s: number) => boolean, minSteps: 0 | 1): Set<number> {
  const seen = new Set<number>();
  const stack: number[] = [];
  if (minSteps === 0) seen.add(start);
  const expanded = new Set<number>([start]);
  stack.push(start);
  while (stack.length > 0) {
    const s = stack.pop()!;
    for (const e of g.edges) {
      if (e.from !== s || !allowed(e.to)) continue;
      seen.add(e.to);
      if (!expanded.has(e.to)) {
        expanded.add(e.to);
        stack.push(e.to);
      }
    }
  }
  return seen;
}

/**
 * Whether the set `set` can be looped through forever: a single state with
 * no outgoing edge at all (stuttering), or every state reaches every state
 * (itself included) in one or more steps through edges inside the set.
 */
export function isClosedCycleSet(g: Graph, set: readonly number[]): boolean {
  if (set.length === 1 && isTerminal(g, set[0])) return true;
  const inSet = (s: number): boolean => set.includes(s);
  for (const u of set) {
    const reached = reachFrom(g, u, inSet, 1);
    for (const v of set) if (!reached.has(v)) return false;
  }
  return true;
}

/**
 * Whether a run looping through all of `set` forever is fair:
 * - weak: every actor steps inside the set or is disabled in one of its states;
 * - strong: every actor enabled in one of its states steps inside the set.
 */
export function isFairSet(g: Graph, set: readonly number[], fairness: Fairness): boolean {
  if (fairness === 'none') return true;
  const inSet = (s: number): boolean => set.includes(s);
  for (let a = 0; a < g.actorCount; a++) {
    const steps = g.edges.some((e) => e.actor === a && inSet(e.from) && inSet(e.to));
    if (steps) continue;
    if (fairness === 'weak' && set.every((s) => isEnabled(g, s, a))) return false;
    if (fairness === 'strong' && set.some((s) => isEnabled(g, s, a))) return false;
  }
  return true;
}

/** Every reachable set of states outside `avoid` that is a fair closed cycle set (brute force over all subsets). */
export function fairSets(g: Graph, avoid: readonly boolean[], fairness: Fairness): number[][] {
  const dist = bfsDistances(g);
  const candidates: number[] = [];
  for (let s = 0; s < g.size; s++) if (dist[s] >= 0 && !avoid[s]) candidates.push(s);
  const result: number[][] = [];
  for (let mask = 1; mask < 1 << candidates.length; mask++) {
    const set = candidates.filter((_, i) => (mask & (1 << i)) !== 0);
    if (isClosedCycleSet(g, set) && isFairSet(g, set, fairness)) result.push(set);
  }
  return result;
}

export interface LivenessReference {
  readonly violated: boolean;
  /**
   * Violated only: for □◇goal the smallest BFS depth of a state in a fair
   * goal-avoiding set (the shortest possible stem); for leads-to the
   * smallest BFS depth of a `from` state that violates it.
   */
  readonly depth?: number;
}

/** Reference for `alwaysEventually(goal)` under `fairness`. */
export function alwaysEventuallyReference(g: Graph, fairness: Fairness): LivenessReference {
  const dist = bfsDistances(g);
  const sets = fairSets(g, g.goal, fairness);
  if (sets.length === 0) return { violated: false };
  return { violated: true, depth: Math.min(...sets.flat().map((s) => dist[s])) };
}

/**
 * The reachable states `s` with `from(s)` and not `to(s)` from which a path
 * through `¬to` states reaches a fair `¬to` set under `fairness`.
 */
export function leadsToViolators(g: Graph, fairness: Fairness): number[] {
  const dist = bfsDistances(g);
  const sets = fairSets(g, g.to, fairness);
  const inSomeSet = new Set(sets.flat());
  const violators: number[] = [];
  for (let s = 0; s < g.size; s++) {
    if (dist[s] < 0 || !g.from[s] || g.to[s]) continue;
    const reached = reachFrom(g, s, (t) => !g.to[t], 0);
    if ([...reached].some((t) => inSomeSet.has(t))) violators.push(s);
  }
  return violators;
}

/** Reference for `leadsTo(from, to)` under `fairness`. */
export function leadsToReference(g: Graph, fairness: Fairness): LivenessReference {
  const dist = bfsDistances(g);
  const violators = leadsToViolators(g, fairness);
  if (violators.length === 0) return { violated: false };
  return { violated: true, depth: Math.min(...violators.map((s) => dist[s])) };
}
