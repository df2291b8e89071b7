import { join } from 'node:path';
import type { ExhaustiveRun } from '../check/index.js';
import { type Exporter, exportersFor, renderTable, traceDocument, tracePath, witnessDocument } from '../export/index.js';
import { reachRef } from '../kernel/index.js';
import { version } from '../packageRoot.js';
import { writeFileAtomic } from './atomicWrite.js';
import { collisionLine } from './collisionLine.js';
import { count } from './count.js';
import { ExitCode } from './exitCodes.js';
import { exitCodeOf, expectationLine, judgeRuns, type JobRun, type Row } from './outcome.js';
import { githubAnnotations } from './reports/githubAnnotations.js';
import { jsonReport } from './reports/jsonReport.js';
import { reachLines } from './reachOptions.js';
import { junitReport } from './reports/junitReport.js';
import { symmetryLines } from './symmetryLines.js';
import { uncheckedLines } from './uncheckedLine.js';
import { UsageError } from './usageError.js';

/** The file each `--report` kind writes, inside `--out`. */
export const REPORT_FILES = { json: 'report.json', junit: 'report.junit.xml' } as const;
/** A `--report` kind. */
export type ReportKind = keyof typeof REPORT_FILES;

/** The kinds `--report` names (repeatable, or a comma list), each once. */
export function reportKinds(given: readonly string[]): ReportKind[] {
  const kinds = given.flatMap((g) => g.split(',')).map((k) => k.trim());
  const unknown = kinds.find((k) => !Object.hasOwn(REPORT_FILES, k));
  if (unknown !== undefined) throw new UsageError(`--report: unknown report "${unknown}" (json or junit)`);
  return [...new Set(kinds)] as ReportKind[];
}

/** The trace formats `--format` names (default: all), as a usage error when one is unknown. */
export function formatsOption(given: string | undefined): Exporter[] {
  try {
    return exportersFor(given);
  } catch (error) {
    throw new UsageError(`--format: ${(error as Error).message}`);
  }
}

/** What {@link writeRunOutputs} writes and prints, besides the runs. */
export interface RunOutputOptions {
  readonly strategy: 'exhaustive' | 'random';
  readonly outDir: string;
  readonly formats: readonly Exporter[];
  readonly reports: readonly ReportKind[];
  /** `--property` or `--reach` was given: no "not checked" lines. */
  readonly propertiesChosen: boolean;
  /** Random strategy: the lines printed under the table for a run (seed, replay command). */
  readonly randomLines?: (run: JobRun) => string[];
  /** Exhaustive strategy: the state graphs (`--dump`, `--coverage`) to finish, given the path of a file beside a run's traces. */
  readonly finishGraphs?: (runs: readonly JobRun[], runFile: (run: JobRun, name: string) => string) => string[];
  /** Exhaustive strategy: no search used symmetry (`--no-symmetry`, or `--dump` / `--coverage`, which see every state). */
  readonly symmetryOff?: boolean;
}

/**
 * Everything `check` (and `merge`) prints and writes once the searches are
 * done: the verdict table, the expectations line, the random searches'
 * lines, every counterexample under `outDir` in every format, the
 * reports, GitHub annotations, the closing line. Returns the exit code.
 */
