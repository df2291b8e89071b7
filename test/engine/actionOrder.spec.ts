/**
 * Verdicts do not depend on the order in which a model lists its actions
 * (nor on the order of its initial states): permuting them gives the same
 * verdicts, the same numbers of states and transitions, and counterexamples
 * of the same lengths where the engine promises shortest ones — safety
 * traces, the stem of an `alwaysEventually` lasso, and the depth of the
 * `from` state of a `leadsTo` lasso. (The cycle of a lasso, and the path
 * from the `from` state into it, may legitimately differ: which of several
 * equally shallow states is picked depends on the discovery order.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alwaysEventually, check, deadlockFree, invariant, leadsTo, type CheckResult, type Fairness, type Model, type Property, type PropertyResult } from '../../src/engine/index.js';
import { actionOrderArb, graphArb, SEED, toModel, type Graph } from './randomModel.js';
import { expectReplaysAlongEdges, leadsToFromIndex } from './traceChecks.js';

const RUNS = 500;
const FAIRNESS: readonly Fairness[] = ['none', 'weak', 'strong'];
const MAX_EDGES = 32; // the most edges graphArb() generates (8 states × 4 in the escape flavour)
const REVERSED = Array.from({ length: MAX_EDGES }, (_, i) => MAX_EDGES - i);

function allProperties(g: Graph, withLiveness: boolean): Property<number>[] {
  const properties: Property<number>[] = [invariant('not-bad', (s) => !g.bad[s]), deadlockFree()];
  if (withLiveness) {
    for (const f of FAIRNESS) {
      properties.push(alwaysEventually(`ae-${f}`, (s) => g.goal[s], f));
      properties.push(
        leadsTo(
          `lt-${f}`,
          (s) => g.from[s],
          (s) => g.to[s],
          f,
        ),
      );
    }
  }
  return properties;
}

/** What must not depend on the action order: the verdict and the promised-shortest length. */
function summary(g: Graph, result: PropertyResult<number>): { verdict: string; length?: number } {
  if (result.verdict !== 'violated') return { verdict: result.verdict };
  const cex = result.counterexample;
  if (result.kind === 'alwaysEventually') return { verdict: result.verdict, length: cex.loopStart };
  if (result.kind === 'leadsTo') return { verdict: result.verdict, length: leadsToFromIndex(g, cex) };
  return { verdict: result.verdict, length: cex.steps.length };
}

function expectReplays(g: Graph, model: Model<number, number>, run: CheckResult<number>): void {
  for (const result of run.results) if (result.verdict === 'violated') expectReplaysAlongEdges(g, model, result.counterexample);
}

const permutation = fc.record({
  actionOrder: fc.oneof(actionOrderArb(MAX_EDGES), fc.constant(REVERSED)),
  reverseInitials: fc.boolean(),
});

describe('action order independence on random graphs', () => {
  it('with liveness (full search): same verdicts, state and transition counts, depth, and shortest lengths', () => {
    fc.assert(
      fc.property(graphArb(), permutation, (g, { actionOrder, reverseInitials }) => {
        expect(g.edges.length, 'every edge needs a sort key').toBeLessThanOrEqual(MAX_EDGES);
        const permuted: Graph = reverseInitials ? { ...g, initials: [...g.initials].reverse() } : g;
        const plainModel = toModel(g);
        const permutedModel = toModel(permuted, { actionOrder });
        const properties = allProperties(g, true);
        const plain = check(plainModel, properties);
        const other = check(permutedModel, properties);
        expect(other.results.map((r) => summary(g, r))).toEqual(plain.results.map((r) => summary(g, r)));
        expect(other.stats.states).toBe(plain.stats.states);
        expect(other.stats.transitions).toBe(plain.stats.transitions);
        expect(other.stats.depth).toBe(plain.stats.depth);
        expectReplays(g, plainModel, plain);
        expectReplays(permuted, permutedModel, other);
      }),
      { seed: SEED + 300, numRuns: RUNS },
    );
  });

  it('safety only (the search may stop early): same verdicts and trace lengths', () => {
    fc.assert(
      fc.property(graphArb(), permutation, (g, { actionOrder, reverseInitials }) => {
        const permuted: Graph = reverseInitials ? { ...g, initials: [...g.initials].reverse() } : g;
        const permutedModel = toModel(permuted, { actionOrder });
        const properties = allProperties(g, false);
        const plain = check(toModel(g), properties);
        const other = check(permutedModel, properties);
        expect(other.results.map((r) => summary(g, r))).toEqual(plain.results.map((r) => summary(g, r)));
        expectReplays(permuted, permutedModel, other);
      }),
      { seed: SEED + 301, numRuns: RUNS },
    );
  });
});
