/**
 * The HTML viewer's inline style sheet: system fonts only (no downloads),
 * a timeline beside a sticky state panel, the cycle of a lasso shaded,
 * changed fields highlighted, a visible focus ring everywhere. Colours
 * keep at least 4.5:1 contrast for text.
 */
export const htmlStyle = `
:root {
  --fg: #1b1f24; --muted: #57606a; --bg: #ffffff; --line: #d0d7de; --head: #f6f8fa;
  --sel: #dbeafe; --sel-line: #1d4ed8; --cycle: #fff7e6; --cycle-line: #b45309;
  --changed: #fef08a; --bad: #b91c1c; --focus: #7c3aed;
  --mono: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace;
}
* { box-sizing: border-box; }
body { margin: 0; padding: 0 1.25rem 1rem; color: var(--fg); background: var(--bg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
code { font-family: var(--mono); font-size: 0.95em; }
header { padding: 0.75rem 0 0.25rem; }
h1 { font-size: 1.3rem; margin: 0 0 0.5rem; }
h1 code { color: var(--bad); }
.facts { display: grid; grid-template-columns: repeat(4, minmax(0, auto)); gap: 0.25rem 1.5rem; margin: 0; }
.facts div { min-width: 0; }
.facts dt { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
.facts dd { margin: 0; }
.facts details { display: inline-block; vertical-align: top; }
.facts summary { cursor: pointer; color: var(--muted); font-size: 0.85em; }
.knobs { border-collapse: collapse; font-size: 0.85em; margin-top: 0.25rem; }
.knobs th, .knobs td { border: 1px solid var(--line); padding: 0.1rem 0.4rem; text-align: left; font-family: var(--mono); }
.muted { color: var(--muted); }
.story { margin: 0.6rem 0 0; max-width: 60rem; }
.summary { margin: 0.6rem 0 0; padding: 0.5rem 0.75rem; border-left: 4px solid var(--bad); background: #fef2f2; }
.controls { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem;
  padding: 0.5rem 0; background: var(--bg); border-bottom: 1px solid var(--line); }
button { font: inherit; color: var(--fg); background: var(--head); border: 1px solid #8c959f; border-radius: 6px;
  padding: 0.3rem 0.75rem; cursor: pointer; }
button:hover { background: #eaeef2; }
button[aria-disabled="true"] { color: #8c959f; border-color: var(--line); cursor: default; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
#position { font-weight: 600; min-width: 8.5em; text-align: center; font-variant-numeric: tabular-nums; }
.hint { color: var(--muted); font-size: 0.85em; margin-left: auto; }
.layout { display: grid; grid-template-columns: minmax(0, 1.35fr) minmax(0, 1fr); gap: 1.25rem; align-items: start; margin-top: 0.75rem; }
.timeline { width: 100%; border-collapse: collapse; }
.timeline caption { text-align: left; color: var(--muted); padding-bottom: 0.35rem; }
.timeline th { position: sticky; top: 3rem; z-index: 1; background: var(--head); text-align: left; font-size: 0.8rem;
  padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--line); }
.timeline td { padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
.timeline tbody tr { cursor: pointer; }
.timeline tbody tr:hover { background: #f3f4f6; }
.timeline tr.in-cycle { background: var(--cycle); }
.timeline tr.in-cycle td:first-child { box-shadow: inset 4px 0 0 var(--cycle-line); }
.timeline tr.selected, .timeline tr.selected:hover { background: var(--sel); }
.timeline tr.selected td { border-bottom-color: var(--sel-line); }
.timeline tr.selected td:first-child { box-shadow: inset 4px 0 0 var(--sel-line); }
td.num { white-space: nowrap; width: 4.5rem; }
.goto { font-family: var(--mono); min-width: 2.4rem; padding: 0.05rem 0.35rem; background: transparent; border-color: transparent; }
tr.selected .goto { font-weight: 700; border-color: var(--sel-line); background: #fff; }
.loop-mark { color: var(--cycle-line); margin-left: 0.2rem; font-weight: 700; }
td.who { width: 6.5rem; }
.actor { display: inline-block; font-family: var(--mono); font-weight: 600; padding: 0 0.4rem; border-radius: 4px; border: 1px solid; }
.a0 { color: #1d4ed8; } .a1 { color: #047857; } .a2 { color: #9d174d; } .a3 { color: #6d28d9; } .a4 { color: #92400e; } .a5 { color: #374151; }
td.what { font-family: var(--mono); font-size: 0.86rem; }
.clause { display: block; }
.clause + .clause { padding-left: 1.2em; }
.notes { margin-top: 0.2rem; font-family: system-ui, sans-serif; }
.badge { display: inline-block; font-size: 0.78rem; font-weight: 600; padding: 0 0.4rem; border-radius: 4px; }
.badge.cycle { color: #7c2d12; background: #fed7aa; }
.badge.bad { color: #fff; background: var(--bad); }
.state { position: sticky; top: 3.4rem; max-height: calc(100vh - 4rem); overflow: auto; border: 1px solid var(--line);
  border-radius: 8px; padding: 0.6rem 0.9rem; background: #fff; }
.state h2 { font-size: 1.1rem; margin: 0; }
.state-step { font-family: var(--mono); font-size: 0.85rem; margin: 0.25rem 0 0.4rem; color: var(--muted); }
.state-note { margin: 0 0 0.4rem; padding: 0.3rem 0.5rem; background: #fed7aa; color: #7c2d12; border-radius: 4px; font-weight: 600; }
.fields { width: 100%; border-collapse: collapse; margin-bottom: 0.5rem; }
.fields caption { text-align: left; font-weight: 700; padding: 0.2rem 0; }
.fields thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.fields th, .fields td { text-align: left; padding: 0.15rem 0.4rem; border-bottom: 1px solid #eaeef2; vertical-align: top; }
.fields th { width: 30%; font-family: var(--mono); font-weight: 600; }
.fields td { font-family: var(--mono); font-size: 0.86rem; }
.fields tr.changed th, .fields tr.changed td { background: var(--changed); }
.was { display: block; color: var(--muted); font-size: 0.78rem; }
.flag { display: inline-block; font-size: 0.75rem; font-weight: 700; padding: 0 0.3rem; border-radius: 3px; color: #fff; background: #4b5563; }
.flag-TIF_MEMDIE { background: var(--bad); }
.flag-SIGKILL { background: #9a3412; }
.legend { color: var(--muted); font-size: 0.85em; margin: 0.25rem 0 0; }
.swatch { display: inline-block; width: 1em; height: 1em; vertical-align: -0.15em; background: var(--changed); border: 1px solid #ca8a04; }
footer { margin-top: 1rem; color: var(--muted); font-size: 0.8rem; overflow-wrap: anywhere; }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; } .timeline th { position: static; } .state { position: static; max-height: none; } .facts { grid-template-columns: 1fr 1fr; } }
`;
