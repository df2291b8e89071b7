import { visibleText } from '../kernel/index.js';
import { wrap } from './wrap.js';

/** Options of {@link renderTable}. */
export interface TableOptions {
  /**
   * Wrap the last column (free text: a description, a citation) at word
   * boundaries so that lines fit in this many characters, continuing
   * under that column; it is never made narrower than 30.
   */
  readonly width?: number;
}

/** Renders rows as a plain-text table with aligned columns (numbers right-aligned); control characters in cells are made visible, so a row stays one line. */
export function renderTable(givenHeader: readonly string[], givenRows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const header = givenHeader.map(visibleText);
  const rows = givenRows.map((r) => r.map(visibleText));
  const last = header.length - 1;
  const natural = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const before = natural.slice(0, last).reduce((sum, w) => sum + w + 2, 0);
  const lastWidth = options.width === undefined ? natural[last] : Math.min(natural[last], Math.max(30, options.width - before));
  const widths = [...natural.slice(0, last), lastWidth];
  const numeric = header.map((_, c) => rows.length > 0 && rows.every((r) => /^[\d.,\-–]*$/.test(r[c] ?? '')));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (numeric[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  const row = (cells: readonly string[]): string[] => {
    const text = cells[last] ?? '';
    if (text.length <= lastWidth) return [line(cells)];
    const [first, ...rest] = wrap(text, lastWidth);
    const blank = cells.slice(0, last).map(() => '');
    return [line([...cells.slice(0, last), first]), ...rest.map((more) => line([...blank, more]))];
  };
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.flatMap(row)].join('\n');
}

/** The width tables are wrapped to: the terminal's, or 120 columns when the output is not a terminal. */
export function outputWidth(stream: { readonly isTTY?: boolean; readonly columns?: number } = process.stdout): number {
  return stream.isTTY && stream.columns ? stream.columns : 120;
}
