import { layoutOf, type Layout } from '../kernel/index.js';
import type { Exporter } from './exporter.js';
import { mermaidText, mermaidWrapped } from './mermaidText.js';
import { stepParts, timelineEvents, type StepParts } from './stepParts.js';
import { traceTitle, type TraceDocument } from './traceDocument.js';
import { reapEvent, type TraceEvent } from './traceEvents.js';
import { traceStory } from './traceStory.js';

/**
 * Participant ids are ours, not the scenario's names (those are only the
 * aliases): Mermaid's lexer would read a task called `end`, `note` or
 * `loop2` as a keyword, and `-`, `,`, `:` or `;` in a name as syntax.
 */
const OOM = 'oom';
const REAPER = 'reaper';
const taskId = (t: number) => `t${t}`;
const mmId = (p: number) => `mm${p}`;

const INDENT = '    ';

/** The statement drawing one thing the OOM killer did (`e`, and `next` when it goes with it): an arrow to the task it kills or marks, to the reaper it wakes (a cross when the wake-up is lost), or a note. */
function oomKillerLine(e: TraceEvent, next: TraceEvent | undefined): { readonly line: string; readonly both: boolean } {
  const label = (text: string) => mermaidWrapped(text);
  if (e.kind === 'sigkill-sent' && next?.kind === 'victim-marked' && !next.exiting) return { line: `${OOM}->>${taskId(next.task)}: ${label(`${e.text}, ${next.text}`)}`, both: true };
  if ((e.kind === 'victim-marked' && !e.exiting) || e.kind === 'dying-current') return { line: `${OOM}->>${taskId(e.task)}: ${label(e.text)}`, both: false };
  // A lost wake-up is drawn as a cross: the message never arrives.
  if (e.kind === 'reaper-woken' || e.kind === 'reaper-wakeup-dropped') return { line: `${OOM}${e.kind === 'reaper-woken' ? '->>' : '-x'}${REAPER}: ${label(e.text)}`, both: false };
  return { line: `Note over ${OOM}: ${label(e.text)}`, both: false };
}

/** The statements (one per line) drawing one step, whose events (with their timeline texts) are `events`. */
function stepLines(layout: Layout, part: StepParts, events: readonly TraceEvent[]): string[] {
  const label = (text: string) => mermaidWrapped(text);
  const first = (text: string) => label(`${part.number}. ${text}`);
  if (part.task === undefined) {
    const reap = reapEvent(events);
    if (reap === undefined) return [`Note over ${REAPER}: ${first(part.own)}`];
    return [`${REAPER}->>${mmId(mmOf(layout, reap.task))}: ${first(part.own)}`];
  }
  const me = taskId(part.task);
  if (part.oomKiller.length === 0) {
    if (events[0]?.kind === 'mm-released') return [`${me}->>${mmId(mmOf(layout, part.task))}: ${first(part.own)}`];
    return [`Note over ${me}: ${first(part.own)}`];
  }
  // The task's events before the OOM killer's first one make the call; its later ones follow the return.
  const from = events.findIndex((e) => e.lane === 'oom-killer');
  const lines = [
    `${me}->>${OOM}: ${first(
      events
        .slice(0, from)
        .map((e) => e.text)
        .join('; '),
    )}`,
  ];
  const inside = events.filter((e) => e.lane === 'oom-killer');
  for (let i = 0; i < inside.length; i++) {
    const { line, both } = oomKillerLine(inside[i], inside[i + 1]);
    lines.push(line);
    if (both) i++;
  }
  const afterEvents = events.slice(from).filter((e) => e.lane === 'actor');
  const after = afterEvents.map((e) => e.text);
  // Before 4.19 the killer sleeps inside out_of_memory() (schedule_timeout_killable(1)): no return yet; a later step returns.
  if (afterEvents.some((e) => e.kind === 'oom-sleep')) lines.push(`Note over ${me}: ${label(`still in out_of_memory(): ${after.join(', then ')}`)}`);
  else lines.push(`${OOM}-->>${me}: ${label(['returns', ...after].join(', then '))}`);
  return lines;
}

/** The index of the mm task `t` uses (the mm participants are numbered by mm). */
function mmOf(layout: Layout, t: number): number {
  return layout.processes[layout.tasks[t].process].mm;
}

/** The mms some step draws an arrow to: exits and the reaper's work on a victim. */
function mmsUsed(layout: Layout, parts: readonly StepParts[], events: readonly (readonly TraceEvent[])[]): number[] {
  const used = new Set<number>();
  for (const part of parts) {
    const own = events[part.number - 1];
    if (part.task !== undefined && part.oomKiller.length === 0 && own[0]?.kind === 'mm-released') used.add(mmOf(layout, part.task));
    const reap = part.task === undefined ? reapEvent(own) : undefined;
    if (reap !== undefined) used.add(mmOf(layout, reap.task));
  }
  return [...used].sort((a, b) => a - b);
}

