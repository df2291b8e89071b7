import { visibleText } from '../kernel/index.js';

/** Renders rows as a plain-text table with aligned columns (numbers right-aligned); control characters in cells are made visible, so a row stays one line. */
export function renderTable(givenHeader: readonly string[], givenRows: readonly (readonly string[])[]): string {
  const header = givenHeader.map(visibleText);
  const rows = givenRows.map((r) => r.map(visibleText));
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const numeric = header.map((_, c) => rows.length > 0 && rows.every((r) => /^[\d.,\-–]*$/.test(r[c] ?? '')));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (numeric[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
