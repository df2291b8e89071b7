import { describe, expect, test } from 'vitest';
import { check, deadlockFree } from '../../src/engine/index.js';
import { eachPhilosopherEats, orderedPhilosophers } from '../../src/examples/index.js';

/** Verdict per property as `holds` or `violated/steps/loopStart`. */
function verdicts(n: number, handOver: boolean, fairness: 'weak' | 'strong'): string[] {
  return check(orderedPhilosophers(n, { handOver }), [deadlockFree(), ...eachPhilosopherEats(n, fairness)]).results.map((r) =>
    r.verdict === 'violated' ? `violated/${r.counterexample.steps.length}/${r.counterexample.loopStart}` : r.verdict,
  );
}

describe('orderedPhilosophers: deadlock-free, each philosopher eats infinitely often', () => {
  test.each([
    [2, 5, 6, 2],
    [3, 12, 22, 3],
    [4, 29, 72, 4],
    [5, 70, 219, 5],
    [6, 169, 638, 6],
    [8, 985, 4992, 8],
  ])('N=%i: %i states, %i transitions, depth %i; no deadlock, every phil<i>-eats holds under weak fairness', (n, states, transitions, depth) => {
    const { results, stats } = check(orderedPhilosophers(n), [deadlockFree(), ...eachPhilosopherEats(n, 'weak')]);
    expect([stats.states, stats.transitions, stats.depth]).toEqual([states, transitions, depth]);
    expect(results.map((r) => `${r.property}: ${r.verdict}`)).toEqual(['no-deadlock: holds', ...Array.from({ length: n }, (_, i) => `phil${i}-eats: holds`)]);
  });

  test('without handing forks over the states are the same, but a philosopher starves under weak fairness (not strong)', () => {
    expect(check(orderedPhilosophers(5, { handOver: false }), []).stats.states).toBe(70);
    expect(verdicts(5, false, 'weak')).toEqual(['holds', 'violated/9/0', 'violated/6/0', 'violated/9/0', 'violated/6/0', 'violated/6/0']);
    expect(verdicts(5, false, 'strong')).toEqual(['holds', 'holds', 'holds', 'holds', 'holds', 'holds']);
    expect(verdicts(5, true, 'weak')).toEqual(['holds', 'holds', 'holds', 'holds', 'holds', 'holds']);
  });

  test('phil0 starving without hand-over: hungry, enabled only while fork 0 is down, which phil2 keeps taking back', () => {
    const result = check(orderedPhilosophers(3, { handOver: false }), eachPhilosopherEats(3, 'weak')).results[0];
    if (result.verdict !== 'violated') throw new Error('expected a starvation lasso');
    expect(result.counterexample.loopStart).toBe(0);
    expect(result.counterexample.steps.map((s) => `${s.actor}: ${s.action}`)).toEqual([
      'phil2: take fork 0',
      'phil1: take fork 1',
      'phil1: take fork 2',
      'phil1: put forks 1 and 2 down',
      'phil2: take fork 2',
      'phil2: put forks 0 and 2 down',
    ]);
  });

  test('the last philosopher takes its right fork (fork 0) first', () => {
    const model = orderedPhilosophers(4);
    const s = model.initialStates()[0];
    expect([0, 1, 2, 3].map((i) => model.label(s, i))).toEqual(['take fork 0', 'take fork 1', 'take fork 2', 'take fork 0']);
  });

  test('rejects a table of fewer than 2', () => {
    expect(() => orderedPhilosophers(1)).toThrow('orderedPhilosophers: n must be an integer in 2..255, got 1');
  });
});
