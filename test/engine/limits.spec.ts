import { describe, expect, test } from 'vitest';
import { check, deadlockFree, invariant, leadsTo, type Model, type Progress } from '../../src/engine/index.js';
import { philosophers } from '../../src/examples/philosophers.js';
import { graph, statesIn, toModel } from './randomModel.js';

describe('search limits give incomplete verdicts, never a crash', () => {
  test('max states: philosophers N=10 stops at the first expansion that stores the 3000th state', () => {
    const { results, stats } = check(philosophers(10), [invariant('true', () => true)], { maxStates: 3000 });
    expect(results).toEqual([{ property: 'true', kind: 'invariant', verdict: 'incomplete', reason: 'maxStates' }]);
    expect([stats.stopReason, stats.states, stats.expanded]).toEqual(['maxStates', 3001, 1513]);
  });

  test('max states holds on a small search: 10 of the 34 states of philosophers N=4, not the whole space', () => {
    const { results, stats } = check(philosophers(4), [deadlockFree()], { maxStates: 10 });
    expect(results[0]).toEqual({ property: 'no-deadlock', kind: 'deadlockFree', verdict: 'incomplete', reason: 'maxStates' });
    expect([stats.stopReason, stats.states]).toEqual(['maxStates', 12]);
    expect(check(philosophers(4), [deadlockFree()], { maxStates: 34 }).stats).toMatchObject({ states: 34 });
  });

  test('max seconds: a zero-second budget stops at the first check', () => {
    const { results, stats } = check(philosophers(12), [deadlockFree()], { maxSeconds: 1e-9 });
    // The deadlock is 12 steps deep, beyond what 1024 expansions reach.
    expect(results[0]).toEqual({ property: 'no-deadlock', kind: 'deadlockFree', verdict: 'incomplete', reason: 'maxSeconds' });
    expect(stats.expanded).toBe(1024);
  });

  test('max memory: a one-byte budget stops at the first check', () => {
    const { results, stats } = check(philosophers(12), [invariant('true', () => true)], { maxMemoryBytes: 1 });
    expect(results[0].verdict).toBe('incomplete');
    expect(stats.stopReason).toBe('maxMemory');
  });

  test('max memory is per search: the first search stops at its budget (its own bytes within 10% of it), the next still runs', () => {
    const budget = 64 * 2 ** 20;
    // An infinite binary tree of 256-byte states: the frontier grows until the budget stops it.
    const tree: Model<number, number> = {
      actorNames: ['grow'],
      codec: {
        width: 64,
        encode: (n, out, o) => {
          out.fill(0, o, o + 64);
          out[o] = n;
        },
        decode: (w, o) => w[o],
      },
      initialStates: () => [0],
      actions: (_, out) => out.push(1, 2),
      actorOf: () => 0,
      nextState: (n, a) => (n * 2 + a) | 0,
      label: (_, a) => `child ${a}`,
      isFinished: () => false,
    };
    const first = check(tree, [invariant('true', () => true)], { maxMemoryBytes: budget });
    expect(first.stats.stopReason).toBe('maxMemory');
    const own = first.stats.storeBytes + first.stats.graphBytes + first.stats.queuePeakBytes;
    expect(own).toBeGreaterThan(budget * 0.5);
    expect(own).toBeLessThan(budget * 1.1);
    // The first search's store is still referenced (its result), yet the second has its own budget.
    const second = check(philosophers(10), [invariant('true', () => true)], { maxMemoryBytes: budget });
    expect([second.stats.stopReason, second.stats.states]).toEqual([undefined, 6726]);
    expect(first.stats.states).toBeGreaterThan(100_000);
  });

  // State 0 leads by a0 to a dead end (state 1) and by a1 to a chain 2 → 3 → … → 49 → 49 that a1 walks
  // alone; a0 also loops 2 → 50 → 2 beside it. The deadlock and the cycle are found at the second and
  // fourth expansions, long before a limit of 6 states stops the search.
  const early = graph(51, 2, [[0, 1, 0], [0, 2, 1], [2, 50, 0], [50, 2, 0], ...Array.from({ length: 47 }, (_, i) => [i + 2, i + 3, 1] as const), [49, 49, 1]], {
    from: statesIn(51, [2]),
  });

  test('a violation found before the limit is still reported', () => {
    // The invariant keeps the search going after the deadlock, until the limit stops it.
    const { results, stats } = check(toModel(early), [deadlockFree(), invariant('true', () => true)], { maxStates: 6 });
    expect([results.map((r) => r.verdict), stats.stopReason, stats.states]).toEqual([['violated', 'incomplete'], 'maxStates', 6]);
  });

  test('a fair cycle among the expanded states is reported even when a limit stopped the search', () => {
    const starves = leadsTo<number>(
      'a2-never-done',
      (s) => early.from[s],
      () => false,
      'weak',
    );
    const { results, stats } = check(toModel(early), [starves], { maxStates: 6 });
    expect([results[0].verdict, stats.stopReason, stats.states]).toEqual(['violated', 'maxStates', 6]);
  });

  test('progress is reported with states, depth, queue and memory', () => {
    const seen: Progress[] = [];
    check(philosophers(10), [], { onProgress: (p) => seen.push(p), progressIntervalSeconds: 0 });
    // One report per 1024 expansions: 6726 states → 6 reports.
    expect(seen.length).toBe(6);
    expect(seen[0].states).toBeGreaterThan(1024);
    expect(seen.at(-1)!.depth).toBeGreaterThan(seen[0].depth);
    expect(seen.every((p) => p.memoryBytes > 0 && p.statesPerSecond > 0)).toBe(true);
  });
});
