import type { Model } from './model.js';
import type { Fairness, Property } from './property.js';
import type { Counterexample } from './result.js';
import { Execution } from './execution.js';
import { ViolationJudge } from './violationJudge.js';

/** A step to re-execute: which actor, which action (by label), and where it was in the enabled list. */
interface PlannedStep {
  readonly actor: number;
  readonly label: string;
  readonly actionIndex: number;
}

/** A trace to re-execute. */
interface Plan {
  readonly initialIndex: number;
  readonly steps: readonly PlannedStep[];
  readonly loopStart?: number;
}

/** A plan that re-executed into a violation, with its pairs of positions holding the same state. */
interface Accepted extends Plan {
  readonly twins: readonly (readonly [number, number])[];
}

/**
 * Makes `counterexample` 1-minimal for `property`: no single step can be
 * removed with the trace still executable and still violating.
 *
 * A candidate trace is re-executed from its initial state, each step
 * matched in the new state to an enabled action of the same actor with the
 * same label (the one at the step's old `actionIndex` first, when it
 * matches), or else to the actor's only enabled action; a step with
 * neither makes the candidate invalid. Labels and action indices of the
 * result come from the re-execution. Candidates, tried until none
 * succeeds:
 * - shortcuts between two positions holding the same state: the steps in
 *   between cut out (within the stem, or within the cycle), or, for a
 *   lasso, the cycle closed at the earlier repetition (a shorter trace);
 * - every single step removed (for a lasso, `loopStart` moves back when a
 *   stem step goes).
 * A safety trace is also cut at its first violating state.
 *
 * Works on any counterexample of that property (random or BFS). Never
 * returns a longer trace; returns `counterexample` itself when nothing can
 * be removed, or when it does not re-execute into a violation.
 */
export function minimizeCounterexample<S, A>(model: Model<S, A>, property: Property<S>, counterexample: Counterexample<S>, fairness: Fairness): Counterexample<S> {
  const judge = new ViolationJudge<S>(model, property, fairness);
  const run = new Execution(model, judge.mark, counterexample.steps.length + 1);
  const plan = planOf(model, counterexample);
  const input = plan && accept(run, judge, plan);
  if (input === undefined) return counterexample;
  let best: Accepted = input;
  let improved = best.steps.length < counterexample.steps.length;
  for (let changed = true; changed; ) {
    changed = false;
    for (const candidate of shortcuts(best, judge.isLiveness)) {
      const next: Accepted | undefined = accept(run, judge, candidate);
      if (next !== undefined && next.steps.length < best.steps.length) {
        best = next;
        changed = true;
        break;
      }
    }
    for (let r = 0; r < best.steps.length; ) {
      const next: Accepted | undefined = accept(run, judge, without(best, r));
      if (next === undefined) r++;
      else {
        best = next;
        changed = true;
      }
    }
    improved ||= changed;
  }
  if (!improved) return counterexample;
  if (accept(run, judge, best) === undefined) throw new Error('minimizeCounterexample: an accepted trace no longer re-executes');
  return run.toCounterexample(best.steps.length, best.loopStart);
}

/**
 * Whether `counterexample` is a real violation of `property` under
 * `fairness`: starting from the model's initial state `initialIndex`
 * (equal to the recorded one), every step is an enabled action of the
 * step's actor with the step's label reaching the recorded state, and
 * - invariant: the last state violates it; deadlock: the last state has no
 *   enabled action while some actor is unfinished (no `loopStart`);
 * - liveness: it is a lasso whose last state equals the state at
 *   `loopStart` (or `loopStart` is the last state and it is terminal),
 *   whose cycle avoids the goal (`to`) and is fair, and — leads-to — some
 *   state satisfies `from` with `to` false from there on.
 * States are compared by their encoded words.
 */
export function isViolating<S, A>(model: Model<S, A>, property: Property<S>, counterexample: Counterexample<S>, fairness: Fairness): boolean {
  const { codec } = model;
  const judge = new ViolationJudge<S>(model, property, fairness);
  const run = new Execution(model, judge.mark, counterexample.steps.length + 1);
  const expected = new Int32Array(codec.width);
  const found = new Int32Array(codec.width);
  if (counterexample.initialIndex < 0 || counterexample.initialIndex >= model.initialStates().length) return false;
  run.start(counterexample.initialIndex);
  codec.encode(counterexample.initial, expected, 0);
  if (!run.hasWords(0, expected)) return false;
  for (const [k, step] of counterexample.steps.entries()) {
    codec.encode(step.state, expected, 0);
    const actor = model.actorNames.indexOf(step.actor);
    const index = run.enabled.findIndex((action) => {
      if (model.actorOf(run.states[k], action) !== actor || model.label(run.states[k], action) !== step.action) return false;
      codec.encode(model.nextState(run.states[k], action), found, 0);
      return found.every((w, i) => w === expected[i]);
    });
    if (index < 0) return false;
    run.take(index);
  }
  return violates(run, judge, counterexample.loopStart);
}