/** What each task holds at the start, and the memory: `start: T3 holds victim.mmap_sem (write), H holds i_mutex; 0 free pages, 1 reserve page`. */
function startNote(layout: Layout, doc: TraceDocument): string {
  const s = doc.states[0];
  const holds = layout.tasks.flatMap((task, t) => {
    const locks = layout.locks.flatMap((l, i) => {
      if (s.locks[i].writer === t) return [l.kind === 'rwsem' ? `${l.name} (write)` : l.name];
      return (s.locks[i].readers >> t) & 1 ? [`${l.name} (read)`] : [];
    });
    const flags = [s.tasks[t].fatalSignal ? 'SIGKILL' : '', s.tasks[t].memdie ? 'TIF_MEMDIE' : ''].filter((f) => f !== '');
    return [...(locks.length > 0 ? [`${task.name} holds ${locks.join(' and ')}`] : []), ...(flags.length > 0 ? [`${task.name} has ${flags.join(' and ')}`] : [])];
  });
  const memory = `${s.free} free page${s.free === 1 ? '' : 's'}, ${s.reserves} reserve page${s.reserves === 1 ? '' : 's'}`;
  return `start: ${[...holds, memory].join(', ')}`;
}

/**
 * Renders a trace as a Mermaid `sequenceDiagram` (it renders on GitHub):
 * one participant per task, then `OOM killer`, `oom_reaper`, and the mm of
 * each process that a step touches (an exit or the reaper's work). A
 * task's own steps are notes over it (exits an arrow to its mm); an
 * `out_of_memory()` call is an arrow to the OOM killer, whose actions
 * follow as notes (selection, panic) and arrows (SIGKILL and
 * mark_oom_victim to the victim, wake_oom_reaper to the reaper — a cross
 * when the wake-up is lost), then the return to the caller. A lasso's
 * cycle is wrapped in `loop forever`; a note over everyone gives the
 * account of {@link traceStory}. Steps are numbered as in the other formats.
 */
export const mermaidExporter: Exporter = {
  format: 'mermaid',
  extension: '.mmd',
  render(doc: TraceDocument): string {
    const layout = layoutOf(doc.scenario.content);
    const events = timelineEvents(doc);
    const parts = stepParts(doc, events);
    const mms = mmsUsed(layout, parts, events);
    const everyone = `${taskId(0)},${mms.length > 0 ? mmId(mms[mms.length - 1]) : REAPER}`;
    const title = `${doc.scenario.name} under ${doc.design.name}: ${traceTitle(doc)}`;
    const lines = [
      'sequenceDiagram',
      ...layout.tasks.map((t, i) => `${INDENT}participant ${taskId(i)} as ${mermaidText(t.name)}`),
      `${INDENT}participant ${OOM} as OOM killer`,
      `${INDENT}participant ${REAPER} as oom_reaper`,
      ...mms.map((p) => `${INDENT}participant ${mmId(p)} as ${mermaidText(`${layout.mms[p].name} mm`)}`),
      `${INDENT}Note over ${everyone}: ${mermaidText(title)}<br/>${mermaidWrapped(traceStory(doc), 100)}`,
      `${INDENT}Note over ${everyone}: ${mermaidWrapped(startNote(layout, doc), 100)}`,
    ];
    const n = doc.steps.length;
    for (const part of parts) {
      const inCycle = doc.loop !== undefined && part.number > doc.loop;
      if (inCycle && part.number === doc.loop! + 1) lines.push(`${INDENT}loop ${mermaidText(`forever: steps ${doc.loop! + 1}–${n} repeat`)}`);
      lines.push(...stepLines(layout, part, events[part.number - 1]).map((l) => `${INDENT}${inCycle ? INDENT : ''}${l}`));
    }
    if (doc.loop !== undefined && doc.loop < n) lines.push(`${INDENT}end`);
    else if (doc.loop === n) lines.push(`${INDENT}Note over ${everyone}: ${mermaidText(`⟳ after step ${n} nothing can move any more`)}`);
    else if (doc.property.condition !== undefined) lines.push(`${INDENT}Note over ${everyone}: ${mermaidText(`✓ reached after step ${n}: ${doc.property.condition}`)}`);
    else lines.push(`${INDENT}Note over ${everyone}: ${mermaidText(`✗ ${doc.property.failing} violated after step ${n}`)}`);
    return `${lines.join('\n')}\n`;
  },
};
