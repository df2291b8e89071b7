/**
 * Safety counterexamples are shortest: on random small graphs, `invariant`
 * and `deadlockFree` are violated exactly when the reference BFS finds a
 * bad state / deadlock, with a trace of exactly the BFS distance that
 * replays along real edges.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alwaysEventually, check, deadlockFree, invariant, type PropertyResult } from '../../src/engine/index.js';
import { graphArb, SEED, toModel, type Graph } from './randomModel.js';
import { bfsDistances, deadlockDepth, invariantViolationDepth, isDeadlock, reachableCount } from './reference.js';
import { expectReplaysAlongEdges, traceStates } from './traceChecks.js';

const RUNS = 1000;

function expectSafetyResult(g: Graph, model: ReturnType<typeof toModel>, result: PropertyResult<number>, expectedDepth: number | undefined, isViolating: (s: number) => boolean): void {
  if (expectedDepth === undefined) {
    expect(result.verdict).toBe('holds');
    return;
  }
  expect(result.verdict).toBe('violated');
  if (result.verdict !== 'violated') return;
  const cex = result.counterexample;
  expect(cex.loopStart).toBeUndefined();
  expect(cex.steps.length, 'counterexample is not a shortest one').toBe(expectedDepth);
  expectReplaysAlongEdges(g, model, cex);
  const states = traceStates(cex);
  expect(isViolating(states[states.length - 1]), 'the trace does not end in a violating state').toBe(true);
}

describe('safety counterexamples on random graphs', () => {
  it('invariant: violated iff a bad state is reachable, with a shortest replayable trace', () => {
    fc.assert(
      fc.property(graphArb(), (g) => {
        const model = toModel(g);
        const { results } = check(model, [invariant<number>('not-bad', (s) => !g.bad[s])]);
        expectSafetyResult(g, model, results[0], invariantViolationDepth(g), (s) => g.bad[s]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('deadlockFree: violated iff a reachable state has no edge and an unfinished actor, with a shortest trace', () => {
    fc.assert(
      fc.property(graphArb(), (g) => {
        const model = toModel(g);
        const { results } = check(model, [deadlockFree()]);
        expectSafetyResult(g, model, results[0], deadlockDepth(g), (s) => isDeadlock(g, s));
      }),
      { seed: SEED + 1, numRuns: RUNS },
    );
  });

  it('checked together (and alongside liveness, which forces full exploration) the verdicts and lengths are unchanged', () => {
    fc.assert(
      fc.property(graphArb(), fc.boolean(), (g, withLiveness) => {
        const model = toModel(g);
        const properties = [invariant<number>('not-bad', (s) => !g.bad[s]), deadlockFree(), ...(withLiveness ? [alwaysEventually<number>('goal', (s) => g.goal[s], 'weak')] : [])];
        const { results, stats } = check(model, properties);
        expectSafetyResult(g, model, results[0], invariantViolationDepth(g), (s) => g.bad[s]);
        expectSafetyResult(g, model, results[1], deadlockDepth(g), (s) => isDeadlock(g, s));
        const settledEarly = !withLiveness && results[0].verdict === 'violated' && results[1].verdict === 'violated';
        if (settledEarly) {
          expect(stats.states).toBeLessThanOrEqual(reachableCount(g));
        } else {
          const dist = bfsDistances(g);
          expect(stats.states, 'a full search stores every reachable state once').toBe(reachableCount(g));
          expect(stats.expanded).toBe(stats.states);
          expect(stats.transitions).toBe(g.edges.filter((e) => dist[e.from] >= 0).length);
          expect(stats.depth).toBe(Math.max(...dist));
        }
        expect(stats.stopReason).toBeUndefined();
      }),
      { seed: SEED + 2, numRuns: RUNS },
    );
  });
});
