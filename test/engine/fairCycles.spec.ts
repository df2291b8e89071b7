/**
 * Fair-cycle detection against brute force: on random small graphs,
 * `alwaysEventually` and `leadsTo` under none/weak/strong fairness are
 * violated exactly when enumerating every set of states finds a fair
 * goal-avoiding closed set, and every lasso reported is checked
 * independently (replays along edges, avoids the goal, closes, is fair,
 * has a shortest stem).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alwaysEventually, check, deadlockFree, invariant, leadsTo, type Fairness, type Model, type Property, type PropertyResult } from '../../src/engine/index.js';
import { graphArb, SEED, toModel, type Graph } from './randomModel.js';
import { alwaysEventuallyReference, fairSets, leadsToReference } from './reference.js';
import { expectFairLasso, expectReplaysAlongEdges, leadsToFromIndex } from './traceChecks.js';

const RUNS = 600;
const FAIRNESS: readonly Fairness[] = ['none', 'weak', 'strong'];

function expectAlwaysEventually(g: Graph, model: Model<number, number>, result: PropertyResult<number>, fairness: Fairness): void {
  const reference = alwaysEventuallyReference(g, fairness);
  expect(result.fairness).toBe(fairness);
  expect(result.verdict).toBe(reference.violated ? 'violated' : 'holds');
  if (result.verdict !== 'violated') return;
  const cex = result.counterexample;
  expectReplaysAlongEdges(g, model, cex);
  expectFairLasso(g, cex, g.goal, fairness);
  expect(cex.loopStart, 'the stem is not a shortest one').toBe(reference.depth);
}

function expectLeadsTo(g: Graph, model: Model<number, number>, result: PropertyResult<number>, fairness: Fairness): void {
  const reference = leadsToReference(g, fairness);
  expect(result.fairness).toBe(fairness);
  expect(result.verdict).toBe(reference.violated ? 'violated' : 'holds');
  if (result.verdict !== 'violated') return;
  const cex = result.counterexample;
  expectReplaysAlongEdges(g, model, cex);
  expectFairLasso(g, cex, g.to, fairness);
  const fromIndex = leadsToFromIndex(g, cex);
  expect(fromIndex, 'no from-state at or before loopStart is followed only by non-to states').toBeTypeOf('number');
  expect(fromIndex, 'the violating from-state is not a shallowest one').toBe(reference.depth);
}

describe.each(FAIRNESS)('liveness on random graphs under %s fairness', (fairness) => {
  const seedOffset = 10 * FAIRNESS.indexOf(fairness);

  it('alwaysEventually: violated iff brute force finds a fair goal-avoiding set; the lasso is fair with a shortest stem', () => {
    fc.assert(
      fc.property(graphArb(), fc.boolean(), (g, viaOptions) => {
        const model = toModel(g);
        const goal = (s: number): boolean => g.goal[s];
        const { results } = viaOptions
          ? check(model, [alwaysEventually('ae', goal)], { fairness })
          : check(model, [alwaysEventually('ae', goal, fairness)], { fairness: fairness === 'strong' ? 'none' : 'strong' });
        expectAlwaysEventually(g, model, results[0], fairness);
      }),
      { seed: SEED + 100 + seedOffset, numRuns: RUNS },
    );
  });

  it('leadsTo: violated iff a from-state reaches a fair to-avoiding set avoiding to; the lasso shows it', () => {
    fc.assert(
      fc.property(graphArb(), fc.boolean(), (g, viaOptions) => {
        const model = toModel(g);
        const from = (s: number): boolean => g.from[s];
        const to = (s: number): boolean => g.to[s];
        const { results } = viaOptions
          ? check(model, [leadsTo('lt', from, to)], { fairness })
          : check(model, [leadsTo('lt', from, to, fairness)], { fairness: fairness === 'weak' ? 'strong' : 'weak' });
        expectLeadsTo(g, model, results[0], fairness);
      }),
      { seed: SEED + 101 + seedOffset, numRuns: RUNS },
    );
  });
});

describe('the random graphs exercise what matters', () => {
  // Guards the generator: if a change to it stopped producing these cases,
  // the properties above would pass vacuously.
  it('they include verdicts that differ between fairness notions, lassos with a stem and multi-state cycles', () => {
    const graphs = fc.sample(graphArb(), { seed: SEED, numRuns: RUNS });
    const count = (p: (g: Graph) => boolean): number => graphs.filter(p).length;
    const verdicts = (g: Graph): string => FAIRNESS.map((f) => Number(alwaysEventuallyReference(g, f).violated)).join('');
    const stem = (g: Graph, f: Fairness): number => alwaysEventuallyReference(g, f).depth ?? -1;
    // Thresholds are about half of what this seed gives (42, 19, 53, 26, 31, 69, 15, 6).
    expect(
      count((g) => verdicts(g) === '100'),
      'violated only without fairness',
    ).toBeGreaterThanOrEqual(20);
    expect(
      count((g) => verdicts(g) === '110'),
      'violated under weak but not strong fairness',
    ).toBeGreaterThanOrEqual(10);
    expect(
      count((g) => stem(g, 'none') !== stem(g, 'weak')),
      'stem or verdict differs, none/weak',
    ).toBeGreaterThanOrEqual(25);
    expect(
      count((g) => stem(g, 'weak') !== stem(g, 'strong')),
      'stem or verdict differs, weak/strong',
    ).toBeGreaterThanOrEqual(12);
    expect(
      count((g) => stem(g, 'strong') >= 2),
      'strongly fair lasso with a stem of 2 steps or more',
    ).toBeGreaterThanOrEqual(15);
    expect(
      count((g) => fairSets(g, g.goal, 'strong').some((set) => set.length >= 3)),
      'strongly fair set of 3 states or more',
    ).toBeGreaterThanOrEqual(30);
    expect(
      count((g) => leadsToReference(g, 'none').violated !== leadsToReference(g, 'weak').violated),
      'leadsTo differs, none/weak',
    ).toBeGreaterThanOrEqual(7);
    expect(
      count((g) => leadsToReference(g, 'weak').violated !== leadsToReference(g, 'strong').violated),
      'leadsTo differs, weak/strong',
    ).toBeGreaterThanOrEqual(3);
  });
});

describe('many properties in one check', () => {
  it('every liveness property under every fairness, plus safety, in a single run agree with the reference', () => {
    fc.assert(
      fc.property(graphArb(), (g) => {
        const model = toModel(g);
        const goal = (s: number): boolean => g.goal[s];
        const from = (s: number): boolean => g.from[s];
        const to = (s: number): boolean => g.to[s];
        const properties: Property<number>[] = [invariant('not-bad', (s) => !g.bad[s]), deadlockFree()];
        for (const f of FAIRNESS) properties.push(alwaysEventually(`ae-${f}`, goal, f), leadsTo(`lt-${f}`, from, to, f));
        const { results } = check(model, properties);
        FAIRNESS.forEach((f, i) => {
          expectAlwaysEventually(g, model, results[2 + 2 * i], f);
          expectLeadsTo(g, model, results[3 + 2 * i], f);
        });
      }),
      { seed: SEED + 200, numRuns: 300 },
    );
  });

  it('sixteen leadsTo properties (all 32 predicate bits) in one run each agree with the reference', () => {
    fc.assert(
      fc.property(graphArb(), (g) => {
        const model = toModel(g);
        const predicates = [g.bad, g.goal, g.from, g.to];
        const cases = predicates.flatMap((from, i) => predicates.map((to, j) => ({ name: `lt-${i}-${j}`, from, to, fairness: FAIRNESS[(4 * i + j) % 3] })));
        const properties = cases.map((c) =>
          leadsTo<number>(
            c.name,
            (s) => c.from[s],
            (s) => c.to[s],
            c.fairness,
          ),
        );
        const { results } = check(model, properties);
        for (const [k, c] of cases.entries()) expectLeadsTo({ ...g, from: c.from, to: c.to }, model, results[k], c.fairness);
      }),
      { seed: SEED + 201, numRuns: 200 },
    );
  });
});
