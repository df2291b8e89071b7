import { opsNeverRun, type Coverage } from '../check/index.js';
import type { StopReason } from '../engine/index.js';
import { renderTable } from '../export/index.js';

/**
 * The coverage of one search as text: a table of step kinds, a table of
 * every task's operations (numbered from 1, as a scenario file lists
 * them) with the oom_reaper's transitions, then one warning line per
 * operation that never ran.
 */
export function coverageReportLines(title: string, coverage: Coverage, stopReason: StopReason | undefined, violated: boolean): string[] {
  const kinds = renderTable(
    ['step event', 'transitions'],
    coverage.stepKinds.map((k) => [k.kind, String(k.transitions)]),
  );
  const opRows = [
    ...coverage.ops.map((op) => [op.task, String(op.pc + 1), op.text + (op.beforeStart ? ' (before its start pc)' : ''), String(op.transitions)]),
    ...coverage.afterProgram.map((a) => [a.task, '-', '(after its program: SIGKILL exit)', String(a.transitions)]),
    ['oom_reaper', '-', '(kthread)', String(coverage.reaper)],
  ];
  const ops = renderTable(['task', 'op', 'operation', 'transitions'], opRows);
  const partial = stopReason === undefined ? '' : ` — the search stopped (${stopReason}): counts cover the explored states only`;
  const never = opsNeverRun(coverage);
  return [
    '',
    `Coverage of ${title}: ${coverage.transitions} transitions${partial}`,
    ...indent(kinds),
    '',
    ...indent(ops),
    ...never.map((op) => `warning: ${op.task} op ${op.pc + 1} ${op.text} never ran${stopReason === undefined ? '' : ' in the explored states'}: a modelling mistake?`),
    ...(never.length > 0 && violated ? ['(a violation in this search, such as a deadlock, can also keep an op from running)'] : []),
  ];
}

const indent = (table: string): string[] => table.split('\n').map((line) => `  ${line}`);
