import { layoutOf } from '../kernel/index.js';
import type { TraceDocument } from './traceDocument.js';

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
 * Splits a label at its top-level `; ` separators (not inside parentheses
 * or quotes, so `panic("a; b")` stays whole).
 */
export function labelFragments(label: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < label.length; i++) {
    const c = label[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth = Math.max(0, depth - 1);
    else if (!quoted && depth === 0 && c === ';' && label[i + 1] === ' ') {
      out.push(label.slice(start, i));
      start = i + 2;
    }
  }
  out.push(label.slice(start));
  return out;
}

/** The OOM killer's entry points: the global one, and a memcg's. */
export const OOM_CALLS: readonly string[] = ['out_of_memory()', 'mem_cgroup_out_of_memory()'];
/** The locks released after each, in the same order. */
const OOM_UNLOCKS: readonly string[] = ['mutex_unlock(&oom_lock)', 'mem_cgroup_oom_unlock()'];

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
 * Every step of `doc` cut into its actor's part and the OOM killer's part.
 * A task step whose label has an `out_of_memory()` (or
 * `mem_cgroup_out_of_memory()`) fragment gives the fragments after it (up
 * to the closing unlock) to the OOM killer; everything else stays with
 * the actor.
 */
export function stepParts(doc: TraceDocument): StepParts[] {
  const layout = layoutOf(doc.scenario.content);
  const processOfTask = (name: string) => {
    const t = layout.tasks.findIndex((info) => info.name === name);
    return t === -1 ? undefined : layout.processes[layout.tasks[t].process].name;
  };
  return doc.steps.map((step, i) => {
    const task = step.actorIndex < layout.tasks.length ? step.actorIndex : undefined;
    const reaped = task === undefined ? /oom_reap_task\(([^)]+)\)/.exec(step.label)?.[1] : undefined;
    const process = task !== undefined ? layout.processes[layout.tasks[task].process].name : reaped !== undefined ? processOfTask(reaped) : undefined;
    const label = shortenOwnMmapSem(step.label, process);
    const fragments = labelFragments(label);
    const call = task === undefined ? -1 : fragments.findIndex((f) => OOM_CALLS.includes(f));
    const base = { number: i + 1, actor: step.actor, ...(task !== undefined ? { task } : {}) };
    if (call === -1) return { ...base, own: label, oomKiller: [] };
    const unlock = OOM_UNLOCKS[OOM_CALLS.indexOf(fragments[call])];
    const unlocks = fragments.length - 1 > call && fragments[fragments.length - 1] === unlock;
    const end = unlocks ? fragments.length - 1 : fragments.length;
    const own = [...fragments.slice(0, call + 1), ...(unlocks ? [unlock] : [])].join('; ');
    return { ...base, own, oomKiller: fragments.slice(call + 1, end) };
  });
}
