import type { Row } from '../outcome.js';
import { xmlText } from './xmlText.js';

/**
 * The verdict table as JUnit XML, the format CI systems show as test
 * results: one `<testsuite>` per search (scenario under design), one
 * `<testcase>` per property. A case fails when its cell would fail the
 * run — a verdict that differs from the scenario's expectation, or an
 * unexpected violation — and is skipped when it has no verdict. An
 * expected violation passes, its counterexample named in `<system-out>`.
 */
export function junitReport(rows: readonly Row[], tracesOf: (row: Row, property: string) => readonly string[]): string {
  const suites = rows.map((row) => {
    const { run } = row;
    const seconds = run.strategy === 'exhaustive' ? run.stats.seconds : run.report.seconds;
    const name = `${run.scenario.name} under ${run.design.name}`;
    const cases = row.cells.map((cell) => {
      const traces = cell.verdict.counterexample ? tracesOf(row, cell.property) : [];
      const markdown = traces.find((t) => t.endsWith('.md')) ?? traces[0];
      const where = markdown ? `; trace: ${markdown}` : '';
      const said = cell.expected === undefined ? '' : ` (expected: ${cell.expected})`;
      const body =
        cell.differs || cell.violationCode !== undefined
          ? `<failure message="${xmlText(`${cell.property}: ${cell.text.replace(/ !$/, '')}${said}${where}`)}" type="${cell.differs ? 'unexpected-verdict' : 'violation'}"/>`
          : cell.incomplete
            ? `<skipped message="${xmlText(`${cell.property}: ${cell.text} — no verdict`)}"/>`
            : markdown
              ? `<system-out>${xmlText(`${cell.property}: ${cell.text}${said}${where}`)}</system-out>`
              : '';
      return `    <testcase classname="${xmlText(`${run.scenario.name}.${run.design.name}`)}" name="${xmlText(cell.property)}">${body}</testcase>`;
    });
    const failures = row.cells.filter((c) => c.differs || c.violationCode !== undefined).length;
    const skipped = row.cells.filter((c) => !c.differs && c.violationCode === undefined && c.incomplete).length;
    return [`  <testsuite name="${xmlText(name)}" tests="${row.cells.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds.toFixed(3)}">`, ...cases, '  </testsuite>'].join(
      '\n',
    );
  });
  const tests = rows.reduce((n, r) => n + r.cells.length, 0);
  const failures = rows.reduce((n, r) => n + r.cells.filter((c) => c.differs || c.violationCode !== undefined).length, 0);
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="oomcheck" tests="${tests}" failures="${failures}">`, ...suites, '</testsuites>', ''].join('\n');
}
