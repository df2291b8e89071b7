/**
 * Independent validation of counterexamples against a {@link Graph}: that
 * a trace replays along real edges, and that a lasso is a fair cycle
 * avoiding a set of states. Uses only the graph and the model's action
 * lists, never engine internals.
 */
import { expect } from 'vitest';
import type { Counterexample, Fairness, Model } from '../../src/engine/index.js';
import type { Graph } from './randomModel.js';
import { isEnabled, isTerminal, outEdges } from './reference.js';

const outEdgesCache = new WeakMap<Graph, ReturnType<typeof outEdges>>();
function edgesFrom(g: Graph, s: number): ReturnType<typeof outEdges>[number] {
  let out = outEdgesCache.get(g);
  if (!out) outEdgesCache.set(g, (out = outEdges(g)));
  return out[s];
}

/** The states of a counterexample: index 0 is the initial state, index `k` the state after step `k`. */
export function traceStates(cex: Counterexample<number>): number[] {
  return [cex.initial, ...cex.steps.map((step) => step.state)];
}

/**
 * Every step of `cex` follows an edge of `g` from the previous state to the
 * step's state, performed by the step's actor, and `actionIndex` designates
 * that edge in `model`'s action list of the previous state.
 */
export function expectReplaysAlongEdges(g: Graph, model: Model<number, number>, cex: Counterexample<number>): void {
  expect(cex.initialIndex).toBeGreaterThanOrEqual(0);
  expect(cex.initialIndex).toBeLessThan(g.initials.length);
  expect(cex.initial).toBe(g.initials[cex.initialIndex]);
  let previous = cex.initial;
  cex.steps.forEach((step, k) => {
    const where = `step ${k + 1} (${previous} -> ${step.state} by ${step.actor})`;
    expect(
      edgesFrom(g, previous).some((e) => e.to === step.state && `a${e.actor}` === step.actor),
      `${where} is not an edge of the graph`,
    ).toBe(true);
    const actions: number[] = [];
    model.actions(previous, actions);
    expect(step.actionIndex, `${where}: action index out of range`).toBeLessThan(actions.length);
    const edge = g.edges[actions[step.actionIndex]];
    expect({ to: edge.to, actor: `a${edge.actor}` }, `${where}: actionIndex names another edge`).toEqual({ to: step.state, actor: step.actor });
    expect(step.action).toBe(model.label(previous, actions[step.actionIndex]));
    previous = step.state;
  });
}

/**
 * `cex` is a lasso whose cycle (states `loopStart ..` end) avoids `avoid`,
 * closes (last state = state at `loopStart`, or the cycle is empty and that
 * state is terminal) and is fair under `fairness`:
 * - weak: every actor enabled in all cycle states takes a step on the cycle;
 * - strong: every actor enabled in some cycle state takes a step on the cycle.
 */
export function expectFairLasso(g: Graph, cex: Counterexample<number>, avoid: readonly boolean[], fairness: Fairness): void {
  const states = traceStates(cex);
  const loopStart = cex.loopStart;
  expect(loopStart, 'a liveness counterexample must be a lasso').toBeTypeOf('number');
  if (loopStart === undefined) return;
  expect(Number.isInteger(loopStart) && loopStart >= 0 && loopStart <= cex.steps.length, `loopStart ${loopStart} out of range`).toBe(true);
  const cycleStates = states.slice(loopStart);
  for (const s of cycleStates) expect(avoid[s], `cycle state ${s} is a state the cycle must avoid`).toBe(false);
  if (loopStart === cex.steps.length) {
    expect(isTerminal(g, states[loopStart]), `empty cycle at non-terminal state ${states[loopStart]}`).toBe(true);
    return;
  }
  expect(states[states.length - 1], 'the cycle does not return to loopStart').toBe(states[loopStart]);
  if (fairness === 'none') return;
  const onCycle = cycleStates.slice(0, -1);
  const cycleActors = new Set(cex.steps.slice(loopStart).map((step) => step.actor));
  for (let a = 0; a < g.actorCount; a++) {
    if (cycleActors.has(`a${a}`)) continue;
    const enabledAt = onCycle.filter((s) => isEnabled(g, s, a)).length;
    if (fairness === 'weak') expect(enabledAt, `actor a${a} is enabled all along the cycle but never steps`).toBeLessThan(onCycle.length);
    else expect(enabledAt, `actor a${a} is enabled on the cycle but never steps`).toBe(0);
  }
}

/**
 * The smallest index `i ≤ loopStart` such that state `i` satisfies `from`
 * and no state from `i` on (stem rest and cycle) satisfies `to`; `undefined`
 * when there is none (then the lasso does not violate leads-to).
 */
export function leadsToFromIndex(g: Graph, cex: Counterexample<number>): number | undefined {
  const states = traceStates(cex);
  const loopStart = cex.loopStart ?? states.length - 1;
  for (let i = 0; i <= loopStart; i++) {
    if (g.from[states[i]] && states.slice(i).every((s) => !g.to[s])) return i;
  }
  return undefined;
}
