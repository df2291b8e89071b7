/**
 * Hand-built graphs whose figures (state counts, trace lengths, loopStart,
 * the exact states of a lasso) were worked out by hand, so a change in the
 * engine's search or lasso construction shows up as a precise difference.
 */
import { describe, expect, it } from 'vitest';
import { alwaysEventually, check, deadlockFree, invariant, leadsTo, type Counterexample, type Fairness, type PropertyResult } from '../../src/engine/index.js';
import { graph, statesIn, toModel, type Graph } from './randomModel.js';
import { expectFairLasso, expectReplaysAlongEdges, traceStates } from './traceChecks.js';

function counterexampleOf(result: PropertyResult<number>): Counterexample<number> {
  expect(result.verdict).toBe('violated');
  if (result.verdict !== 'violated') throw new Error('not violated');
  return result.counterexample;
}

function alwaysEventuallyUnder(g: Graph, fairness: Fairness | undefined): PropertyResult<number> {
  const goal = (s: number): boolean => g.goal[s];
  return check(toModel(g), [alwaysEventually('ae', goal, fairness)]).results[0];
}

/** Checks the lasso against the graph and returns its states and loopStart. */
function lassoOf(g: Graph, result: PropertyResult<number>, avoid: readonly boolean[], fairness: Fairness): { states: number[]; loopStart?: number } {
  const cex = counterexampleOf(result);
  expectReplaysAlongEdges(g, toModel(g), cex);
  expectFairLasso(g, cex, avoid, fairness);
  return { states: traceStates(cex), loopStart: cex.loopStart };
}