export function writeRunOutputs(runs: readonly JobRun[], options: RunOutputOptions, out: (line: string) => void): number {
  const { strategy, outDir, formats, reports } = options;
  const rows = judgeRuns(runs);
  const propertyColumns = [...new Set(rows.flatMap((r) => r.cells.map((c) => c.property)))];
  const reachColumns = [...new Set(rows.flatMap((r) => r.reach.map((c) => c.ref)))];
  const tableRows = rows.map(({ run, cells, reach }) => {
    const [size, seconds] = run.strategy === 'random' ? [run.report.runs, run.report.seconds] : [run.stats.states, run.stats.seconds];
    return [
      run.scenario.name,
      run.design.name,
      String(size),
      seconds.toFixed(2),
      ...propertyColumns.map((p) => cells.find((c) => c.property === p)?.text ?? ''),
      ...reachColumns.map((ref) => reach.find((c) => c.ref === ref)?.text ?? ''),
    ];
  });
  out(renderTable(['scenario', 'design', strategy === 'random' ? 'runs' : 'states', 'seconds', ...propertyColumns, ...reachColumns], tableRows));
  const queryLines = reachLines(rows);
  if (queryLines.length > 0) out(['', ...queryLines].join('\n'));
  const expectations = expectationLine(rows);
  if (expectations !== undefined) out(`\n${expectations}`);
  if (!options.propertiesChosen) for (const line of uncheckedLines([...new Set(runs.map((r) => r.scenario))])) out(line);
  if (strategy === 'random' && options.randomLines) {
    out('');
    for (const run of runs) for (const line of options.randomLines(run)) out(line);
  }
  const tracesOf = (run: JobRun, property: string) => formats.map((e) => tracePath(outDir, run.scenario.name, run.design.name, property, e.extension));
  let written = 0;
  let witnesses = 0;
  for (const run of runs) {
    for (const v of run.verdicts) {
      if (!v.counterexample) continue;
      const doc = traceDocument(run, v, version(), run.job.file, run.job.recorded);
      const paths = tracesOf(run, v.property);
      for (const [k, exporter] of formats.entries()) writeFileAtomic(paths[k], exporter.render(doc));
      written++;
    }
    for (const r of run.reach) {
      if (!r.witness) continue;
      const doc = witnessDocument(run, r, version(), run.job.file, run.job.recorded);
      const paths = tracesOf(run, reachRef(r.name));
      for (const [k, exporter] of formats.entries()) writeFileAtomic(paths[k], exporter.render(doc));
      witnesses++;
    }
  }
  // The path of a file beside a run's counterexamples (`states.dot`), by the same one path function.
  const runFile = (run: JobRun, name: string) => tracePath(outDir, run.scenario.name, run.design.name, name, '');
  for (const line of options.finishGraphs?.(runs, runFile) ?? []) out(line);
  const code = exitCodeOf(rows);
  const rowTraces = (row: Row, property: string) => tracesOf(row.run, property);
  for (const kind of reports) {
    const text = kind === 'json' ? `${JSON.stringify(jsonReport(rows, code, version(), rowTraces), null, 2)}\n` : junitReport(rows, rowTraces);
    writeFileAtomic(join(outDir, REPORT_FILES[kind]), text);
  }
  if (process.env.GITHUB_ACTIONS === 'true') for (const line of githubAnnotations(rows, rowTraces)) out(line);
  if (strategy === 'random') {
    const total = runs.reduce((sum, r) => sum + (r.strategy === 'random' ? r.report.runs : 0), 0);
    out(`\n${count(runs.length, 'random search', 'random searches')}, ${count(total, 'run')} in all; ${writtenText(written, witnesses)} written under ${outDir}/.`);
  } else {
    const exhaustive = runs.filter((r): r is ExhaustiveRun & JobRun => r.strategy === 'exhaustive');
    const states = exhaustive.reduce((sum, r) => sum + r.stats.states, 0);
    const worst = Math.max(0, ...exhaustive.map((r) => r.stats.collisionProbability));
    out(`\n${count(runs.length, 'search', 'searches')}, ${count(states, 'distinct state')} in all; ${writtenText(written, witnesses)} written under ${outDir}/. ${collisionLine(worst)}`);
    for (const line of symmetryLines(exhaustive, options.symmetryOff)) out(line);
  }
  if (reports.length > 0) out(`Report${reports.length > 1 ? 's' : ''}: ${reports.map((k) => join(outDir, REPORT_FILES[k])).join(', ')}.`);
  if (code === ExitCode.unexpectedVerdict) out('Cells marked ! differ from the verdict (or reach answer) the scenario expects.');
  return code;
}

/** `3 counterexamples`, or with witnesses `3 counterexamples and 2 witnesses`. */
function writtenText(counterexamples: number, witnesses: number): string {
  return witnesses === 0 ? count(counterexamples, 'counterexample') : `${count(counterexamples, 'counterexample')} and ${count(witnesses, 'witness', 'witnesses')}`;
}
