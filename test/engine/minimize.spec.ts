/**
 * Counterexample minimization: on random walks through random graphs that
 * end in a violation, the minimized trace is never longer, still violates,
 * replays along real edges and is 1-minimal (checked by removing each step
 * independently of the engine); exact lengths on padded traces of the
 * textbook models; BFS counterexamples stay violating and no longer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alwaysEventually,
  check,
  deadlockFree,
  invariant,
  isViolating,
  leadsTo,
  minimizeCounterexample,
  replayPath,
  type Counterexample,
  type Fairness,
  type Model,
  type Property,
} from '../../src/engine/index.js';
import { examples } from '../../src/examples/catalog.js';
import { graphArb, SEED, toModel } from './randomModel.js';
import { expectReplaysAlongEdges, traceStates } from './traceChecks.js';

/** The action indices of a walk: at each step choice `c` picks enabled action `c % count`; stops at a terminal state. */
function walk<S, A>(model: Model<S, A>, choices: readonly number[]): number[] {
  const indices: number[] = [];
  const actions: A[] = [];
  let state = model.initialStates()[0];
  for (const c of choices) {
    actions.length = 0;
    model.actions(state, actions);
    if (actions.length === 0) break;
    indices.push(c % actions.length);
    state = model.nextState(state, actions[c % actions.length]);
  }
  return indices;
}

/**
 * `cex` without step `r`, re-executed by the minimizer's documented rule
 * (same actor and label, else the actor's only enabled action), or
 * `undefined` when a step cannot be matched.
 */
function withoutStep<S, A>(model: Model<S, A>, cex: Counterexample<S>, r: number): Counterexample<S> | undefined {
  const steps = cex.steps.filter((_, k) => k !== r);
  const indices: number[] = [];
  const actions: A[] = [];
  let state = model.initialStates()[cex.initialIndex];
  for (const step of steps) {
    actions.length = 0;
    model.actions(state, actions);
    const actor = (a: A): string => model.actorNames[model.actorOf(state, a)];
    let index = actions.findIndex((a) => actor(a) === step.actor && model.label(state, a) === step.action);
    if (index < 0) {
      const own = actions.flatMap((a, i) => (actor(a) === step.actor ? [i] : []));
      if (own.length !== 1) return undefined;
      index = own[0];
    }
    indices.push(index);
    state = model.codec.decode(encoded(model, model.nextState(state, actions[index])), 0);
  }
  const loopStart = cex.loopStart === undefined || r >= cex.loopStart ? cex.loopStart : cex.loopStart - 1;
  return replayPath(model, cex.initialIndex, indices, { loopStart });
}

function encoded<S>(model: Model<S, unknown>, state: S): Int32Array {
  const words = new Int32Array(model.codec.width);
  model.codec.encode(state, words, 0);
  return words;
}

/** Checks that `minimized` is no longer than `cex`, violates, and loses the violation when any one step is removed. */
function expectOneMinimal<S, A>(model: Model<S, A>, property: Property<S>, cex: Counterexample<S>, minimized: Counterexample<S>, fairness: Fairness): void {
  expect(minimized.steps.length).toBeLessThanOrEqual(cex.steps.length);
  expect(isViolating(model, property, minimized, fairness), 'the minimized trace no longer violates').toBe(true);
  for (let r = 0; r < minimized.steps.length; r++) {
    const shorter = withoutStep(model, minimized, r);
    if (shorter) expect(isViolating(model, property, shorter, fairness), `step ${r + 1} could still be removed`).toBe(false);
  }
}