/** Whether the trace in `run` (a lasso when `loopStart` is given) violates the judge's property. */
function violates<S>(run: Execution<S, unknown>, judge: ViolationJudge<S>, loopStart: number | undefined): boolean {
  const n = run.length;
  if (!judge.isLiveness) return loopStart === undefined && judge.safetyViolatedAt(run, n);
  if (loopStart === undefined || !Number.isInteger(loopStart) || loopStart < 0 || loopStart > n) return false;
  const closes = loopStart === n ? run.isTerminal(n) : run.sameState(loopStart, n);
  return closes && judge.lassoViolates(run, loopStart, n);
}

/** The plan of a counterexample, or `undefined` if it names an unknown actor. */
function planOf<S, A>(model: Model<S, A>, counterexample: Counterexample<S>): Plan | undefined {
  const steps = counterexample.steps.map((step) => ({ actor: model.actorNames.indexOf(step.actor), label: step.action, actionIndex: step.actionIndex }));
  if (steps.some((step) => step.actor < 0)) return undefined;
  return { initialIndex: counterexample.initialIndex, steps, loopStart: counterexample.loopStart };
}

/**
 * Re-executes `plan` into `run`; returns it as accepted (a safety trace
 * cut at its first violation) if it is executable and violating.
 */
function accept<S, A>(run: Execution<S, A>, judge: ViolationJudge<S>, plan: Plan): Accepted | undefined {
  const { model } = run;
  if (plan.initialIndex < 0 || plan.initialIndex >= model.initialStates().length) return undefined;
  run.start(plan.initialIndex);
  const safety = !judge.isLiveness;
  if (safety && plan.loopStart !== undefined) return undefined;
  let end = plan.steps.length;
  for (let k = 0; k < plan.steps.length; k++) {
    if (safety && judge.safetyViolatedAt(run, k)) {
      end = k;
      break;
    }
    const index = matchStep(run, k, plan.steps[k]);
    if (index < 0) return undefined;
    run.take(index);
  }
  if (!violates(run, judge, plan.loopStart)) return undefined;
  const steps: PlannedStep[] = [];
  for (let k = 0; k < end; k++) {
    steps.push({ actor: run.stepActors[k], label: model.label(run.states[k], run.actions[k]), actionIndex: run.actionIndices[k] });
  }
  const twins: [number, number][] = [];
  for (let j = 1; j <= end; j++) for (const i of run.earlierTwins(j)) twins.push([i, j]);
  return { initialIndex: plan.initialIndex, steps, loopStart: plan.loopStart, twins };
}

/** Index of the enabled action at position `k` that carries out `step`, or -1. */
function matchStep<S, A>(run: Execution<S, A>, k: number, step: PlannedStep): number {
  const { model, enabled } = run;
  const state = run.states[k];
  const matches = (action: A): boolean => model.actorOf(state, action) === step.actor && model.label(state, action) === step.label;
  if (step.actionIndex < enabled.length && matches(enabled[step.actionIndex])) return step.actionIndex;
  const same = enabled.findIndex(matches);
  if (same >= 0) return same;
  let only = -1;
  for (let i = 0; i < enabled.length; i++) {
    if (model.actorOf(state, enabled[i]) !== step.actor) continue;
    if (only >= 0) return -1;
    only = i;
  }
  return only;
}

/** `plan` without step `r`. */
function without(plan: Plan, r: number): Plan {
  const steps = plan.steps.filter((_, k) => k !== r);
  const { loopStart } = plan;
  return { initialIndex: plan.initialIndex, steps, loopStart: loopStart !== undefined && r < loopStart ? loopStart - 1 : loopStart };
}

/** Shorter plans through two positions `i < j` holding the same state, biggest savings first. */
function* shortcuts(plan: Accepted, lasso: boolean): Generator<Plan> {
  const { initialIndex, steps, loopStart } = plan;
  const twins = [...plan.twins].sort((x, y) => y[1] - y[0] - (x[1] - x[0]) || x[0] - y[0]);
  for (const [i, j] of twins) {
    // Cut out the steps i .. j-1: the state after them is the state before.
    const cut = [...steps.slice(0, i), ...steps.slice(j)];
    if (loopStart === undefined) yield { initialIndex, steps: cut };
    else if (j <= loopStart) yield { initialIndex, steps: cut, loopStart: loopStart - (j - i) };
    else if (i >= loopStart) yield { initialIndex, steps: cut, loopStart };
    // Close the cycle at the earlier repetition.
    if (lasso && j < steps.length) yield { initialIndex, steps: steps.slice(0, j), loopStart: i };
  }
}
