import type { Fairness, Property } from '../engine/index.js';
import { stateDivergence, type Divergence } from './divergence.js';
import type { KernelModel, KernelState } from '../kernel/index.js';
import type { RecordedTrace } from './replay.js';

/** Whether replayed states still violate the property: yes; no, and why; or the lasso does not close. */
export type ViolationCheck = { readonly verdict: 'violated' } | { readonly verdict: 'holds'; readonly reason: string } | { readonly verdict: 'open-loop'; readonly divergence: Divergence };

const violated: ViolationCheck = { verdict: 'violated' };
const holds = (reason: string): ViolationCheck => ({ verdict: 'holds', reason });

function enabledActors(model: KernelModel, s: KernelState): number[] {
  const out: number[] = [];
  model.actions(s, out);
  return out;
}

/** The actors that make a cycle unfair: enabled in some (strong) or every (weak) cycle state, yet never stepping in it. */
function unfairActors(model: KernelModel, cycleStates: readonly KernelState[], cycleActors: ReadonlySet<number>, fairness: Fairness): number[] {
  if (fairness === 'none') return [];
  const enabled = cycleStates.map((s) => new Set(enabledActors(model, s)));
  return model.actorNames
    .map((_, a) => a)
    .filter((a) => {
      if (cycleActors.has(a)) return false;
      const count = enabled.filter((e) => e.has(a)).length;
      return fairness === 'weak' ? count === cycleStates.length : count > 0;
    });
}

/** A liveness violation: a lasso that closes, stays out of the goal on its cycle, and whose cycle is fair. */
function livenessViolation(model: KernelModel, property: Property<KernelState> & { kind: 'leadsTo' | 'alwaysEventually' }, doc: RecordedTrace): ViolationCheck {
  const { states, steps, loop } = doc;
  if (loop === undefined) return holds('the trace has no loop, and a liveness counterexample is a lasso');
  const last = states.length - 1;
  if (loop < 0 || loop > last) return holds(`the loop starts at state ${loop}, which the trace does not have`);
  const open = stateDivergence(model, steps.length, states[loop], states[last], `the last state should be state ${loop}, where the cycle starts`);
  if (open) return { verdict: 'open-loop', divergence: open };
  // The cycle: states loop … last - 1 (the last is states[loop] again), or the last state alone when it stutters.
  const cycle = loop === last ? [states[last]] : states.slice(loop, last);
  if (loop === last) {
    const movers = enabledActors(model, states[last]);
    if (movers.length > 0) return holds(`the trace ends by stuttering in state ${last}, but ${movers.map((a) => model.actorNames[a]).join(', ')} can still move there`);
  }
  const goal = property.kind === 'leadsTo' ? property.to : property.goal;
  const reached = cycle.findIndex(goal);
  if (reached >= 0) return holds(`state ${loop + reached}, in the cycle, satisfies the property's goal: the cycle keeps reaching it`);
  if (property.kind === 'leadsTo') {
    const start = states.findIndex((s, i) => property.from(s) && states.slice(i).every((t) => !property.to(t)));
    if (start < 0) return holds('no state of the trace starts an obligation (its "from" condition) that stays unmet to the end');
  }
  const fairness = property.fairness ?? 'strong';
  const unfair = unfairActors(model, cycle, new Set(steps.slice(loop).map((s) => s.actorIndex)), fairness);
  if (unfair.length > 0) {
    const names = unfair.map((a) => model.actorNames[a]).join(', ');
    const when = fairness === 'weak' ? 'in every state of the cycle' : 'in the cycle';
    return holds(`the cycle is not fair under ${fairness} fairness: ${names} can move ${when} but never does`);
  }
  return violated;
}

/**
 * Checks that replayed states still violate `property`. Safety: the last
 * state breaks the invariant, or is a deadlock (nothing can move, some
 * actor unfinished). Liveness: `doc.loop` is given and the last state
 * equals `states[loop]` (else an `open-loop` divergence at the last
 * step); a stuttering end (`loop` = last index) has nothing enabled; no
 * cycle state satisfies the goal (`to` for leads-to, whose `from` must
 * hold somewhere with `to` false from there on); and the cycle is fair
 * under the property's fairness — strong: every actor enabled in some
 * cycle state steps in the cycle; weak: every actor enabled in all of them.
 */
export function violationOf(model: KernelModel, property: Property<KernelState>, doc: RecordedTrace): ViolationCheck {
  const last = doc.states[doc.states.length - 1];
  const at = `state ${doc.states.length - 1}`;
  switch (property.kind) {
    case 'invariant':
      return property.holds(last) ? holds(`the last state (${at}) satisfies it`) : violated;
    case 'deadlockFree': {
      const movers = enabledActors(model, last);
      if (movers.length > 0) return holds(`${movers.map((a) => model.actorNames[a]).join(', ')} can still move in the last state (${at})`);
      const waiting = model.actorNames.filter((_, a) => !model.isFinished(last, a));
      return waiting.length > 0 ? violated : holds(`every task has finished in the last state (${at}): not a deadlock`);
    }
    default:
      return livenessViolation(model, property, doc);
  }
}
