import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alwaysEventually,
  check,
  deadlockFree,
  invariant,
  leadsTo,
  naming,
  NondeterminismError,
  type Counterexample,
  type Fairness,
  type Model,
  type Predicate,
  type Property,
  type PropertyResult,
} from '../../src/engine/index.js';
import { clientProgramArb, clientsModel, type ClientProgram, type ClientState } from './symmetricClients.js';
import { SEED } from './randomModel.js';

const same = (a: ClientState, b: ClientState) => a.length === b.length && a.every((w, i) => w === b[i]);

/** Checks, on the model alone, that `cex` is a run of it and, for liveness, a lasso violating the property fairly. */
function expectValidCounterexample(model: Model<ClientState, number>, property: Property<ClientState>, fairness: Fairness, cex: Counterexample<ClientState>): void {
  const states = [cex.initial, ...cex.steps.map((s) => s.state)];
  expect(same(cex.initial, model.initialStates()[cex.initialIndex])).toBe(true);
  cex.steps.forEach((step, k) => {
    const actions: number[] = [];
    model.actions(states[k], actions);
    const action = actions[step.actionIndex];
    expect(action, `step ${k + 1}: no such action`).toBeDefined();
    expect(step.actor).toBe(model.actorNames[model.actorOf(states[k], action)]);
    expect(same(model.nextState(states[k], action), step.state), `step ${k + 1} does not replay`).toBe(true);
  });
  const last = states[states.length - 1];
  const enabledActors = (s: ClientState) => {
    const actions: number[] = [];
    model.actions(s, actions);
    return new Set(actions.map((a) => model.actorOf(s, a)));
  };
  if (property.kind === 'invariant') return void expect(property.holds(last)).toBe(false);
  if (property.kind === 'deadlockFree') {
    expect(enabledActors(last).size).toBe(0);
    return void expect(model.actorNames.some((_, a) => !model.isFinished(last, a))).toBe(true);
  }
  const loopStart = cex.loopStart!;
  expect(loopStart).toBeTypeOf('number');
  const goal: Predicate<ClientState> = property.kind === 'leadsTo' ? property.to : property.goal;
  const cycle = states.slice(loopStart);
  for (const s of cycle) expect(goal(s)).toBe(false);
  if (property.kind === 'leadsTo') expect(states.slice(0, loopStart + 1).some((s, i) => property.from(s) && states.slice(i).every((t) => !goal(t)))).toBe(true);
  if (loopStart === cex.steps.length) return void expect(enabledActors(last).size).toBe(0);
  expect(same(last, states[loopStart]), 'the cycle does not close').toBe(true);
  if (fairness === 'none') return;
  const onCycle = cycle.slice(0, -1);
  const moved = new Set(cex.steps.slice(loopStart).map((s) => s.actor));
  model.actorNames.forEach((name, a) => {
    if (moved.has(name)) return;
    const enabledAt = onCycle.filter((s) => enabledActors(s).has(a)).length;
    if (fairness === 'weak') expect(enabledAt, `${name} enabled all along the cycle, never moves`).toBeLessThan(onCycle.length);
    else expect(enabledAt, `${name} enabled on the cycle, never moves`).toBe(0);
  });
}

/** Symmetric properties of a clients model (they name no client), and one naming client 0. */
function clientProperties(program: ClientProgram, fairness: Fairness): Property<ClientState>[] {
  const k = program.clients;
  const at = (s: ClientState, pc: number) => s.subarray(0, k).filter((x) => x === pc).length;
  return [
    deadlockFree(),
    invariant('one-at-pc1', (s) => at(s, 1) <= 1),
    alwaysEventually('lock-free-often', (s) => s[k] === 0, fairness),
    alwaysEventually('counter-zero-often', (s) => s[k + 1] === 0, fairness),
    leadsTo(
      'pc1-leads-to-pc0',
      (s) => at(s, 1) > 0,
      (s) => at(s, 1) === 0,
      fairness,
    ),
    naming(
      leadsTo<ClientState>(
        'c0-leaves-pc1',
        (s) => s[0] === 1,
        (s) => s[0] !== 1,
        fairness,
      ),
      [0],
    ),
  ];
}

function verdicts(results: readonly PropertyResult<ClientState>[]) {
  return results.map((r) => `${r.property}: ${r.verdict}`);
}

/** A mutex protocol: pc 0 think (or count), pc 1 take the lock, pc 2 release it. */
const mutex: ClientProgram = {
  clients: 4,
  modulus: 2,
  pcs: [
    [
      { guard: 'none', effect: 'none', to: 1 },
      { guard: 'none', effect: 'inc', to: 0 },
    ],
    [{ guard: 'take', effect: 'none', to: 2 }],
    [{ guard: 'release', effect: 'reset', to: 0 }],
  ],
};

