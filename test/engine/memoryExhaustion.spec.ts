/**
 * A search stopped by memory exhaustion must give `incomplete` verdicts
 * and only real counterexamples (limits.ts: "Hitting one yields
 * `incomplete` verdicts, never a crash"; liveness.ts: "on a search stopped
 * by a limit a lasso found is still real").
 *
 * The engine's stores turn a failed typed-array allocation into
 * `MemoryExhausted`, which the search catches. To make that happen
 * deterministically, the test replaces the global `Int32Array` for the
 * duration of one `check` with a subclass whose constructor fails once, on
 * the first allocation of 4096 elements or more once the search runs: in
 * the model below that is the transition graph's first chunk of targets
 * growing from 2048 to 4096 edges (the graph is kept in chunks of 4096
 * edges, `chunks.ts`), which happens when state 256 records its first
 * successor (mid-expansion; before the graph was chunked it was the graph
 * growing past 4096 edges, at state 512).
 * A second, minimal case does not depend on the stores' capacities: the
 * model's `nextState` throws the engine's `MemoryExhausted` for the second
 * successor of a state, standing for a store failing to grow at that point.
 */
import { describe, expect, it } from 'vitest';
import { alwaysEventually, check, leadsTo, type CheckResult, type Fairness, type Property } from '../../src/engine/index.js';
import { MemoryExhausted } from '../../src/engine/growable.js';
import { graph, statesIn, toModel, type Graph } from './randomModel.js';

/**
 * 1000 states; state 0 (initial, the goal) has 8 edges, every state `s` an
 * edge back to 0 and edges to `s+1 .. s+7` (those that exist). The non-goal
 * states only move forward, so there is no goal-avoiding cycle and no
 * terminal state: □◇goal and (s≥1) ↝ goal hold under every fairness.
 * BFS discovers states in numeric order, and state `s < 993` has 8 edges, so
 * the first edge of state 512 is edge number 4096.
 */
function forwardLadder(): Graph {
  const k = 1000;
  const edges: [number, number, number][] = [];
  for (let s = 0; s < k; s++) {
    edges.push([s, 0, 0]);
    for (let j = 1; j <= 7 && s + j < k; j++) edges.push([s, s + j, j % 2]);
  }
  return graph(k, 2, edges, { goal: Array.from({ length: k }, (_, s) => s === 0), from: Array.from({ length: k }, (_, s) => s >= 1) });
}

/** Runs `check` with one failing allocation of more than 4096 Int32 elements; reports whether it was injected. */
function checkWithOneFailedAllocation(g: Graph, properties: Property<number>[]): { run: CheckResult<number>; injected: boolean } {
  const Real = globalThis.Int32Array;
  let injected = false;
  // The stores allocate their first arrays when the search begins: from the first edge on, the first of 4096 elements is the graph's.
  let searching = false;
  class FailingOnce extends Real {
    constructor(...args: unknown[]) {
      if (!injected && searching && typeof args[0] === 'number' && args[0] >= 4096) {
        injected = true;
        throw new RangeError('simulated allocation failure');
      }
      super(...(args as [number]));
    }
  }
  (globalThis as { Int32Array: Int32ArrayConstructor }).Int32Array = FailingOnce as unknown as Int32ArrayConstructor;
  try {
    const model = toModel(g);
    // The search has built its stores (the visited table's 4096 entries among them) before it lists the first actions.
    const actions: typeof model.actions = (state, out) => {
      searching = true;
      model.actions(state, out);
    };
    return { run: check({ ...model, actions }, properties), injected };
  } finally {
    (globalThis as { Int32Array: Int32ArrayConstructor }).Int32Array = Real;
  }
}

function properties(g: Graph, fairness: Fairness): Property<number>[] {
  return [
    alwaysEventually<number>('ae', (s) => g.goal[s], fairness),
    leadsTo<number>(
      'lt',
      (s) => g.from[s],
      (s) => g.goal[s],
      fairness,
    ),
  ];
}

