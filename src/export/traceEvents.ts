import { kernelModel, labelOf, type Lane, type StepEvent, type StepEventOf } from '../kernel/index.js';
import { labelFragments } from './labelFragments.js';
import type { TraceDocument } from './traceDocument.js';

/**
 * A fragment of a recorded label that the model does not write for that
 * step (a trace from another version of the model, or an edited one): its
 * text only, in the lane of the model's event in its place (the actor's
 * when the fragments do not line up).
 */
export interface UnrecognisedEvent {
  readonly kind: 'unrecognised';
  readonly text: string;
  readonly lane: Lane;
}

/** What a trace step did: the kernel's typed event, or a recorded fragment it does not know. */
export type TraceEvent = StepEvent | UnrecognisedEvent;

/** What the OOM reaper does with a victim in one oom_reap_task() attempt. */
export type ReapEvent = StepEventOf<'reap-skipped' | 'reaped' | 'reaper-trylock-failed' | 'reaper-gave-up'>;

/** The oom_reap_task() event of a step, if it has one. */
export function reapEvent(events: readonly TraceEvent[]): ReapEvent | undefined {
  return events.find((e): e is ReapEvent => e.kind === 'reap-skipped' || e.kind === 'reaped' || e.kind === 'reaper-trylock-failed' || e.kind === 'reaper-gave-up');
}

/**
 * The events of each step of `doc` (`[i]` for `steps[i]`), recomputed by
 * the kernel model from `states[i]` and the step's actor. When the
 * recorded label is not what the model writes, each fragment that differs
 * becomes an {@link UnrecognisedEvent}: the trace shows its words, but
 * nothing is read into them.
 */
export function traceEvents(doc: TraceDocument): TraceEvent[][] {
  const model = kernelModel(doc.scenario.content, doc.design);
  return doc.steps.map((step, i) => {
    const events = model.stepEvents(doc.states[i], step.actorIndex);
    if (labelOf(events) === step.label) return [...events];
    const fragments = labelFragments(step.label);
    if (fragments.length !== events.length) return [{ kind: 'unrecognised', text: step.label, lane: 'actor' }];
    return fragments.map((text, j): TraceEvent => (text === events[j].text ? events[j] : { kind: 'unrecognised', text, lane: events[j].lane }));
  });
}