/** The verdicts on the mutex clients: weak fairness lets c0 starve on the lock, strong does not. */
const expected: Record<Fairness, string[]> = {
  none: ['no-deadlock: holds', 'one-at-pc1: violated', 'lock-free-often: violated', 'counter-zero-often: holds', 'pc1-leads-to-pc0: violated', 'c0-leaves-pc1: violated'],
  weak: ['no-deadlock: holds', 'one-at-pc1: violated', 'lock-free-often: holds', 'counter-zero-often: holds', 'pc1-leads-to-pc0: violated', 'c0-leaves-pc1: violated'],
  strong: ['no-deadlock: holds', 'one-at-pc1: violated', 'lock-free-often: holds', 'counter-zero-often: holds', 'pc1-leads-to-pc0: violated', 'c0-leaves-pc1: holds'],
};

describe('symmetry reduction', () => {
  it('stores one state per orbit: exact counts on the mutex clients, and the orbits add up to the unreduced count', () => {
    const model = clientsModel(mutex);
    const plain = check(model, [deadlockFree()], { symmetry: false });
    const reps: ClientState[] = [];
    const reduced = check(model, [deadlockFree()], { observer: { onState: (_id, s) => void reps.push(Int32Array.from(s)) } });
    // Unreduced: pcs in {0, 1} or one client at pc 2 holding the lock, times the counter: (2^4 + 4 * 2^3) * 2.
    expect(plain.stats.states).toBe(96);
    // Reduced: multisets of pcs — 5 with the lock free, 4 with a holder — times the counter.
    expect(reduced.stats.states).toBe(18);
    expect(reduced.stats.symmetry).toEqual({ description: 'clients {c0, c1, c2, c3}', order: 24 });
    expect(plain.stats.symmetry).toBeUndefined();
    const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
    const orbit = (s: ClientState) => {
      const counts = new Map<number, number>();
      for (let i = 0; i < 4; i++) {
        const key = s[i] * 2 + (s[4] === i + 1 ? 1 : 0);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return [...counts.values()].reduce((n, c) => n / factorial(c), factorial(4));
    };
    expect(reps.reduce((sum, s) => sum + orbit(s), 0)).toBe(96);
  });

  it('fixes the clients a property names: with c0 named, the group permutes c1..c3 only', () => {
    const model = clientsModel(mutex);
    const result = check(model, clientProperties(mutex, 'weak'));
    expect(result.stats.symmetry).toEqual({ description: 'clients {c1, c2, c3}', order: 6 });
    // c0 at pc 0 or 1 with the lock free (2 * 4 multisets of the others), c0 holding (4), another holding (2 * 3); times the counter.
    expect(result.stats.states).toBe(36);
    expect(check(model, clientProperties(mutex, 'weak'), { symmetry: false }).stats.states).toBe(96);
  });

  for (const fairness of ['none', 'weak', 'strong'] as const) {
    it(`gives the verdicts of the unreduced search, with counterexamples that replay on the model (mutex clients, ${fairness} fairness)`, () => {
      const model = clientsModel(mutex);
      const properties = clientProperties(mutex, fairness);
      const plain = check(model, properties, { symmetry: false });
      const reduced = check(model, properties);
      expect(verdicts(reduced.results)).toEqual(verdicts(plain.results));
      expect(verdicts(reduced.results)).toEqual(expected[fairness]);
      reduced.results.forEach((r, i) => {
        if (r.verdict === 'violated') expectValidCounterexample(model, properties[i], fairness, r.counterexample);
      });
    });
  }

  it('gives the verdicts of the unreduced search on random symmetric programs, every counterexample a fair run of the model', () => {
    fc.assert(
      fc.property(clientProgramArb(), fc.constantFrom<Fairness>('none', 'weak', 'strong'), (program, fairness) => {
        const model = clientsModel(program);
        const properties = clientProperties(program, fairness);
        const plain = check(model, properties, { symmetry: false });
        const reduced = check(model, properties);
        expect(verdicts(reduced.results)).toEqual(verdicts(plain.results));
        expect(reduced.stats.states).toBeLessThanOrEqual(plain.stats.states);
        reduced.results.forEach((r, i) => {
          if (r.verdict === 'violated') expectValidCounterexample(model, properties[i], fairness, r.counterexample);
        });
        // The symmetric properties alone: the whole group.
        const symmetric = properties.slice(0, 5);
        const whole = check(model, symmetric);
        expect(verdicts(whole.results)).toEqual(verdicts(plain.results.slice(0, 5)));
        whole.results.forEach((r, i) => {
          if (r.verdict === 'violated') expectValidCounterexample(model, symmetric[i], fairness, r.counterexample);
        });
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('a model that is not symmetric under the group it gives', () => {
  it('is caught when a counterexample is mapped back: NondeterminismError, not a wrong trace', () => {
    // Client 0 may not take the lock, but the model still claims every client interchangeable.
    const honest = clientsModel(mutex);
    const lying: typeof honest = {
      ...honest,
      actions(s, out) {
        honest.actions(s, out);
        const keep = out.filter((a) => !(honest.actorOf(s, a) === 0 && s[0] === 1));
        out.length = 0;
        out.push(...keep);
      },
    };
    expect(check(lying, [invariant('lock-free', (s) => s[4] === 0)], { symmetry: false }).results[0].verdict).toBe('violated');
    expect(() => check(lying, [invariant('lock-free', (s) => s[4] === 0)])).toThrow(NondeterminismError);
  });
});
