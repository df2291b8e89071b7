import type { Row } from '../outcome.js';
import { xmlText } from './xmlText.js';

/**
 * The verdict table as JUnit XML, the format CI systems show as test
 * results: one `<testsuite>` per search (scenario under design), one
 * `<testcase>` per property and per reach query (`reach[NAME]`: fails
 * when the answer differs from the expected one). A case fails when its cell would fail the
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
    const reachCases = row.reach.map((cell) => {
      const traces = cell.result.witness ? tracesOf(row, cell.ref) : [];
      const markdown = traces.find((t) => t.endsWith('.md')) ?? traces[0];
      const where = markdown ? `; witness: ${markdown}` : '';
      const said = cell.result.expected === undefined ? '' : ` (expected: ${cell.result.expected})`;
      const text = `${cell.ref} (${cell.result.condition}): ${cell.text.replace(/ !$/, '')}${said}${where}`;
      const body = cell.differs
        ? `<failure message="${xmlText(text)}" type="unexpected-answer"/>`
        : cell.incomplete
          ? `<skipped message="${xmlText(`${text} — no answer`)}"/>`
          : `<system-out>${xmlText(text)}</system-out>`;
      return `    <testcase classname="${xmlText(`${run.scenario.name}.${run.design.name}`)}" name="${xmlText(cell.ref)}">${body}</testcase>`;
    });
    const failures = row.cells.filter((c) => c.differs || c.violationCode !== undefined).length + row.reach.filter((c) => c.differs).length;
    const skipped = row.cells.filter((c) => !c.differs && c.violationCode === undefined && c.incomplete).length + row.reach.filter((c) => !c.differs && c.incomplete).length;
    const tests = row.cells.length + row.reach.length;
    return [
      `  <testsuite name="${xmlText(name)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds.toFixed(3)}">`,
      ...cases,
      ...reachCases,
      '  </testsuite>',
    ].join('\n');
  });
  const tests = rows.reduce((n, r) => n + r.cells.length + r.reach.length, 0);
  const failures = rows.reduce((n, r) => n + r.cells.filter((c) => c.differs || c.violationCode !== undefined).length + r.reach.filter((c) => c.differs).length, 0);
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="oomcheck" tests="${tests}" failures="${failures}">`, ...suites, '</testsuites>', ''].join('\n');
}
