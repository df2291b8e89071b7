import { describe, expect, test } from 'vitest';
import { htmlExporter } from '../../src/export/html.js';
import { stateTable } from '../../src/export/htmlStateTable.js';
import { readableStates, traceDocument, type TraceDocument } from '../../src/export/traceDocument.js';
import { checkScenario } from '../../src/check/index.js';
import { resolveDesign } from '../../src/kernel/design/design.js';
import { loadScenarioFile } from '../../src/kernel/load/loadScenario.js';

const SCENARIO = 'scenarios/tetsuo-t1-t2-t3.yaml';

function tetsuoLivelock(): TraceDocument {
  const run = checkScenario(loadScenarioFile(SCENARIO), resolveDesign('reaper-slot', { exitTakesMmapSem: false }), ['no-oom-livelock[H]']);
  return traceDocument(run, run.verdicts[0], '0.1.0', SCENARIO);
}

/** The text of `<script type="application/json" id="ID">`. */
function jsonBlock(html: string, id: string): string {
  const m = new RegExp(`<script type="application/json" id="${id}">([^]*?)</script>`).exec(html);
  if (!m) throw new Error(`no #${id} block`);
  return m[1];
}

describe('htmlExporter', () => {
  const doc = tetsuoLivelock();
  const html = htmlExporter.render(doc);

  test('is the html format, deterministic, and one timeline row per state (19 steps + the initial state)', () => {
    expect(htmlExporter.format).toBe('html');
    expect(htmlExporter.extension).toBe('.html');
    expect(htmlExporter.render(tetsuoLivelock())).toBe(html);
    expect(html.match(/<tr id="step-\d+"/g)).toHaveLength(20);
    expect(html.match(/class="step in-cycle"/g)).toHaveLength(3);
  });

  test('tells what goes wrong in plain words, as the Markdown does, and numbers the cycle as it does (steps 17-19, back to step 17)', () => {
    expect(html).toContain(
      '<p class="story" id="story">H never gets out of the page allocator: steps 17–19 repeat forever, and in them H&#39;s out_of_memory() ends in &quot;select_bad_process() aborts: T2 has TIF_MEMDIE&quot;.',
    );
    expect(html).toContain('<span class="badge cycle">↻ back to step 17, forever</span>');
    expect(html).toContain('then steps 17–19 (marked ↻) repeat forever');
  });

  test('is self-contained: no URL, no external script, style or font', () => {
    expect(html).not.toMatch(/https?:|\/\/[a-z]|<link|src=|@import|url\(/i);
    expect(html).toContain(`default-src 'none'`);
  });

  test('embeds the document and the readable states as JSON that parses back unchanged', () => {
    expect(JSON.parse(jsonBlock(html, 'trace-document'))).toEqual(JSON.parse(JSON.stringify(doc)));
    expect(JSON.parse(jsonBlock(html, 'trace-states'))).toEqual(stateTable(readableStates(doc)));
  });

  test('escapes markup in text and in the embedded JSON', () => {
    const evil = '</script><script>alert(1)</script><!--';
    const page = htmlExporter.render({ ...doc, summary: evil, steps: doc.steps.map((s, i) => (i === 0 ? { ...s, label: evil } : s)) });
    expect(page.match(/<script/g)).toHaveLength(3);
    expect(page).toContain('&lt;/script&gt;&lt;script&gt;alert(1)');
    expect(JSON.parse(jsonBlock(page, 'trace-document')).summary).toBe(evil);
  });
});

describe('stateTable', () => {
  test('one row per key seen in any state; an absent lock reads free, a null oom_lock free', () => {
    const table = stateTable([
      { free: 0, oom_lock: null, locks: { i_mutex: 'H' }, tasks: { T1: 'next: exit' } },
      { free: 1, oom_lock: 'T1', locks: { i_mutex: 'H', 'victim.mmap_sem': 'T1 (write)' }, tasks: { T1: 'exited' }, oom_reaper_list: ['T2', 'T3'] },
    ]);
    expect(table.sections).toEqual([
      { title: 'Tasks', keys: ['T1'], labels: ['T1'] },
      { title: 'Memory and the OOM killer', keys: ['free', 'oom_lock', 'oom_reaper_list'], labels: ['free pages', 'oom_lock', 'oom_reaper_list'] },
      { title: 'Locks held', keys: ['i_mutex', 'victim.mmap_sem'], labels: ['i_mutex', 'victim.mmap_sem'] },
    ]);
    expect(table.values).toEqual([
      ['next: exit', '0', 'free', 'empty', 'H', 'free'],
      ['exited', '1', 'T1', 'T2, T3', 'H', 'T1 (write)'],
    ]);
  });
});
