import { describe, expect, test } from 'vitest';
import { checkRandom, type RandomCheckResult } from '../../src/engine/index.js';
import { examples } from '../../src/examples/index.js';

const example = (name: string) => examples(5).find((e) => e.name === name)!;
const summary = (r: RandomCheckResult<unknown>) => [
  ...r.results.map((x) => (x.verdict === 'violated' ? `violated ${x.counterexample.steps.length}` : x.verdict === 'incomplete' ? `incomplete ${x.runs}` : x.verdict)),
  `runs ${r.report.runs}, to failure ${r.report.runsToFailure}`,
];
const random = (name: string, shard?: { index: number; count: number }) => {
  const e = example(name);
  return checkRandom(e.model(), e.properties, { seed: 42, runs: 300, depth: 20, ...(shard ? { shard } : {}) });
};

describe('checkRandom shard K of N: run i of the job goes to shard (i mod N) + 1', () => {
  test('peterson-swapped: the unsharded first failure (run 47, index 46) is shard 2’s first; not-found runs split 100/100/100', () => {
    expect(summary(random('peterson-swapped'))).toEqual(['violated 6', 'incomplete 300', 'incomplete 300', 'violated 6', 'runs 658, to failure 47']);
    expect([1, 2, 3].map((k) => summary(random('peterson-swapped', { index: k, count: 3 })))).toEqual([
      ['violated 6', 'incomplete 100', 'incomplete 100', 'violated 6', 'runs 287, to failure 70'],
      ['violated 6', 'incomplete 100', 'incomplete 100', 'violated 6', 'runs 220, to failure 47'],
      ['incomplete 100', 'incomplete 100', 'incomplete 100', 'violated 6', 'runs 327, to failure 81'],
    ]);
  });

  test('philosophers: the deadlock at run 9 (index 8) is shard 3’s third run; shards 1 and 2 find it at runs 10 and 11', () => {
    expect(summary(random('philosophers'))).toEqual(['violated 5', 'runs 9, to failure 9']);
    expect([1, 2, 3].map((k) => summary(random('philosophers', { index: k, count: 3 })))).toEqual([
      ['violated 5', 'runs 4, to failure 10'],
      ['violated 5', 'runs 4, to failure 11'],
      ['violated 5', 'runs 3, to failure 9'],
    ]);
  });

  test('one shard of one is the unsharded search; a shard outside 1..N is refused', () => {
    expect(summary(random('spinlock', { index: 1, count: 1 }))).toEqual(summary(random('spinlock')));
    expect(() => random('spinlock', { index: 0, count: 2 })).toThrow('checkRandom: shard must be K of N with 1 ≤ K ≤ N, got 0 of 2');
  });
});
