import type { Exporter } from './exporter.js';
import { htmlScript } from './htmlScript.js';
import { stateTable } from './htmlStateTable.js';
import { htmlStyle } from './htmlStyle.js';
import { readableStates, type TraceDocument } from './traceDocument.js';
import { traceStory } from './traceStory.js';

/** Escapes text for an HTML element or a double-quoted attribute. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * JSON for a `<script type="application/json">` block: `<` is escaped
 * (`\u003c`) so no `</script>` or `<!--` inside a label can end the block
 * early; `JSON.parse` reads it back unchanged. U+2028/2029 are escaped
 * too, for tools that read the block as JavaScript.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** `a; b; c` as one line per clause, keeping the text (and its `; `) intact. */
function clauses(label: string): string {
  const parts = label.split('; ');
  return parts.map((p, i) => `<span class="clause">${escapeHtml(p + (i < parts.length - 1 ? '; ' : ''))}</span>`).join('');
}

/** The facts of the header: scenario, design, property, fairness. */
function header(doc: TraceDocument): string {
  const { scenario, design, property } = doc;
  const knobRows = Object.entries(design.knobs)
    .map(([name, value]) => `<tr><th scope="row">${escapeHtml(name)}</th><td>${escapeHtml(String(value))}</td></tr>`)
    .join('');
  const facts: [string, string][] = [
    ['Scenario', `<code>${escapeHtml(scenario.name)}</code>${scenario.file ? ` <span class="muted">(${escapeHtml(scenario.file)})</span>` : ''}<br>${escapeHtml(scenario.content.description)}`],
    [
      'Design',
      `<code>${escapeHtml(design.name)}</code> <details><summary>all knobs</summary><table class="knobs"><thead><tr><th scope="col">knob</th><th scope="col">value</th></tr></thead><tbody>${knobRows}</tbody></table></details>`,
    ],
    doc.property.condition !== undefined
      ? ['Reach query', `<code>${escapeHtml(property.name)}</code>: <code>${escapeHtml(doc.property.condition)}</code>`]
      : ['Property', `<code>${escapeHtml(property.name)}</code>${property.failing !== property.name ? ` (fails as <code>${escapeHtml(property.failing)}</code>)` : ''}, ${property.kind}`],
    ['Fairness', property.kind === 'liveness' ? `${escapeHtml(property.fairness ?? 'strong')}` : 'not needed: a safety violation is a finite path'],
  ];
  return [
    '<header>',
    doc.property.condition !== undefined
      ? `<h1>Witness: <code>${escapeHtml(property.name)}</code> is reachable in ${doc.steps.length} step${doc.steps.length === 1 ? '' : 's'}</h1>`
      : `<h1>Counterexample: <code>${escapeHtml(property.failing)}</code> is violated</h1>`,
    `<dl class="facts">${facts.map(([term, value]) => `<div><dt>${term}</dt><dd>${value}</dd></div>`).join('')}</dl>`,
    `<p class="story" id="story">${escapeHtml(traceStory(doc))}</p>`,
    `<p class="summary" id="summary"><strong>${doc.property.condition !== undefined ? 'What it reaches' : 'Why this is a violation'}:</strong> ${escapeHtml(doc.summary)}</p>`,
    '</header>',
  ].join('\n');
}

/** The badge on a row that marks where a lasso's cycle starts or closes. */
function cycleNote(doc: TraceDocument, k: number): string {
  const last = doc.steps.length;
  if (doc.property.condition !== undefined) return k === last ? '<span class="badge cycle">condition reached here</span>' : '';
  if (doc.loop === undefined) return k === last ? '<span class="badge bad">property violated here</span>' : '';
  if (doc.loop === last) return k === last ? '<span class="badge cycle">no action enabled: stays here forever</span>' : '';
  const notes: string[] = [];
  if (k === doc.loop) notes.push('<span class="badge cycle">cycle starts after this state ↓</span>');
  // Numbered as in the Markdown and the story: the cycle's first step is loop + 1.
  if (k === last) notes.push(`<span class="badge cycle">↻ back to step ${doc.loop + 1}, forever</span>`);
  return notes.join(' ');
}

