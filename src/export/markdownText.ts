/**
 * Escaping for GitHub-flavoured Markdown, chosen so the raw text stays
 * readable in a mail: only what Markdown would misread is escaped, and
 * control characters (a newline would end a table row) made visible.
 */
import { visibleText } from '../kernel/index.js';

/**
 * Plain text for Markdown prose, list items and table cells: escapes `\`,
 * `` ` ``, `*`, `~`, `<`, `|` (a cell separator in tables), `_` only where
 * it could start or end emphasis (not inside a word: `TIF_MEMDIE` stays),
 * `[` only where it could start a link, and `&` only before an entity.
 */
export function mdText(text: string): string {
  return visibleText(text)
    .replace(/[\\`*~<|]/g, '\\$&')
    .replace(/_/g, (_m, i: number, s: string) => (/[A-Za-z0-9]/.test(s[i - 1] ?? '') && /[A-Za-z0-9]/.test(s[i + 1] ?? '') ? '_' : '\\_'))
    .replace(/\[(?=[^\]]*\][([])/g, '\\[')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;');
}

/**
 * A code span holding `text` verbatim (kernel identifiers such as
 * `__alloc_pages_slowpath()` need no escaping inside one), with `|`
 * escaped so it is safe in a table cell (GFM reads `\|` there as `|`, even
 * inside code). Uses a longer backtick fence when `text` has backticks.
 */
export function mdCode(text: string): string {
  const escaped = visibleText(text).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(escaped.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = escaped.startsWith('`') || escaped.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${escaped}${pad}${fence}`;
}

/** One table row from its cells (already escaped). */
export function mdRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`.replace(/ {2}\|/g, ' |');
}
