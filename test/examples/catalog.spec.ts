import { describe, expect, test } from 'vitest';
import { check, type PropertyResult } from '../../src/engine/index.js';
import { examples } from '../../src/examples/catalog.js';

/** Verdict, trace length and loop start per property, as `verdict[/steps[/loopStart]]`. */
function summary(results: readonly PropertyResult<unknown>[]): Record<string, string> {
  return Object.fromEntries(
    results.map((r) => {
      if (r.verdict !== 'violated') return [r.property, r.verdict];
      const { steps, loopStart } = r.counterexample;
      return [r.property, `violated/${steps.length}${loopStart === undefined ? '' : `/${loopStart}`}`];
    }),
  );
}

const byName = (name: string, size = 5) => examples(size).find((e) => e.name === name)!;

describe('example catalogue: exact figures', () => {
  test('peterson: 20 states, 34 transitions, depth 6; mutual exclusion, no deadlock, P0 enters under weak fairness', () => {
    const e = byName('peterson');
    const { results, stats } = check(e.model(), e.properties);
    expect([stats.states, stats.transitions, stats.depth]).toEqual([20, 34, 6]);
    expect(summary(results)).toEqual({ 'mutual-exclusion': 'holds', 'no-deadlock': 'holds', 'p0-eventually-enters': 'holds' });
  });

  test('peterson-swapped: 32 states; both in the critical section after 6 steps; P0 starves without fairness (lasso 6 steps, loop at 2)', () => {
    const e = byName('peterson-swapped');
    const { results, stats } = check(e.model(), e.properties);
    expect([stats.states, stats.transitions, stats.depth]).toEqual([32, 60, 7]);
    expect(summary(results)).toEqual({
      'mutual-exclusion': 'violated/6',
      'no-deadlock': 'holds',
      'p0-eventually-enters': 'holds',
      'p0-eventually-enters-unfair': 'violated/6/2',
    });
    const mutex = results[0];
    if (mutex.verdict !== 'violated') throw new Error('expected a violation');
    expect(mutex.counterexample.steps.map((s) => `${s.actor}: ${s.action}`)).toEqual([
      'P0: turn = 1',
      'P1: turn = 0',
      'P1: flag[1] = 1',
      'P1: await !flag[0] || turn == 1',
      'P0: flag[0] = 1',
      'P0: await !flag[1] || turn == 0',
    ]);
  });

  test.each([
    [3, 14, 27],
    [4, 34, 88],
    [5, 82, 265],
    [6, 198, 768],
  ])('philosophers N=%i: %i states, %i transitions, deadlock after exactly N steps', (n, states, transitions) => {
    const e = byName('philosophers', n);
    const { results, stats } = check(e.model(), []);
    expect([stats.states, stats.transitions]).toEqual([states, transitions]);
    const deadlock = check(e.model(), e.properties).results[0];
    if (deadlock.verdict !== 'violated') throw new Error('expected a deadlock');
    expect(deadlock.counterexample.steps.length).toBe(n);
    expect(deadlock.counterexample.steps.every((s) => s.action.startsWith('take left fork'))).toBe(true);
    expect(results).toEqual([]);
  });

  // SPIN 6.5.2 stores 94642 states for this model (bench/promela.ts, -DBFS -DNOREDUCE);
  // a store growth bug once made it 94643.
  test('philosophers N=13: 94642 states, as SPIN counts', () => {
    expect(check(byName('philosophers', 13).model(), []).stats.states).toBe(94642);
  });

  test('spinlock: starvation is a 2-step cycle from the initial state under weak fairness; holds under strong', () => {
    const e = byName('spinlock');
    const { results, stats } = check(e.model(), e.properties);
    expect([stats.states, stats.transitions]).toEqual([3, 4]);
    expect(summary(results)).toEqual({ 'no-deadlock': 'holds', 'p0-eventually-acquires': 'violated/2/0', 'p0-eventually-acquires-strong': 'holds' });
  });

  test('busy-wait: the poller spinning forever violates "worker finishes" without fairness only', () => {
    const e = byName('busy-wait');
    const { results, stats } = check(e.model(), e.properties);
    expect([stats.states, stats.transitions]).toEqual([2, 3]);
    expect(summary(results)).toEqual({ 'worker-finishes-unfair': 'violated/1/0', 'worker-finishes': 'holds' });
  });

  test('every example meets its known answer', () => {
    for (const e of examples()) {
      const { results } = check(e.model(), e.properties);
      expect(Object.fromEntries(results.map((r) => [r.property, r.verdict]))).toEqual(e.expected);
    }
  });
});
