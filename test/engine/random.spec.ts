/**
 * The random strategy: on random small graphs every counterexample it
 * reports replays along real edges, is a real violation (the brute-force
 * reference agrees), and every lasso is fair; the same seed gives the same
 * result and `path` replays the failing run; exact figures on the textbook
 * models.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alwaysEventually,
  checkRandom,
  deadlockFree,
  invariant,
  isViolating,
  leadsTo,
  type Counterexample,
  type Fairness,
  type Property,
  type PropertyResult,
  type RandomCheckResult,
} from '../../src/engine/index.js';
import { examples } from '../../src/examples/catalog.js';
import { graphArb, SEED, toModel, type Graph } from './randomModel.js';
import { alwaysEventuallyReference, deadlockDepth, invariantViolationDepth, leadsToReference } from './reference.js';
import { expectFairLasso, expectReplaysAlongEdges, traceStates } from './traceChecks.js';

const FAIRNESS: readonly Fairness[] = ['none', 'weak', 'strong'];
const GRAPHS = 150;
const OPTIONS = { seed: SEED, runs: 40, depth: 24 } as const;

function graphProperties(g: Graph, fairness: Fairness): Property<number>[] {
  return [
    invariant<number>('not-bad', (s) => !g.bad[s]),
    deadlockFree(),
    alwaysEventually<number>('ae', (s) => g.goal[s]),
    leadsTo<number>(
      'lt',
      (s) => g.from[s],
      (s) => g.to[s],
    ),
  ].map((p) => (p.kind === 'alwaysEventually' || p.kind === 'leadsTo' ? { ...p, fairness } : p));
}

function counterexampleOf<S>(result: PropertyResult<S> | undefined): Counterexample<S> {
  if (result?.verdict !== 'violated') throw new Error(`expected a violation, got ${JSON.stringify(result)}`);
  return result.counterexample;
}

/** The example named `name`, its model, and a random check of the properties named `names`. */
function randomExample(name: string, names: readonly string[], options: Parameters<typeof checkRandom>[2] = {}): RandomCheckResult<unknown> {
  const example = examples().find((e) => e.name === name)!;
  const properties = names.map((n) => example.properties.find((p) => p.name === n)!);
  return checkRandom(example.model(), properties, { seed: SEED, ...options });
}