describe('memory exhaustion in the middle of expanding a state', () => {
  const g = forwardLadder();

  it('without the failure, both liveness properties hold on all 1000 states', () => {
    const { results, stats } = check(toModel(g), properties(g, 'none'));
    expect(stats).toMatchObject({ states: 1000, expanded: 1000 });
    expect(results.map((r) => r.verdict)).toEqual(['holds', 'holds']);
  });

  // Engine bug (up to commit 6533868): bfs.ts calls edges.beginState() for
  // state 512, then edges.add() throws MemoryExhausted on its first
  // successor; the catch left state 512 counted in edges.expanded with no
  // out-edges, so the liveness checker took it for a terminal state that
  // stutters forever and reported, under every fairness, a lasso ending
  // there (loopStart === steps.length === 74), though the model enables 8
  // actions in state 512.
  it.each(['none', 'weak', 'strong'] as const)('under %s fairness the verdicts are incomplete, not a spurious stuttering lasso', (fairness) => {
    const { run, injected } = checkWithOneFailedAllocation(g, properties(g, fairness));
    expect(injected, 'the simulated allocation failure did not happen').toBe(true);
    expect(run.stats.stopReason).toBe('maxMemory');
    // What each result says; for a lasso, where it ends and how many actions the model enables there.
    const summaries = run.results.map((result) => {
      if (result.verdict !== 'violated') return { property: result.property, verdict: result.verdict, ...(result.verdict === 'incomplete' ? { reason: result.reason } : {}) };
      const cex = result.counterexample;
      const last = cex.steps.length === 0 ? cex.initial : cex.steps[cex.steps.length - 1].state;
      return { property: result.property, verdict: result.verdict, loopStart: cex.loopStart, steps: cex.steps.length, lastState: last, enabledThere: g.edges.filter((e) => e.from === last).length };
    });
    expect(summaries).toEqual([
      { property: 'ae', verdict: 'incomplete', reason: 'maxMemory' },
      { property: 'lt', verdict: 'incomplete', reason: 'maxMemory' },
    ]);
  });
});

describe("memory exhaustion after some of a state's successors were recorded", () => {
  // 0 ⟲ by a0, 0 → 1 by a1, 1 ⟲ by a1; goal {1}. Under weak fairness □◇goal
  // holds: a1 is enabled in 0 all along, so it cannot be ignored forever.
  const g = graph(
    2,
    2,
    [
      [0, 0, 0],
      [0, 1, 1],
      [1, 1, 1],
    ],
    { goal: statesIn(2, [1]) },
  );

  // Same engine bug (up to commit 6533868): the self-loop of state 0 was
  // recorded, then the search stopped on its second successor; the
  // liveness checker saw 0 with only its a0 self-loop, so a1 looked
  // disabled there and the spin 0 → 0 weakly fair: it reported violated,
  // lasso [0, 0] with loopStart 0.
  it('under weak fairness the verdict is incomplete, not a spurious fair cycle', () => {
    const model = toModel(g);
    const failing = {
      ...model,
      nextState(state: number, edge: number): number {
        if (state === 0 && edge === 1) throw new MemoryExhausted(1 << 20);
        return model.nextState(state, edge);
      },
    };
    expect(check(model, [alwaysEventually<number>('ae', (s) => g.goal[s], 'weak')]).results[0].verdict).toBe('holds');
    const { results, stats } = check(failing, [alwaysEventually<number>('ae', (s) => g.goal[s], 'weak')]);
    expect(stats.stopReason).toBe('maxMemory');
    const result = results[0];
    const shown =
      result.verdict === 'violated'
        ? { verdict: result.verdict, states: [result.counterexample.initial, ...result.counterexample.steps.map((step) => step.state)], loopStart: result.counterexample.loopStart }
        : { verdict: result.verdict, ...(result.verdict === 'incomplete' ? { reason: result.reason } : {}) };
    expect(shown).toEqual({ verdict: 'incomplete', reason: 'maxMemory' });
  });
});