/** The timeline: step 0 (the initial state), then one row per step. */
function timeline(doc: TraceDocument): string {
  const { loop } = doc;
  const rows = [{ actor: '', actorIndex: -1, label: 'initial state' }, ...doc.steps].map((step, k) => {
    const inCycle = loop !== undefined && k > loop;
    const classes = [k === 0 ? 'initial' : 'step', inCycle ? 'in-cycle' : '', k === 0 ? 'selected' : ''].filter((c) => c !== '').join(' ');
    const actor = k === 0 ? '' : `<span class="actor a${step.actorIndex % 6}">${escapeHtml(step.actor)}</span>`;
    const note = cycleNote(doc, k);
    return (
      `<tr id="step-${k}" data-step="${k}" class="${classes}"${k === 0 ? ' aria-current="step"' : ''}>` +
      `<td class="num"><button type="button" class="goto" aria-label="Show step ${k}">${k}</button>${inCycle ? '<span class="loop-mark" title="repeats forever">↻</span>' : ''}</td>` +
      `<td class="who">${actor}</td>` +
      `<td class="what">${k === 0 ? '<em>initial state</em>' : clauses(step.label)}${note ? `<div class="notes">${note}</div>` : ''}</td></tr>`
    );
  });
  const caption =
    loop === undefined
      ? `${doc.steps.length} steps from the initial state to the violation.`
      : loop === doc.steps.length
        ? `${doc.steps.length} steps, then nothing can move any more.`
        : `${loop} steps, then steps ${loop + 1}–${doc.steps.length} (marked ↻) repeat forever: after step ${doc.steps.length} the system is back in the state after step ${loop}.`;
  return [
    '<table id="timeline" class="timeline">',
    `<caption>${escapeHtml(caption)}</caption>`,
    '<thead><tr><th scope="col" class="num">step</th><th scope="col">actor</th><th scope="col">what it did</th></tr></thead>',
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table>',
  ].join('\n');
}

function controls(last: number): string {
  return [
    '<nav class="controls" aria-label="Step through the trace">',
    '<button type="button" id="first" title="First step (Home)">« First</button>',
    '<button type="button" id="prev" title="Previous step (←)">◀ Previous</button>',
    `<output id="position" aria-live="polite">step 0 of ${last}</output>`,
    '<button type="button" id="next" title="Next step (→)">Next ▶</button>',
    '<button type="button" id="last" title="Last step (End)">Last »</button>',
    '<span class="hint">Keys: ← → to step, Home / End; click a row to jump.</span>',
    '</nav>',
  ].join('\n');
}

function statePanel(): string {
  return [
    '<section class="state" aria-labelledby="state-title">',
    '<h2 id="state-title">Initial state</h2>',
    '<p id="state-step" class="state-step"></p>',
    '<p id="state-note" class="state-note" hidden></p>',
    '<div id="state-body"><noscript>Showing states needs JavaScript; the Markdown and JSON exports hold the same trace.</noscript></div>',
    '<p class="legend"><span class="swatch"></span> changed since the previous step</p>',
    '</section>',
  ].join('\n');
}

/**
 * The HTML exporter: one self-contained page (inline style and script, no
 * network, no external fonts) with the trace's header, a timeline table
 * (the cycle marked) and a panel showing the selected step's state, the
 * fields that changed from the previous step highlighted. Steps are chosen
 * with First / Previous / Next / Last, the arrow keys or a click on a row;
 * at the last step of a lasso Next goes back to the cycle's start. The
 * document and the readable states are embedded as JSON
 * (`#trace-document`, `#trace-states`), so the page is also a data file.
 */
export const htmlExporter: Exporter = {
  format: 'html',
  extension: '.html',
  render(doc) {
    const title = `${doc.scenario.name} · ${doc.design.name} · ${doc.property.failing}`;
    return [
      '<!DOCTYPE html>',
      '<html lang="en">',
      '<head>',
      '<meta charset="utf-8">',
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      `<meta name="generator" content="${escapeHtml(`${doc.tool.name} ${doc.tool.version}`)}">`,
      // No network at all: scripts and styles only inline, images only data: URLs.
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
      `<title>${escapeHtml(title)}</title>`,
      `<style>${htmlStyle}</style>`,
      '</head>',
      '<body>',
      header(doc),
      controls(doc.steps.length),
      '<main class="layout">',
      `<div class="timeline-wrap">\n${timeline(doc)}\n</div>`,
      statePanel(),
      '</main>',
      `<footer>${escapeHtml(`${doc.tool.name} ${doc.tool.version}, trace schema ${doc.schemaVersion}; scenario sha256 ${doc.scenario.sha256}`)}</footer>`,
      `<script type="application/json" id="trace-document">${scriptJson(doc)}</script>`,
      `<script type="application/json" id="trace-states">${scriptJson(stateTable(readableStates(doc)))}</script>`,
      `<script>${htmlScript}</script>`,
      '</body>',
      '</html>',
      '',
    ].join('\n');
  },
};
