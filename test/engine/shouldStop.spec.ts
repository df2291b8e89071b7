import { describe, expect, test } from 'vitest';
import { alwaysEventually, check, checkRandom, deadlockFree } from '../../src/engine/index.js';
import { philosophers } from '../../src/examples/philosophers.js';

describe('shouldStop: the caller stops a search (the CLI on SIGINT) as a limit does', () => {
  test('BFS asks where it checks its limits, every 1024 expansions, and stops with reason interrupted', () => {
    let asked = 0;
    const { results, stats } = check(philosophers(12), [deadlockFree()], { shouldStop: () => ++asked >= 2 });
    expect(results[0]).toEqual({ property: 'no-deadlock', kind: 'deadlockFree', verdict: 'incomplete', reason: 'interrupted' });
    expect([stats.stopReason, stats.expanded, asked]).toEqual(['interrupted', 2048, 2]);
  });

  test('random search: asked before each schedule; the schedules after it do not run', () => {
    let asked = 0;
    const { results, report } = checkRandom(philosophers(12), [alwaysEventually('never', () => false)], { seed: 1, runs: 100, depth: 5, shouldStop: () => ++asked > 10 });
    expect(results[0]).toMatchObject({ verdict: 'incomplete', reason: 'interrupted', runs: 9 });
    // Asked once before the property's search, then before each schedule: 9 ran, the 11th answer stopped it.
    expect([report.runs, asked]).toEqual([9, 11]);
  });

  test('asked to stop before it starts, a random search runs nothing', () => {
    const { results, report } = checkRandom(philosophers(4), [deadlockFree()], { seed: 1, runs: 100, shouldStop: () => true });
    expect(results[0]).toEqual({ property: 'no-deadlock', kind: 'deadlockFree', verdict: 'incomplete', reason: 'interrupted', runs: 0 });
    expect(report.runs).toBe(0);
  });
});
