/**
 * The same kind of checks on random graphs of a few hundred to a few
 * thousand states: past the initial capacities of the engine's stores and
 * frontier and across many of the visited store's parent-link checkpoints
 * (every 256 expanded states), where brute force is out of reach. The
 * references here are still simple: plain BFS, and for fairness `none` a
 * fixpoint of the states from which every path must reach the goal.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alwaysEventually, check, deadlockFree, invariant, leadsTo, type Fairness, type Property } from '../../src/engine/index.js';
import { SEED, toModel, type Edge, type Graph } from './randomModel.js';
import { bfsDistances, deadlockDepth, invariantViolationDepth, isDeadlock, outEdges } from './reference.js';
import { expectFairLasso, expectReplaysAlongEdges, leadsToFromIndex, traceStates } from './traceChecks.js';

const RUNS = 25;
const FAIRNESS: readonly Fairness[] = ['none', 'weak', 'strong'];

/** A small deterministic PRNG (mulberry32), so one integer from fast-check describes a whole graph. */
function prng(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 300..3000 states; each has 1..3 edges (or none, at a rate of 0, 1 or 3%),
 * mostly to a state a little further on and otherwise (1, 5 or 20%)
 * anywhere, so some graphs are hundreds of levels deep and some shallow;
 * 1..3 actors; dense goals so that liveness sometimes holds.
 */
function largeGraph(seed: number): Graph {
  const random = prng(seed);
  const int = (n: number): number => Math.floor(random() * n);
  const size = 300 + int(2701);
  const actorCount = 1 + int(3);
  const terminalRate = [0, 0.01, 0.03][int(3)];
  const jumpRate = [0.01, 0.05, 0.2][int(3)];
  const edges: Edge[] = [];
  for (let from = 0; from < size; from++) {
    const degree = random() < terminalRate ? 0 : 1 + int(3);
    for (let k = 0; k < degree; k++) {
      const to = random() < jumpRate ? int(size) : Math.min(size - 1, from + 1 + int(6));
      edges.push({ from, to, actor: int(actorCount) });
    }
  }
  const density = (p: number): boolean[] => Array.from({ length: size }, () => random() < p);
  const goalDensity = [0.5, 0.8, 0.95][int(3)];
  return {
    size,
    actorCount,
    edges,
    initials: random() < 0.5 ? [0] : [0, int(size)],
    bad: Array.from({ length: size }, () => random() < 3 / size),
    goal: density(goalDensity),
    from: density(0.3),
    to: density(goalDensity),
    finished: Array.from({ length: actorCount }, () => density(0.5)),
  };
}

/**
 * States from which every path eventually reaches `target` (greatest
 * fixpoint complement, computed naively): `s` is in it if `target(s)`, or
 * if `s` has an edge and all its successors are in it.
 */
function mustReach(g: Graph, target: readonly boolean[]): boolean[] {
  const out = outEdges(g);
  const must = target.slice();
  for (let changed = true; changed; ) {
    changed = false;
    for (let s = 0; s < g.size; s++) {
      if (!must[s] && out[s].length > 0 && out[s].every((e) => must[e.to])) {
        must[s] = true;
        changed = true;
      }
    }
  }
  return must;
}

const graphs = fc.noBias(fc.integer({ min: 0, max: 0x7fffffff })).map(largeGraph);

describe('larger random graphs', () => {
  it('safety: verdicts, shortest lengths and replay; full search: state and transition counts', () => {
    fc.assert(
      fc.property(graphs, (g) => {
        const model = toModel(g);
        const { results, stats } = check(model, [invariant<number>('not-bad', (s) => !g.bad[s]), deadlockFree(), alwaysEventually<number>('ae', (s) => g.goal[s], 'none')]);
        const dist = bfsDistances(g);
        expect(stats.states).toBe(dist.filter((d) => d >= 0).length);
        expect(stats.transitions).toBe(g.edges.filter((e) => dist[e.from] >= 0).length);
        expect(stats.depth).toBe(Math.max(...dist));
        const expected = [invariantViolationDepth(g), deadlockDepth(g)];
        const violating = [(s: number) => g.bad[s], (s: number) => isDeadlock(g, s)];
        for (let p = 0; p < 2; p++) {
          const result = results[p];
          expect(result.verdict).toBe(expected[p] === undefined ? 'holds' : 'violated');
          if (result.verdict !== 'violated') continue;
          expect(result.counterexample.steps.length).toBe(expected[p]);
          expectReplaysAlongEdges(g, model, result.counterexample);
          expect(violating[p](traceStates(result.counterexample).at(-1)!)).toBe(true);
        }
      }),
      { seed: SEED + 400, numRuns: RUNS },
    );
  });

  it('liveness: verdicts without fairness, valid fair lassos, shallowest from-state, fairness monotone', () => {
    fc.assert(
      fc.property(graphs, (g) => {
        const model = toModel(g);
        const properties: Property<number>[] = [];
        for (const f of FAIRNESS)
          properties.push(
            alwaysEventually(`ae-${f}`, (s) => g.goal[s], f),
            leadsTo(
              `lt-${f}`,
              (s) => g.from[s],
              (s) => g.to[s],
              f,
            ),
          );
        const { results } = check(model, properties);
        const dist = bfsDistances(g);
        const mustGoal = mustReach(g, g.goal);
        const mustTo = mustReach(g, g.to);
        const aeViolated = g.goal.some((_, s) => dist[s] >= 0 && !mustGoal[s]);
        const ltViolators = dist.flatMap((d, s) => (d >= 0 && g.from[s] && !mustTo[s] ? [d] : []));
        expect(results[0].verdict).toBe(aeViolated ? 'violated' : 'holds');
        expect(results[1].verdict).toBe(ltViolators.length > 0 ? 'violated' : 'holds');
        FAIRNESS.forEach((f, i) => {
          const [ae, lt] = [results[2 * i], results[2 * i + 1]];
          if (ae.verdict === 'violated') {
            expectReplaysAlongEdges(g, model, ae.counterexample);
            expectFairLasso(g, ae.counterexample, g.goal, f);
          }
          if (lt.verdict === 'violated') {
            expectReplaysAlongEdges(g, model, lt.counterexample);
            expectFairLasso(g, lt.counterexample, g.to, f);
            const fromIndex = leadsToFromIndex(g, lt.counterexample);
            expect(fromIndex).toBeTypeOf('number');
            if (f === 'none') expect(fromIndex).toBe(Math.min(...ltViolators));
          }
          // A strongly fair run is weakly fair, and a weakly fair run is a run.
          if (i > 0) {
            if (ae.verdict === 'violated') expect(results[2 * (i - 1)].verdict).toBe('violated');
            if (lt.verdict === 'violated') expect(results[2 * (i - 1) + 1].verdict).toBe('violated');
          }
        });
      }),
      { seed: SEED + 401, numRuns: RUNS },
    );
  });
});
