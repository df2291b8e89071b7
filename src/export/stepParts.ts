import { layoutOf, type Lane } from '../kernel/index.js';
import { reapEvent, traceEvents, type TraceEvent } from './traceEvents.js';
import type { TraceDocument } from './traceDocument.js';

export { labelFragments } from './labelFragments.js';

/**
 * One trace step cut for a timeline: the part its actor did, and — when a
 * task calls `out_of_memory()` — the part the OOM killer did on its
 * behalf, so a reader sees the OOM killer as its own lane.
 */
export interface StepParts {
  /** 1-based, as in the plain-text traces: step `number` leads to `states[number]`. */
  readonly number: number;
  /** The actor's name: a task, or `oom_reaper`. */
  readonly actor: string;
  /** Task index in scenario order; `undefined` for the reaper. */
  readonly task?: number;
  /** What the actor itself did, e.g. `out_of_memory(); mutex_unlock(&oom_lock)` around an OOM-killer call. */
  readonly own: string;
  /** What the OOM killer did inside the call, one fragment per action (`select_bad_process() picks victim (8 points)`, `SIGKILL to victim`, …); empty when the step does not call it. */
  readonly oomKiller: readonly string[];
}

/**
 * Writes an mm's semaphore the way kernel code does from inside that mm's
 * context: `&victim->mm->mmap_sem` becomes `&mm->mmap_sem` in a step of a
 * thread of `victim`, or in the reaper's `oom_reap_task()` of one. Other
 * mms keep their full name.
 */
function shortenOwnMmapSem(text: string, process: string | undefined): string {
  return process === undefined ? text : text.split(`&${process}->mm->mmap_sem`).join('&mm->mmap_sem');
}

/**
 * The events of every step of `doc` (see {@link traceEvents}) with their
 * texts as a timeline shows them: in a step of a task, or in the
 * reaper's `oom_reap_task()` of one, that task's own mm is written
 * `&mm->mmap_sem`.
 */
export function timelineEvents(doc: TraceDocument): TraceEvent[][] {
  const layout = layoutOf(doc.scenario.content);
  return traceEvents(doc).map((events, i) => {
    const actor = doc.steps[i].actorIndex;
    const task = actor < layout.tasks.length ? actor : reapEvent(events)?.task;
    const process = task === undefined ? undefined : layout.processes[layout.tasks[task].process].name;
    return events.map((e) => ({ ...e, text: shortenOwnMmapSem(e.text, process) }));
  });
}

/**
 * Every step of `doc` cut into its actor's part and the OOM killer's part,
 * by the lanes of its events (`events`: {@link timelineEvents} of `doc`,
 * computed when not given): a task's `out_of_memory()` (or
 * `mem_cgroup_out_of_memory()`) call and its closing unlock stay with the
 * task; what the OOM killer did inside goes to the OOM killer.
 */
export function stepParts(doc: TraceDocument, events: readonly (readonly TraceEvent[])[] = timelineEvents(doc)): StepParts[] {
  const layout = layoutOf(doc.scenario.content);
  return doc.steps.map((step, i) => {
    const task = step.actorIndex < layout.tasks.length ? step.actorIndex : undefined;
    const texts = (lane: Lane) => events[i].filter((e) => e.lane === lane).map((e) => e.text);
    return { number: i + 1, actor: step.actor, ...(task !== undefined ? { task } : {}), own: texts('actor').join('; '), oomKiller: texts('oom-killer') };
  });
}
