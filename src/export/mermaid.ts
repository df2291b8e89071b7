import { layoutOf, type Layout } from '../kernel/index.js';
import type { Exporter } from './exporter.js';
import { mermaidText, mermaidWrapped } from './mermaidText.js';
import { labelFragments, OOM_CALLS, stepParts, type StepParts } from './stepParts.js';
import type { TraceDocument } from './traceDocument.js';
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

/** The statements (one per line) drawing one step. */
function stepLines(layout: Layout, part: StepParts): string[] {
  const label = (text: string) => mermaidWrapped(text);
  const first = (text: string) => label(`${part.number}. ${text}`);
  const taskNamed = (name: string) => layout.tasks.findIndex((t) => t.name === name);
  if (part.task === undefined) {
    const victim = taskNamed(/oom_reap_task\(([^)]+)\)/.exec(part.own)?.[1] ?? '');
    if (victim === -1) return [`Note over ${REAPER}: ${first(part.own)}`];
    return [`${REAPER}->>${mmId(layout.tasks[victim].process)}: ${first(part.own)}`];
  }
  const me = taskId(part.task);
  if (part.oomKiller.length === 0) {
    if (part.own.startsWith('exit_mm()')) return [`${me}->>${mmId(layout.tasks[part.task].process)}: ${first(part.own)}`];
    return [`Note over ${me}: ${first(part.own)}`];
  }
  const own = labelFragments(part.own);
  const call = own.findIndex((f) => OOM_CALLS.includes(f));
  const before = own.slice(0, call);
  const after = own.slice(call + 1);
  const lines = [`${me}->>${OOM}: ${first([...before, own[call]].join('; '))}`];
  const fragments = part.oomKiller;
  for (let i = 0; i < fragments.length; i++) {
    const f = fragments[i];
    const killed = /^SIGKILL to /.test(f);
    const marked = /^mark_oom_victim\(([^)]+)\)$/.exec(killed ? (fragments[i + 1] ?? '') : f);
    const current = /^current (\S+) has a fatal signal pending/.exec(f);
    const target = current ? taskNamed(current[1]) : marked ? taskNamed(marked[1]) : -1;
    if (target !== -1) {
      const text = killed && marked ? `${f}, ${fragments[++i]}` : f;
      lines.push(`${OOM}->>${taskId(target)}: ${label(text)}`);
    } else if (/wake_oom_reaper|oom_reaper_list|queued/.test(f)) {
      // A lost wake-up is drawn as a cross: the message never arrives.
      lines.push(`${OOM}${/dropped|not queued|already queued/.test(f) ? '-x' : '->>'}${REAPER}: ${label(f)}`);
    } else {
      lines.push(`Note over ${OOM}: ${label(f)}`);
    }
  }
  lines.push(`${OOM}-->>${me}: ${label(['returns', ...after].join(', then '))}`);
  return lines;
}

/** The mms some step draws an arrow to: exits and the reaper's work on a victim. */
function mmsUsed(layout: Layout, parts: readonly StepParts[]): number[] {
  const used = new Set<number>();
  for (const part of parts) {
    if (part.task !== undefined && part.oomKiller.length === 0 && part.own.startsWith('exit_mm()')) used.add(layout.tasks[part.task].process);
    const victim = part.task === undefined ? layout.tasks.findIndex((t) => part.own.includes(`oom_reap_task(${t.name})`)) : -1;
    if (victim !== -1) used.add(layout.tasks[victim].process);
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
    const parts = stepParts(doc);
    const mms = mmsUsed(layout, parts);
    const everyone = `${taskId(0)},${mms.length > 0 ? mmId(mms[mms.length - 1]) : REAPER}`;
    const title = `${doc.scenario.name} under ${doc.design.name}: ${doc.property.name} violated`;
    const lines = [
      'sequenceDiagram',
      ...layout.tasks.map((t, i) => `${INDENT}participant ${taskId(i)} as ${mermaidText(t.name)}`),
      `${INDENT}participant ${OOM} as OOM killer`,
      `${INDENT}participant ${REAPER} as oom_reaper`,
      ...mms.map((p) => `${INDENT}participant ${mmId(p)} as ${mermaidText(`${layout.processes[p].name} mm`)}`),
      `${INDENT}Note over ${everyone}: ${mermaidText(title)}<br/>${mermaidWrapped(traceStory(doc), 100)}`,
      `${INDENT}Note over ${everyone}: ${mermaidWrapped(startNote(layout, doc), 100)}`,
    ];
    const n = doc.steps.length;
    for (const part of parts) {
      const inCycle = doc.loop !== undefined && part.number > doc.loop;
      if (inCycle && part.number === doc.loop! + 1) lines.push(`${INDENT}loop ${mermaidText(`forever: steps ${doc.loop! + 1}–${n} repeat`)}`);
      lines.push(...stepLines(layout, part).map((l) => `${INDENT}${inCycle ? INDENT : ''}${l}`));
    }
    if (doc.loop !== undefined && doc.loop < n) lines.push(`${INDENT}end`);
    else if (doc.loop === n) lines.push(`${INDENT}Note over ${everyone}: ${mermaidText(`⟳ after step ${n} nothing can move any more`)}`);
    else lines.push(`${INDENT}Note over ${everyone}: ${mermaidText(`✗ ${doc.property.failing} violated after step ${n}`)}`);
    return `${lines.join('\n')}\n`;
  },
};