describe('pinned examples', () => {
  // 0 → 1 ⇄ 2 → 3 → 0, one actor, goal {3}: no terminal state, the only way
  // to avoid the goal forever is the cycle 1 → 2 → 1.
  const onlyACycle = graph(
    4,
    1,
    [
      [0, 1, 0],
      [1, 2, 0],
      [2, 1, 0],
      [2, 3, 0],
      [3, 0, 0],
    ],
    { goal: statesIn(4, [3]), from: statesIn(4, [0]), to: statesIn(4, [3]) },
  );

  it('a violation only on a cycle (no terminal state): exact lasso under every fairness', () => {
    const model = toModel(onlyACycle);
    const { results, stats } = check(model, [deadlockFree(), alwaysEventually<number>('ae', (s) => onlyACycle.goal[s])]);
    expect(stats).toMatchObject({ states: 4, transitions: 5, depth: 3, expanded: 4 });
    expect(results[0].verdict).toBe('holds');
    for (const fairness of ['none', 'weak', 'strong'] as const) {
      // A single actor that keeps choosing 2 → 1 is fair: fairness is per actor, not per action.
      expect(lassoOf(onlyACycle, alwaysEventuallyUnder(onlyACycle, fairness), onlyACycle.goal, fairness)).toEqual({ states: [0, 1, 2, 1], loopStart: 1 });
    }
    const lt = check(model, [
      leadsTo<number>(
        'lt',
        (s) => onlyACycle.from[s],
        (s) => onlyACycle.to[s],
        'weak',
      ),
    ]).results[0];
    expect(lassoOf(onlyACycle, lt, onlyACycle.to, 'weak')).toEqual({ states: [0, 1, 2, 1], loopStart: 1 });
  });

  // 0 ⟲ by a0, 0 → 1 by a1, 1 ⟲ by a1; goal {1}. Without fairness a0 may
  // spin in 0 forever; under weak fairness a1, enabled all along, must move.
  const spinOrLeave = graph(
    2,
    2,
    [
      [0, 0, 0],
      [0, 1, 1],
      [1, 1, 1],
    ],
    { goal: statesIn(2, [1]), from: statesIn(2, [0]), to: statesIn(2, [1]) },
  );

  it('violated without fairness, holds under weak (the default) and strong fairness', () => {
    const none = alwaysEventuallyUnder(spinOrLeave, 'none');
    expect(lassoOf(spinOrLeave, none, spinOrLeave.goal, 'none')).toEqual({ states: [0, 0], loopStart: 0 });
    expect(counterexampleOf(none).steps.map((step) => step.actor)).toEqual(['a0']);
    expect(alwaysEventuallyUnder(spinOrLeave, 'weak').verdict).toBe('holds');
    expect(alwaysEventuallyUnder(spinOrLeave, 'strong').verdict).toBe('holds');
    const byDefault = alwaysEventuallyUnder(spinOrLeave, undefined);
    expect(byDefault).toMatchObject({ verdict: 'holds', fairness: 'weak' });
    const lt = (fairness: Fairness) =>
      check(
        toModel(spinOrLeave),
        [
          leadsTo<number>(
            'lt',
            (s) => spinOrLeave.from[s],
            (s) => spinOrLeave.to[s],
          ),
        ],
        { fairness },
      ).results[0];
    expect(lassoOf(spinOrLeave, lt('none'), spinOrLeave.to, 'none')).toEqual({ states: [0, 0], loopStart: 0 });
    expect(lt('weak').verdict).toBe('holds');
  });

  // 0 ⇄ 1 by a0, 0 → 2 by a1, 2 ⟲ by a1; goal {2}. a1 is enabled in 0 only,
  // so on the cycle 0 → 1 → 0 it is enabled infinitely often but not
  // continuously: weakly fair, not strongly fair.
  const intermittent = graph(
    3,
    2,
    [
      [0, 1, 0],
      [1, 0, 0],
      [0, 2, 1],
      [2, 2, 1],
    ],
    { goal: statesIn(3, [2]) },
  );

  it('violated under weak fairness, holds under strong fairness', () => {
    expect(check(toModel(intermittent), [deadlockFree()]).stats).toMatchObject({ states: 3 });
    for (const fairness of ['none', 'weak'] as const) {
      expect(lassoOf(intermittent, alwaysEventuallyUnder(intermittent, fairness), intermittent.goal, fairness)).toEqual({ states: [0, 1, 0], loopStart: 0 });
    }
    expect(alwaysEventuallyUnder(intermittent, 'strong')).toMatchObject({ verdict: 'holds', fairness: 'strong' });
  });

  // The non-goal component {0, 1, 2} (0 → 1 ⇄ 2 → 0 by a0) has an escape
  // 0 → 3 by a1 into the goal. Strong fairness rules out every cycle through
  // 0 but keeps 1 ⇄ 2, so its lasso has a longer stem than weak fairness's.
  const subCycle = graph(
    4,
    2,
    [
      [0, 1, 0],
      [1, 2, 0],
      [2, 1, 0],
      [2, 0, 0],
      [0, 3, 1],
      [3, 3, 1],
    ],
    { goal: statesIn(4, [3]) },
  );

  it('strong fairness keeps a fair sub-cycle of an unfair component (Emerson–Lei refinement)', () => {
    for (const fairness of ['none', 'weak'] as const) {
      expect(lassoOf(subCycle, alwaysEventuallyUnder(subCycle, fairness), subCycle.goal, fairness)).toEqual({ states: [0, 1, 2, 0], loopStart: 0 });
    }
    expect(lassoOf(subCycle, alwaysEventuallyUnder(subCycle, 'strong'), subCycle.goal, 'strong')).toEqual({ states: [0, 1, 2, 1], loopStart: 1 });
  });

  // 0 → 1 by a0, 1 → 2 by a1; 2 is terminal, a0 finished there, a1 not.
  const stops = graph(
    3,
    2,
    [
      [0, 1, 0],
      [1, 2, 1],
    ],
    { bad: statesIn(3, [1]), finished: [statesIn(3, [2]), statesIn(3, [])] },
  );

  it('a terminal state: deadlock at depth 2, a stuttering lasso, shortest invariant trace', () => {
    const model = toModel(stops);
    const { results, stats } = check(model, [invariant<number>('not-bad', (s) => !stops.bad[s]), deadlockFree(), alwaysEventually<number>('ae', () => false, 'strong')]);
    expect(stats).toMatchObject({ states: 3, transitions: 2, depth: 2 });
    expect(traceStates(counterexampleOf(results[0]))).toEqual([0, 1]);
    expect(traceStates(counterexampleOf(results[1]))).toEqual([0, 1, 2]);
    expect(counterexampleOf(results[1]).loopStart).toBeUndefined();
    expect(lassoOf(stops, results[2], statesIn(3, []), 'strong')).toEqual({ states: [0, 1, 2], loopStart: 2 });
    const allFinished: Graph = { ...stops, finished: [statesIn(3, [2]), statesIn(3, [2])] };
    expect(check(toModel(allFinished), [deadlockFree()]).results[0].verdict).toBe('holds');
  });

  // 0 → 1 → 2 ⇄ 3: the from-state 1 is on the stem, before the loop.
  const chain = graph(
    4,
    1,
    [
      [0, 1, 0],
      [1, 2, 0],
      [2, 3, 0],
      [3, 2, 0],
    ],
    { from: statesIn(4, [1]) },
  );

  it('leadsTo: the from-state on the stem, and a from-state that is itself a to-state', () => {
    const lt = (to: readonly boolean[]) =>
      check(toModel(chain), [
        leadsTo<number>(
          'lt',
          (s) => chain.from[s],
          (s) => to[s],
          'strong',
        ),
      ]).results[0];
    expect(lassoOf(chain, lt(statesIn(4, [])), statesIn(4, []), 'strong')).toEqual({ states: [0, 1, 2, 3, 2], loopStart: 2 });
    expect(lt(statesIn(4, [1])).verdict).toBe('holds');
    expect(lt(statesIn(4, [3])).verdict).toBe('holds');
    // to = {0}: reached before the from-state only, so it does not help.
    expect(lassoOf(chain, lt(statesIn(4, [0])), statesIn(4, [0]), 'strong')).toEqual({ states: [0, 1, 2, 3, 2], loopStart: 2 });
  });

  it('a few thousand states (past the engine stores’ initial capacities): exact figures', () => {
    // 0 → 1 → … → 2999 → 2990: a chain into a 10-cycle; two initial states,
    // 0 and 5, so state s ≥ 5 is at depth s - 5 and is reached from initial #1.
    const n = 3000;
    const edges = Array.from({ length: n }, (_, s) => [s, s + 1 < n ? s + 1 : 2990, s % 2] as const);
    const long = graph(n, 2, edges, { initials: [0, 5], bad: statesIn(n, [2999]) });
    const model = toModel(long);
    const { results, stats } = check(model, [invariant<number>('not-bad', (s) => !long.bad[s]), alwaysEventually<number>('ae', () => false, 'weak')]);
    expect(stats).toMatchObject({ states: n, transitions: n, depth: 2994, expanded: n });
    const trace = counterexampleOf(results[0]);
    expect({ initialIndex: trace.initialIndex, length: trace.steps.length }).toEqual({ initialIndex: 1, length: 2994 });
    const lasso = counterexampleOf(results[1]);
    expect({ initialIndex: lasso.initialIndex, loopStart: lasso.loopStart, length: lasso.steps.length }).toEqual({ initialIndex: 1, loopStart: 2985, length: 2995 });
    expect(traceStates(lasso).slice(-11)).toEqual([2990, 2991, 2992, 2993, 2994, 2995, 2996, 2997, 2998, 2999, 2990]);
  });
});

describe('regressions: engine bugs these tests found', () => {
  // SearchStats.depth is documented as "Largest BFS depth reached". Up to
  // commit 6533868, when a safety-only search stopped early the state at
  // depth 1 violating the invariant had been reached (stored, checked and
  // reported as a 1-step trace), yet stats.depth was 0: it counted only
  // levels whose expansion had begun.
  it('stats.depth is at least the length of the safety counterexample found when the search stops early', () => {
    const g = graph(
      3,
      1,
      [
        [0, 1, 0],
        [1, 2, 0],
      ],
      { bad: statesIn(3, [1]) },
    );
    const { results, stats } = check(toModel(g), [invariant<number>('not-bad', (s) => !g.bad[s])]);
    expect(counterexampleOf(results[0]).steps.length).toBe(1);
    expect(stats.states).toBe(2);
    expect(stats.depth).toBeGreaterThanOrEqual(1);
  });
});