describe('checkRandom on random graphs', () => {
  it('every counterexample replays along edges, is a real violation, and every lasso is fair', () => {
    let violations = 0;
    let missed = 0;
    fc.assert(
      fc.property(graphArb(), fc.constantFrom(...FAIRNESS), (g, fairness) => {
        const model = toModel(g);
        const properties = graphProperties(g, fairness);
        const { results, report } = checkRandom(model, properties, OPTIONS);
        const references = [invariantViolationDepth(g) !== undefined, deadlockDepth(g) !== undefined, alwaysEventuallyReference(g, fairness).violated, leadsToReference(g, fairness).violated];
        results.forEach((result, i) => {
          if (result.verdict !== 'violated') {
            expect(result).toMatchObject({ verdict: 'incomplete', reason: 'random' });
            if (references[i]) missed++;
            return;
          }
          violations++;
          expect(references[i], `${result.property}: a violation the reference does not know`).toBe(true);
          const cex = result.counterexample;
          expectReplaysAlongEdges(g, model, cex);
          expect(isViolating(model, properties[i], cex, fairness)).toBe(true);
          const last = traceStates(cex)[cex.steps.length];
          if (i === 0) expect(g.bad[last]).toBe(true);
          if (i === 2) expectFairLasso(g, cex, g.goal, fairness);
          if (i === 3) {
            expectFairLasso(g, cex, g.to, fairness);
            // The from-state may lie on the cycle (which the exhaustive search's lassos never need).
            const states = traceStates(cex);
            expect(states.some((s, k) => g.from[s] && states.slice(k).every((t) => !g.to[t]))).toBe(true);
          }
        });
        const firstViolated = results.find((r) => r.verdict === 'violated');
        expect(report.path === undefined).toBe(firstViolated === undefined);
        if (firstViolated?.verdict === 'violated') expect(report.lengths?.minimized).toBe(firstViolated.counterexample.steps.length);
      }),
      { seed: SEED, numRuns: GRAPHS },
    );
    // Pinned figures: violations found; on graphs of at most 8 states, 40 runs of 24 steps miss none.
    expect({ violations, missed }).toEqual({ violations: 270, missed: 0 });
  });

  it('the same seed gives the same result; the path replays the failing run', () => {
    fc.assert(
      fc.property(graphArb(), fc.constantFrom(...FAIRNESS), (g, fairness) => {
        const model = toModel(g);
        const properties = graphProperties(g, fairness);
        const first = checkRandom(model, properties, OPTIONS);
        const second = checkRandom(model, properties, OPTIONS);
        expect(second.results).toEqual(first.results);
        expect({ ...second.report, seconds: 0 }).toEqual({ ...first.report, seconds: 0 });
        const { path, lengths } = first.report;
        if (path === undefined) return;
        const index = first.results.findIndex((r) => r.verdict === 'violated');
        // The whole path: the shrunk run, found again at once.
        const replayed = checkRandom(model, [properties[index]], { ...OPTIONS, path });
        expect(replayed.results[0]).toEqual(first.results[index]);
        expect(replayed.report).toMatchObject({ runs: 1, runsToFailure: 1, path, lengths: { found: lengths?.shrunk, shrunk: lengths?.shrunk } });
        // Its first segment: the run as first found, shrunk the same way.
        const original = checkRandom(model, [properties[index]], { ...OPTIONS, path: path.split(':')[0] });
        expect(original.results[0]).toEqual(first.results[index]);
        expect(original.report).toMatchObject({ runsToFailure: 1, path, lengths });
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});

describe('checkRandom on the textbook examples', () => {
  it('philosophers(5): the deadlock, minimized to exactly 5 steps', () => {
    const { results, report } = randomExample('philosophers', ['no-deadlock']);
    const cex = counterexampleOf(results[0]);
    expect(cex.steps.length).toBe(5);
    // The model writes every successor into one scratch vector: the trace's states must still be intact.
    expect(
      isViolating(
        examples()
          .find((e) => e.name === 'philosophers')!
          .model(),
        deadlockFree(),
        cex,
        'none',
      ),
    ).toBe(true);
    expect(cex.steps.map((s) => s.action).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `take left fork ${i}`));
    expect(report.lengths?.minimized).toBe(5);
  });

  it('swapped Peterson: mutual exclusion violated in exactly 6 steps; fair progress incomplete', () => {
    const { results, report } = randomExample('peterson-swapped', ['mutual-exclusion', 'no-deadlock', 'p0-eventually-enters', 'p0-eventually-enters-unfair']);
    expect(counterexampleOf(results[0]).steps.length).toBe(6);
    expect(results[1]).toEqual({ property: 'no-deadlock', kind: 'deadlockFree', verdict: 'incomplete', reason: 'random', runs: 1000 });
    expect(results[2]).toEqual({ property: 'p0-eventually-enters', kind: 'leadsTo', fairness: 'weak', verdict: 'incomplete', reason: 'random', runs: 1000 });
    expect(results[3].verdict).toBe('violated');
    expect(report).toMatchObject({ seed: SEED, lengths: { minimized: 6 } });
  });

  it('spinlock: starvation under weak fairness is a 2-step cycle; under strong fairness nothing is found', () => {
    const { results } = randomExample('spinlock', ['p0-eventually-acquires', 'p0-eventually-acquires-strong', 'no-deadlock']);
    const cex = counterexampleOf(results[0]);
    expect(cex.steps.length - cex.loopStart!).toBe(2);
    expect(cex.steps.slice(cex.loopStart).map((s) => s.actor)).toEqual(['P1', 'P1']);
    expect(results[1]).toMatchObject({ verdict: 'incomplete', reason: 'random', fairness: 'strong' });
    expect(results[2]).toMatchObject({ verdict: 'incomplete', reason: 'random' });
  });

  it('busy-wait: violated without fairness (the poller spins), incomplete under weak fairness', () => {
    const { results } = randomExample('busy-wait', ['worker-finishes-unfair', 'worker-finishes']);
    expect(counterexampleOf(results[0])).toMatchObject({ loopStart: 0, steps: [{ actor: 'poller', state: Int32Array.of(0) }] });
    expect(results[1]).toEqual({ property: 'worker-finishes', kind: 'alwaysEventually', fairness: 'weak', verdict: 'incomplete', reason: 'random', runs: 1000 });
  });

  it('correct Peterson: every property incomplete, after the requested runs per property', () => {
    const { results, report } = randomExample('peterson', ['mutual-exclusion', 'no-deadlock', 'p0-eventually-enters'], { runs: 50, depth: 40 });
    expect(results.map((r) => r.verdict)).toEqual(['incomplete', 'incomplete', 'incomplete']);
    expect(report).toMatchObject({ seed: SEED, runs: 150 });
    expect(report.path).toBeUndefined();
  });

  it('no time left: every property incomplete, no schedule executed', () => {
    const { results, report } = randomExample('philosophers', ['no-deadlock'], { maxSeconds: 0 });
    expect(results).toEqual([{ property: 'no-deadlock', kind: 'deadlockFree', verdict: 'incomplete', reason: 'random', runs: 0 }]);
    expect(report).toMatchObject({ seed: SEED, runs: 0 });
  });

  it('rejects two properties with one name, and bad options', () => {
    const model = examples()[0].model();
    expect(() => checkRandom(model, [deadlockFree(), deadlockFree()])).toThrow('checkRandom: two properties are named "no-deadlock"');
    expect(() => checkRandom(model, [], { runs: 0 })).toThrow('checkRandom: runs must be a positive integer, got 0');
  });
});
