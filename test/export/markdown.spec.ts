import { describe, expect, test } from 'vitest';
import { markdownExporter } from '../../src/export/markdown.js';
import { stepParts } from '../../src/export/stepParts.js';
import type { TraceDocument } from '../../src/export/traceDocument.js';
import { allTraces, livelockTrace, needlessKillTrace } from './traces.js';

/** The timeline's rows: lines from the table header to the first blank line. */
function tableRows(md: string): string[] {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => l.startsWith('| step |'));
  const end = lines.indexOf('', start);
  return lines.slice(start, end);
}

/** A row's cells, split at unescaped pipes (GFM's rule), trimmed. */
function cells(row: string): string[] {
  return row
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((c) => c.trim());
}

/** A code-span cell's text as GFM shows it. */
const unCode = (cell: string) =>
  cell
    .replace(/^`+ ?|`+$/g, '')
    .replace(/ $/, '')
    .replace(/\\\|/g, '|');

describe('the Markdown exporter', () => {
  test('names its format and extension', () => {
    expect([markdownExporter.format, markdownExporter.extension]).toEqual(['md', '.md']);
  });

  test("renders Tetsuo's livelock exactly", async () => {
    await expect(markdownExporter.render(livelockTrace())).toMatchFileSnapshot('expected/livelock.md');
  });

  test('renders the needless kill under reaper-slot exactly', async () => {
    await expect(markdownExporter.render(needlessKillTrace())).toMatchFileSnapshot('expected/needless-kill.md');
  });

  test('the title, the replay line and the knobs say what was checked', () => {
    const md = markdownExporter.render(livelockTrace());
    expect(md.split('\n')[0]).toBe('# tetsuo-t1-t2-t3 under reaper-slot+exitTakesMmapSem=false: no-oom-livelock[H] violated');
    expect(md).toContain("- **Replay:** `oomcheck replay 'no-oom-livelock[H].json'`");
    expect(md).toContain('- **Knobs not at their default:** `reaper=slot`, `reaperClearsMemdie=after-reap` (preset); `exitTakesMmapSem=false` (override)');
    expect(md).toContain('- **Fairness:** strong (');
    expect(markdownExporter.render(needlessKillTrace())).not.toContain('**Fairness:**');
  });

  for (const [name, doc] of Object.entries(allTraces())) {
    describe(`on the ${name} trace`, () => {
      const md = markdownExporter.render(doc);
      const rows = tableRows(md);
      const tasks = doc.scenario.content.processes.flatMap((p) => p.threads.map((t) => t.name));
      const width = tasks.length + 3;

      test('every row has one cell per column: task columns, OOM killer, oom_reaper', () => {
        expect(cells(rows[0])).toEqual(['step', ...tasks, 'OOM killer', 'oom_reaper']);
        for (const row of rows) expect(cells(row)).toHaveLength(width);
      });

      test('every step has exactly one row, in order, with its parts in the right columns', () => {
        const numbered = rows.map(cells).filter((c) => /^\d+$/.test(c[0]));
        expect(numbered.map((c) => Number(c[0]))).toEqual(doc.steps.map((_, i) => i + 1));
        for (const part of stepParts(doc)) {
          const row = numbered[part.number - 1];
          const own = part.task !== undefined ? part.task + 1 : width - 1;
          expect(unCode(row[own])).toBe(part.own);
          expect(unCode(row[width - 2])).toBe(part.oomKiller.length > 0 ? `(${part.actor}) ${part.oomKiller.join('; ')}` : '');
          expect(row.filter((c, i) => i > 0 && c !== '')).toHaveLength(part.oomKiller.length > 0 ? 2 : 1);
        }
      });

      test('marks the cycle where loop says, or the violation after the last step', () => {
        const first = (c: string[]) => c[0];
        const column = rows.map(cells).map(first);
        const last = column.indexOf(String(doc.steps.length));
        if (doc.loop === undefined) {
          expect(column.filter((c) => c.includes('⟳'))).toEqual([]);
          expect(column[last + 1]).toBe(`**✗ ${doc.property.failing} violated**`);
        } else {
          expect(column[column.indexOf(String(doc.loop + 1)) - 1]).toBe('**⟳ cycle starts here**');
          expect(column[last + 1]).toBe(`**⟳ back to step ${doc.loop + 1}, forever**`);
        }
        expect(column.slice(last + 2)).toEqual([]);
      });

      test('is deterministic, also after a JSON round trip of the document', () => {
        expect(markdownExporter.render(JSON.parse(JSON.stringify(doc)) as TraceDocument)).toBe(md);
      });
    });
  }

  test('a stuttering lasso ends with "nothing can move any more" and shows the state it stops in', () => {
    const doc = { ...needlessKillTrace(), loop: 16, property: { ...needlessKillTrace().property, kind: 'liveness' as const, fairness: 'strong' as const } };
    const md = markdownExporter.render(doc);
    const column = tableRows(md).map((r) => cells(r)[0]);
    expect(column.slice(-2)).toEqual(['16', '**⟳ nothing can move any more**']);
    expect(md).not.toContain('cycle starts here');
    expect(md).toContain('## State where nothing can move any more (after step 16)');
  });

  test('escapes | in every cell and in the text around the table', () => {
    const doc = livelockTrace();
    const steps = doc.steps.map((s, i) => ({ ...s, label: i === 0 ? 'alloc(1) | `x` | y' : i === 18 ? s.label.replace('aborts', 'a|b') : s.label }));
    const threads = doc.scenario.content.processes[1].threads.map((t) => ({ ...t, name: 'H|x' }));
    const processes = [doc.scenario.content.processes[0], { ...doc.scenario.content.processes[1], threads }];
    const hostile: TraceDocument = { ...doc, steps, scenario: { ...doc.scenario, content: { ...doc.scenario.content, description: 'a | b', processes } } };
    const md = markdownExporter.render(hostile);
    const rows = tableRows(md);
    for (const row of rows) expect(cells(row)).toHaveLength(7);
    expect(cells(rows[0])[4]).toBe('H\\|x');
    expect(cells(rows[3])[4]).toBe('``alloc(1) \\| `x` \\| y``');
    expect(rows.find((r) => r.startsWith('| 19 |'))).toContain('`(H) select_bad_process() a\\|b: T2 has TIF_MEMDIE`');
    expect(md).toContain('- **Scenario:** a \\| b');
    expect(md).toContain('- H\\|x: in allocator (retry)');
  });
});
