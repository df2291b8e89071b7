import { pathSegment } from './outputPath.js';
import { layoutOf, type Layout, type KernelState } from '../kernel/index.js';
import { checkedUnder } from './checkedUnder.js';
import type { Exporter } from './exporter.js';
import { mdCode, mdRow, mdText } from './markdownText.js';
import { stepParts } from './stepParts.js';
import { blockedOn } from './taskSituation.js';
import { readableStates, traceTitle, type TraceDocument } from './traceDocument.js';
import { traceStory } from './traceStory.js';

/** The shape of {@link readableStates}' entries (see `plainState`). */
interface ReadableState {
  readonly free: number;
  readonly reserves: number;
  readonly oom_lock: string | null;
  readonly locks: Readonly<Record<string, string>>;
  readonly tasks: Readonly<Record<string, string>>;
  readonly mms: Readonly<Record<string, string>>;
  readonly memcgs?: Readonly<Record<string, string>>;
  readonly reaper: string;
  readonly oom_reaper_list?: readonly string[];
  readonly panicked?: boolean;
  readonly spurious_error?: boolean;
}

const pages = (n: number, what: string) => `${n} ${what} page${n === 1 ? '' : 's'}`;

/** A shell word for `oomcheck replay`: quoted when it has characters a shell would expand. */
function shellWord(word: string): string {
  return /^[\w.+=,@%/-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The locks task `t` holds in `s`: `i_mutex`, `victim.mmap_sem (write)`. */
function heldBy(layout: Layout, s: KernelState, t: number): string[] {
  return layout.locks.flatMap((l, i) => {
    const lock = s.locks[i];
    if (lock.writer === t) return [l.kind === 'rwsem' ? `${l.name} (write)` : l.name];
    return (lock.readers >> t) & 1 ? [`${l.name} (read)`] : [];
  });
}

function header(doc: TraceDocument, replayFile: string | undefined): string[] {
  const under = checkedUnder(doc);
  const scenario = doc.scenario.content;
  const file = doc.scenario.file ? ` (${mdCode(doc.scenario.file)})` : '';
  const failing = doc.property.failing !== doc.property.name ? `, violated as ${mdCode(doc.property.failing)}` : '';
  const knobs = [
    ...(under.presetKnobs.length > 0 ? [`${under.presetKnobs.map(mdCode).join(', ')} (preset)`] : []),
    ...(under.overrides.length > 0 ? [`${under.overrides.map(mdCode).join(', ')} (override)`] : []),
  ];
  const replay = shellWord(replayFile ?? `${pathSegment(doc.property.name)}.json`);
  return [
    `# ${mdText(`${doc.scenario.name} under ${doc.design.name}: ${traceTitle(doc)}`)}`,
    '',
    mdText(traceStory(doc)),
    '',
    `- **Scenario:** ${mdText(scenario.description)}${file}${scenario.source ? `. Source: ${mdText(scenario.source)}` : ''}`,
    doc.property.condition !== undefined
      ? `- **Reach query:** ${mdCode(doc.property.name)}: can the system get into a state where ${mdCode(doc.property.condition)}? A shortest path there (breadth-first)`
      : `- **Property:** ${mdCode(doc.property.name)}${failing}: ${mdText(under.propertyMeaning)} (${doc.property.kind})`,
    `- **Design:** preset ${mdCode(doc.design.preset)}${under.presetTitle ? `, ${mdText(under.presetTitle)}` : ''}`,
    `- **Knobs not at their default:** ${knobs.length > 0 ? knobs.join('; ') : 'none'}`,
    ...(under.fairness ? [`- **Fairness:** ${mdText(under.fairness)}`] : []),
    `- **Memory at the start:** ${pages(scenario.memory.free, 'free')}, ${pages(scenario.memory.reserves, 'reserve')}`,
    `- **Replay:** ${mdCode(`oomcheck replay ${replay}`)}${replayFile === undefined ? ' (the JSON file written next to this one)' : ''}`,
  ];
}

/** The timeline table: a start row, one row per step, and the cycle or violation markers. */
function timeline(doc: TraceDocument): string[] {
  const layout = layoutOf(doc.scenario.content);
  const tasks = layout.tasks.map((t) => t.name);
  const width = tasks.length + 3;
  const oomColumn = tasks.length + 1;
  const reaperColumn = tasks.length + 2;
  const marker = (text: string) => mdRow([`**${mdText(text)}**`, ...Array<string>(width - 1).fill('')]);
  const start = readableStates(doc)[0] as unknown as ReadableState;
  const startRow = ['start', ...tasks.map((name, t) => mdCode([...heldBy(layout, doc.states[0], t).map((l) => `holds ${l}`), start.tasks[name]].join('; '))), '', mdCode(start.reaper)];
  const rows = [mdRow(['step', ...tasks.map(mdText), 'OOM killer', 'oom_reaper']), mdRow(['---:', ...Array<string>(width - 1).fill('---')]), mdRow(startRow)];
  for (const part of stepParts(doc)) {
    if (doc.loop !== undefined && part.number === doc.loop + 1) rows.push(marker('⟳ cycle starts here'));
    const cells = [String(part.number), ...Array<string>(width - 1).fill('')];
    cells[part.task !== undefined ? part.task + 1 : reaperColumn] = mdCode(part.own);
    if (part.oomKiller.length > 0) cells[oomColumn] = mdCode(`(${part.actor}) ${part.oomKiller.join('; ')}`);
    rows.push(mdRow(cells));
  }
  const n = doc.steps.length;
  if (doc.property.condition !== undefined) rows.push(marker(`✓ reached: ${doc.property.condition}`));
  else if (doc.loop === undefined) rows.push(marker(`✗ ${doc.property.failing} violated`));
  else if (doc.loop === n) rows.push(marker('⟳ nothing can move any more'));
  else rows.push(marker(`⟳ back to step ${doc.loop + 1}, forever`));
  return rows;
}

/** The readable state at `index` as a compact list: memory, oom_lock, the memcgs (if any), locks, each task, the mms, the reaper, a panic or spurious error. */
function stateList(doc: TraceDocument, index: number): string[] {
  const layout = layoutOf(doc.scenario.content);
  const s = readableStates(doc)[index] as unknown as ReadableState;
  const raw = doc.states[index];
  const locks = Object.entries(s.locks).map(([lock, holder]) => `${lock} by ${holder}`);
  const queue = s.oom_reaper_list ? `; oom_reaper_list: ${s.oom_reaper_list.join(' → ')}` : '';
  return [
    `- memory: ${pages(s.free, 'free')}, ${pages(s.reserves, 'reserve')}`,
    `- oom_lock: ${s.oom_lock === null ? 'free' : `held by ${mdText(s.oom_lock)}`}`,
    ...(s.memcgs
      ? [
          `- memcgs: ${mdText(
            Object.entries(s.memcgs)
              .map(([memcg, status]) => `${memcg} ${status}`)
              .join('; '),
          )}`,
        ]
      : []),
    `- locks held: ${locks.length > 0 ? mdText(locks.join('; ')) : 'none'}`,
    ...layout.tasks.map((info, t) => {
      // "next: mutex_lock(i_mutex) [SIGKILL]" says less than "sleeps in mutex_lock(&i_mutex), held by H [SIGKILL]".
      const blocked = blockedOn(layout, doc.design.knobs, raw, t);
      const where = s.tasks[info.name];
      const flags = / \[[^\]]*\]$/.exec(where)?.[0] ?? '';
      return `- ${mdText(`${info.name}: ${blocked ? `${blocked}${flags}` : where}`)}`;
    }),
    `- mms: ${mdText(
      Object.entries(s.mms)
        .map(([mm, status]) => `${mm} ${status}`)
        .join('; '),
    )}`,
    `- oom_reaper: ${mdText(`${s.reaper}${queue}`)}`,
    ...(s.panicked ? ['- the kernel has panicked'] : []),
    ...(s.spurious_error ? [`- ${mdText('a system call or put_user() has failed only because of a memcg OOM')}`] : []),
  ];
}

function stateSection(doc: TraceDocument): string[] {
  const n = doc.steps.length;
  const after = (i: number) => (i === 0 ? 'the initial state' : `after step ${i}`);
  if (doc.loop === undefined) return [`## Final state (${after(n)})`, '', ...stateList(doc, n)];
  if (doc.loop === n) return [`## State where nothing can move any more (${after(n)})`, '', ...stateList(doc, n)];
  return [`## State at the start of the cycle (${after(doc.loop)})`, '', ...stateList(doc, doc.loop)];
}

/**
 * Renders a trace as a Markdown timeline a kernel developer can read in a
 * minute and paste into a mail: a title, a plain-language account derived
 * from the trace ({@link traceStory}), what was checked (scenario,
 * property, preset and changed knobs, fairness) and how to replay it; a
 * table with one row per step and one column per task, one for the OOM
 * killer (the part of a task's `out_of_memory()` call that picks, kills
 * and marks, tagged with the calling task) and one for the OOM reaper,
 * with the cycle of a lasso marked; then the state at the start of the
 * cycle (the final state for a safety trace). Step text is the model's
 * labels in code spans, verbatim except that a task's own mm is written
 * `&mm->mmap_sem`.
 */
export const markdownExporter: Exporter = {
  format: 'md',
  extension: '.md',
  render: (doc: TraceDocument): string => markdownTrace(doc),
};

/**
 * The Markdown timeline of {@link markdownExporter}; `replayFile` names the
 * JSON trace to replay when it is not the one written next to the
 * Markdown file (the test helpers write it elsewhere).
 */
export function markdownTrace(doc: TraceDocument, replayFile?: string): string {
  const footer = `Generated by oomcheck ${doc.tool.version} (trace format ${doc.schemaVersion}); scenario sha256 ${doc.scenario.sha256}.`;
  return [...header(doc, replayFile), '', '## Timeline', '', ...timeline(doc), '', ...stateSection(doc), '', mdText(footer), ''].join('\n');
}
