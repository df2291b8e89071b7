import { describe, expect, test } from 'vitest';
import { check, deadlockFree, invariant, leadsTo, type Progress } from '../../src/engine/index.js';
import { philosophers } from '../../src/examples/philosophers.js';
import { spinlock } from '../../src/examples/spinlock.js';

describe('search limits give incomplete verdicts, never a crash', () => {
  test('max states: philosophers N=10 stops after 1024 expansions with 3000 stored states', () => {
    const { results, stats } = check(philosophers(10), [invariant('true', () => true)], { maxStates: 3000 });
    expect(results).toEqual([{ property: 'true', kind: 'invariant', verdict: 'incomplete', reason: 'maxStates' }]);
    expect(stats.stopReason).toBe('maxStates');
    expect(stats.states).toBeGreaterThanOrEqual(3000);
    expect(stats.states).toBeLessThan(6726);
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

  test('a violation found before the limit is still reported', () => {
    const { results } = check(philosophers(4), [deadlockFree()], { maxStates: 20 });
    expect(results[0].verdict).toBe('violated');
  });

  test('a fair cycle among the expanded states is reported even when a limit stopped the search', () => {
    const starves = leadsTo<Int32Array>('p0-acquires', (s) => s[0] === 0, (s) => s[0] === 1, 'weak');
    const { results } = check(spinlock(), [starves], { maxStates: 1 });
    // maxStates is checked every 1024 expansions, so this small space is explored whole.
    expect(results[0].verdict).toBe('violated');
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
