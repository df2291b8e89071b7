import type { KernelVerdict, ScenarioRun } from '../check/index.js';
import { kernelPropertyNamed } from '../../properties/index.js';
import { parsePropertyRef } from '../kernel/index.js';
import { ExitCode, violationExitCode } from './exitCodes.js';

/** Where a checked scenario came from: a file or a `--family` spec. */
export interface JobSource {
  /** The scenario file, as given (or found among the built-ins). */
  readonly file?: string;
  /** The `--family` spec it was generated from. */
  readonly family?: string;
  /** How traces and reports name the file: built-ins relative to the package. */
  readonly recorded?: string;
}

/** A scenario checked under one design, with where it came from. */
export type JobRun = ScenarioRun & { readonly job: JobSource };

/** One cell of the verdict table: a property's verdict judged against the scenario's expectation. */
export interface Cell {
  readonly property: string;
  readonly verdict: KernelVerdict;
  /** What the scenario's `expect:` says of this property under this design, if anything. */
  readonly expected?: 'holds' | 'violated';
  /** The verdict contradicts the expectation (an `incomplete` never does). */
  readonly differs: boolean;
  /** A violation nobody expected: its TLC-style exit code (11 deadlock, 12 invariant, 13 liveness). */
  readonly violationCode?: number;
  /** No verdict, and that matters: not a random search's "not found" of a property expected to hold. */
  readonly incomplete: boolean;
  /** The task a per-task property failed for. */
  readonly task?: string;
  /** The table's text: `holds`, `violated 12 (T3)`, `not found in 1000 runs`, `incomplete`, with ` !` when it differs. */
  readonly text: string;
}

/** One row: a run and its judged cells, in the order of its verdicts. */
export interface Row {
  readonly run: JobRun;
  readonly cells: readonly Cell[];
}

/** The TLC-style exit code of a violated kernel property, by the kind of engine property that checks it. */
function violationCode(property: string): number {
  const base = parsePropertyRef(property).property;
  if (base === 'no-deadlock') return violationExitCode('deadlockFree');
  return violationExitCode(kernelPropertyNamed(base)?.fairness === undefined ? 'invariant' : 'leadsTo');
}

/** Judges one verdict of `run` against the scenario's expectation. */
function judge(run: JobRun, v: KernelVerdict): Cell {
  const expected = run.scenario.expect?.[run.design.name]?.[v.property];
  const differs = expected !== undefined && v.verdict !== 'incomplete' && v.verdict !== expected;
  // A random search cannot confirm "holds": not finding a violation of such a property is all it can do.
  const interrupted = v.verdict === 'incomplete' && v.reason === 'interrupted';
  const incomplete = v.verdict === 'incomplete' && (interrupted || !(run.strategy === 'random' && expected === 'holds'));
  const task = v.failing ? parsePropertyRef(v.failing).thread : undefined;
  const text =
    v.verdict === 'violated'
      ? `violated ${v.counterexample!.steps.length}${task ? ` (${task})` : ''}`
      : v.verdict === 'incomplete' && run.strategy === 'random' && !interrupted
        ? `not found in ${v.runs ?? 0} runs`
        : v.verdict;
  return {
    property: v.property,
    verdict: v,
    ...(expected !== undefined ? { expected } : {}),
    differs,
    ...(v.verdict === 'violated' && expected === undefined ? { violationCode: violationCode(v.property) } : {}),
    incomplete,
    ...(task !== undefined ? { task } : {}),
    text: differs ? `${text} !` : text,
  };
}

/** Every run's verdicts judged against its scenario's expectations. */
export function judgeRuns(runs: readonly JobRun[]): Row[] {
  return runs.map((run) => ({ run, cells: run.verdicts.map((v) => judge(run, v)) }));
}

/**
 * The exit code of a whole check: 1 if any verdict differs from its
 * expectation; else, if there are unexpected violations, the smallest of
 * their codes (11 deadlock before 12 invariant before 13 liveness, so the
 * code does not depend on the order of the table); else 3 if any verdict
 * is incomplete; else 0.
 */
export function exitCodeOf(rows: readonly Row[]): number {
  const cells = rows.flatMap((r) => r.cells);
  if (cells.some((c) => c.differs)) return ExitCode.unexpectedVerdict;
  const codes = cells.flatMap((c) => (c.violationCode === undefined ? [] : [c.violationCode]));
  if (codes.length > 0) return Math.min(...codes);
  return cells.some((c) => c.incomplete) ? ExitCode.incomplete : ExitCode.ok;
}

/**
 * One line saying how the verdicts stand against the scenarios'
 * expectations, so that a `violated` cell the scenario expects (the run
 * still exits 0) is not read as a failure: `Expectations: 12 verdicts as
 * expected (5 of them violations), 1 differs (marked !), 3 not stated.`
 * Empty when no scenario states any expectation for what was checked.
 */
export function expectationLine(rows: readonly Row[]): string | undefined {
  const cells = rows.flatMap((r) => r.cells).filter((c) => c.verdict.verdict !== 'incomplete');
  const stated = cells.filter((c) => c.expected !== undefined);
  if (stated.length === 0) return undefined;
  const met = stated.filter((c) => !c.differs);
  const violations = met.filter((c) => c.verdict.verdict === 'violated').length;
  const differ = stated.length - met.length;
  const unstated = cells.length - stated.length;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return (
    [
      `Expectations: ${plural(met.length, 'verdict', 'verdicts')} as the scenario expects (${plural(violations, 'of them a violation', 'of them violations')})`,
      ...(differ > 0 ? [`${plural(differ, 'differs', 'differ')} (marked !)`] : []),
      ...(unstated > 0 ? [`${unstated} with no expectation`] : []),
    ].join(', ') + '.'
  );
}