describe('minimizeCounterexample on random walks', () => {
  it('never lengthens, keeps the violation, replays along edges, and is 1-minimal', () => {
    let violating = 0;
    let shortened = 0;
    fc.assert(
      fc.property(
        graphArb(),
        fc.constantFrom<Fairness>('none', 'weak', 'strong'),
        fc.constantFrom('invariant', 'deadlock', 'alwaysEventually', 'leadsTo'),
        fc.array(fc.nat(), { minLength: 4, maxLength: 30 }),
        (g, fairness, kind, choices) => {
          const model = toModel({ ...g, initials: [g.initials[0]] });
          const indices = walk(model, choices);
          const full = replayPath(model, 0, indices);
          const states = traceStates(full);
          let property: Property<number>;
          let cex: Counterexample<number>;
          if (kind === 'invariant' || kind === 'deadlock') {
            property = kind === 'invariant' ? invariant<number>('not-bad', (s) => !g.bad[s]) : deadlockFree();
            // The last violating state, so that there is something to cut.
            let end = states.length - 1;
            if (kind === 'invariant') while (end >= 0 && !g.bad[states[end]]) end--;
            if (end < 0) return;
            cex = replayPath(model, 0, indices.slice(0, end));
          } else {
            property =
              kind === 'alwaysEventually'
                ? alwaysEventually<number>('ae', (s) => g.goal[s], fairness)
                : leadsTo<number>(
                    'lt',
                    (s) => g.from[s],
                    (s) => g.to[s],
                    fairness,
                  );
            // The longest lasso of the walk: its last state back to its first occurrence.
            // (Or, with no repetition, stuttering in the last state, if it is terminal.)
            cex = replayPath(model, 0, indices, { loopStart: states.indexOf(states[states.length - 1]) });
          }
          if (!isViolating(model, property, cex, fairness)) return;
          violating++;
          const minimized = minimizeCounterexample(model, property, cex, fairness);
          if (minimized.steps.length < cex.steps.length) shortened++;
          else expect(minimized).toBe(cex);
          expectReplaysAlongEdges({ ...g, initials: [g.initials[0]] }, model, minimized);
          expectOneMinimal(model, property, cex, minimized, fairness);
        },
      ),
      { seed: SEED, numRuns: 400 },
    );
    expect({ violating, shortened }).toEqual({ violating: 137, shortened: 113 });
  });

  it('BFS counterexamples (shortest stems, greedy fair cycles) stay violating, never grow, and become 1-minimal', () => {
    let lassos = 0;
    let shortened = 0;
    fc.assert(
      fc.property(graphArb(), fc.constantFrom<Fairness>('none', 'weak', 'strong'), (g, fairness) => {
        const model = toModel(g);
        const properties: Property<number>[] = [
          invariant<number>('not-bad', (s) => !g.bad[s]),
          deadlockFree(),
          alwaysEventually<number>('ae', (s) => g.goal[s], fairness),
          leadsTo<number>(
            'lt',
            (s) => g.from[s],
            (s) => g.to[s],
            fairness,
          ),
        ];
        check(model, properties).results.forEach((result, i) => {
          if (result.verdict !== 'violated') return;
          const cex = result.counterexample;
          expect(isViolating(model, properties[i], cex, fairness)).toBe(true);
          const minimized = minimizeCounterexample(model, properties[i], cex, fairness);
          if (cex.loopStart !== undefined) lassos++;
          if (minimized.steps.length < cex.steps.length) shortened++;
          else expect(minimized).toBe(cex);
          expectOneMinimal(model, properties[i], cex, minimized, fairness);
        });
      }),
      { seed: SEED, numRuns: 300 },
    );
    expect({ lassos, shortened }).toEqual({ lassos: 308, shortened: 8 });
  });
});

