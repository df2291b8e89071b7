import type { Row } from '../outcome.js';

/** A workflow-command property value escaped as GitHub Actions requires (`%`, CR, LF, `:` and `,`). */
function property(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** A workflow-command message escaped as GitHub Actions requires (`%`, CR, LF). */
function message(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * GitHub Actions annotations for the cells that need a reader's eye,
 * printed when `GITHUB_ACTIONS` is set: `::error` for a verdict that
 * differs from the expectation or an unexpected violation, `::warning`
 * for a search that gave no verdict; the same for reach answers. Each
 * names the scenario file (so the annotation sits on it) and the trace
 * to read.
 */
export function githubAnnotations(rows: readonly Row[], tracesOf: (row: Row, property: string) => readonly string[]): string[] {
  return rows.flatMap((row) => [
    ...row.cells.flatMap((cell) => {
      const level = cell.differs || cell.violationCode !== undefined ? 'error' : cell.incomplete ? 'warning' : undefined;
      if (level === undefined) return [];
      const file = row.run.job.recorded;
      const traces = cell.verdict.counterexample ? tracesOf(row, cell.property) : [];
      const markdown = traces.find((t) => t.endsWith('.md')) ?? traces[0];
      const said = cell.expected === undefined ? '' : ` (expected: ${cell.expected})`;
      const text = `${cell.property} under ${row.run.design.name}: ${cell.text.replace(/ !$/, '')}${said}${markdown ? `; trace: ${markdown}` : ''}`;
      const props = [...(file !== undefined ? [`file=${property(file)}`] : []), `title=${property(`oomcheck: ${row.run.scenario.name}`)}`].join(',');
      return [`::${level} ${props}::${message(text)}`];
    }),
    ...row.reach.flatMap((cell) => {
      const level = cell.differs ? 'error' : cell.incomplete ? 'warning' : undefined;
      if (level === undefined) return [];
      const file = row.run.job.recorded;
      const traces = cell.result.witness ? tracesOf(row, cell.ref) : [];
      const markdown = traces.find((t) => t.endsWith('.md')) ?? traces[0];
      const said = cell.result.expected === undefined ? '' : ` (expected: ${cell.result.expected})`;
      const text = `${cell.ref} under ${row.run.design.name}: ${cell.text.replace(/ !$/, '')}${said}${markdown ? `; witness: ${markdown}` : ''}`;
      const props = [...(file !== undefined ? [`file=${property(file)}`] : []), `title=${property(`oomcheck: ${row.run.scenario.name}`)}`].join(',');
      return [`::${level} ${props}::${message(text)}`];
    }),
  ]);
}