describe('minimizeCounterexample on the textbook examples', () => {
  const example = (name: string) => examples().find((e) => e.name === name)!;

  it('philosophers(5): a deadlock padded with a full meal of philosopher 0 shrinks back to 5 steps', () => {
    const model = example('philosophers').model();
    // phil0 eats (left, right, down: back to the initial state), then everyone takes the left fork.
    const padded = replayPath(model, 0, [0, 0, 0, 0, 1, 1, 1, 1]);
    expect(padded.steps.map((s) => s.actor)).toEqual(['phil0', 'phil0', 'phil0', 'phil0', 'phil1', 'phil2', 'phil3', 'phil4']);
    expect(isViolating(model, deadlockFree(), padded, 'none')).toBe(true);
    const minimized = minimizeCounterexample(model, deadlockFree(), padded, 'none');
    expect(minimized.steps.map((s) => s.actor)).toEqual(['phil0', 'phil1', 'phil2', 'phil3', 'phil4']);
    expect(minimized.steps.every((s) => s.action.startsWith('take left fork'))).toBe(true);
  });

  it('spinlock: starvation with a long stem and a doubled cycle shrinks to the 2-step cycle', () => {
    const model = example('spinlock').model();
    const starves = example('spinlock').properties.find((p) => p.name === 'p0-eventually-acquires')!;
    // P1 acquires and releases three times; the last two rounds are the cycle.
    const padded = replayPath(model, 0, [1, 0, 1, 0, 1, 0], { loopStart: 2 });
    expect(padded.steps.map((s) => s.actor)).toEqual(['P1', 'P1', 'P1', 'P1', 'P1', 'P1']);
    expect(isViolating(model, starves, padded, 'weak')).toBe(true);
    const minimized = minimizeCounterexample(model, starves, padded, 'weak');
    expect({ length: minimized.steps.length, loopStart: minimized.loopStart }).toEqual({ length: 2, loopStart: 0 });
    // Under strong fairness P0, enabled whenever the lock is free, must step: not a violation.
    expect(isViolating(model, starves, padded, 'strong')).toBe(false);
    expect(minimizeCounterexample(model, starves, padded, 'strong')).toBe(padded);
  });

  it('BFS counterexamples of every example: still violating, no longer, unchanged when already 1-minimal', () => {
    const figures: Record<string, [number, number]> = {};
    for (const ex of examples()) {
      const model = ex.model();
      const { results } = check(model, ex.properties);
      results.forEach((result, i) => {
        if (result.verdict !== 'violated') return;
        const fairness = result.fairness ?? 'none';
        expect(isViolating(model, ex.properties[i], result.counterexample, fairness)).toBe(true);
        const minimized = minimizeCounterexample(model, ex.properties[i], result.counterexample, fairness);
        expectOneMinimal(model, ex.properties[i], result.counterexample, minimized, fairness);
        if (minimized.steps.length === result.counterexample.steps.length) expect(minimized).toBe(result.counterexample);
        figures[`${ex.name}/${result.property}`] = [result.counterexample.steps.length, minimized.steps.length];
      });
    }
    // Steps before and after: BFS traces of these models are already 1-minimal, returned as they are.
    expect(figures).toEqual({
      'busy-wait/worker-finishes-unfair': [1, 1],
      'peterson-swapped/mutual-exclusion': [6, 6],
      'peterson-swapped/p0-eventually-enters-unfair': [6, 6],
      'philosophers/no-deadlock': [5, 5],
      'spinlock/p0-eventually-acquires': [2, 2],
    });
  });

  it('returns the input when it is not a violation', () => {
    const model = example('busy-wait').model();
    const finishes = example('busy-wait').properties.find((p) => p.name === 'worker-finishes')!;
    const spin = replayPath(model, 0, [1], { loopStart: 0 });
    expect(isViolating(model, finishes, spin, 'weak')).toBe(false);
    expect(minimizeCounterexample(model, finishes, spin, 'weak')).toBe(spin);
    expect(isViolating(model, finishes, spin, 'none')).toBe(true);
    // A safety property never accepts a lasso, nor a liveness property a plain path.
    expect(isViolating(model, finishes, { ...spin, loopStart: undefined }, 'none')).toBe(false);
    expect(
      isViolating(
        model,
        invariant('false', () => false),
        spin,
        'none',
      ),
    ).toBe(false);
  });
});
