import type { KernelVerdict, ReachResult, ScenarioRun } from '../check/index.js';
import { kernelPropertyNamed } from '../../properties/index.js';
import { parsePropertyRef, reachRef } from '../kernel/index.js';
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

/** One reach query's answer judged against the scenario's expectation: a column `reach[NAME]` of the table. */
export interface ReachCell {
  /** `reach[NAME]`: the column, and the witness's file name. */
  readonly ref: string;
  readonly result: ReachResult;
  /** The answer contradicts the expectation (an `incomplete` never does). */
  readonly differs: boolean;
  /** No answer, and that matters: not a random search's "not reached" of a condition expected unreachable. */
  readonly incomplete: boolean;
  /** The table's text: `reachable 7`, `unreachable`, `not reached in 1000 runs`, `incomplete`, with ` !` when it differs. */
  readonly text: string;
}

/** One row: a run and its judged cells, in the order of its verdicts, then its reach queries. */
export interface Row {
  readonly run: JobRun;
  readonly cells: readonly Cell[];
  readonly reach: readonly ReachCell[];
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

/** Judges one reach answer of `run` against its expectation, as {@link judge} judges a verdict. */
function judgeReach(run: JobRun, r: ReachResult): ReachCell {
  const { expected } = r;
  const differs = expected !== undefined && r.answer !== 'incomplete' && r.answer !== expected;
  // A random search cannot confirm "unreachable": not reaching a condition expected unreachable is all it can do.
  const interrupted = r.answer === 'incomplete' && r.reason === 'interrupted';
  const incomplete = r.answer === 'incomplete' && (interrupted || !(run.strategy === 'random' && expected === 'unreachable'));
  const text =
    r.answer === 'reachable' ? `reachable ${r.witness!.steps.length}` : r.answer === 'incomplete' && run.strategy === 'random' && !interrupted ? `not reached in ${r.runs ?? 0} runs` : r.answer;
  return { ref: reachRef(r.name), result: r, differs, incomplete, text: differs ? `${text} !` : text };
}

/** Every run's verdicts and reach answers judged against its scenario's expectations. */
export function judgeRuns(runs: readonly JobRun[]): Row[] {
  return runs.map((run) => ({ run, cells: run.verdicts.map((v) => judge(run, v)), reach: run.reach.map((r) => judgeReach(run, r)) }));
}

/**
 * The exit code of a whole check: 1 if any verdict or reach answer
 * differs from its expectation; else, if there are unexpected
 * violations, the smallest of their codes (11 deadlock before 12
 * invariant before 13 liveness, so the code does not depend on the order
 * of the table); else 3 if any verdict or reach answer is incomplete;
 * else 0. A reach answer is never a violation: `reachable` with no
 * expectation is an answer, not a failure.
 */
export function exitCodeOf(rows: readonly Row[]): number {
  const cells = rows.flatMap((r) => r.cells);
  const reach = rows.flatMap((r) => r.reach);
  if (cells.some((c) => c.differs) || reach.some((c) => c.differs)) return ExitCode.unexpectedVerdict;
  const codes = cells.flatMap((c) => (c.violationCode === undefined ? [] : [c.violationCode]));
  if (codes.length > 0) return Math.min(...codes);
  return cells.some((c) => c.incomplete) || reach.some((c) => c.incomplete) ? ExitCode.incomplete : ExitCode.ok;
}

/**
 * One line saying how the verdicts stand against the scenarios'
 * expectations, so that a `violated` cell the scenario expects (the run
 * still exits 0) is not read as a failure: `Expectations: 12 verdicts as
 * expected (5 of them violations), 1 differs (marked !), 3 not stated.`
 * When no scenario states an expectation for what was checked, the line
 * says so (`Expectations: none of the designs checked has expected
 * verdicts (5 with no expectation).`); empty only when no verdict was
 * reached (a reach query alone, or every cell incomplete).
 */
export function expectationLine(rows: readonly Row[]): string | undefined {
  const cells = rows.flatMap((r) => r.cells).filter((c) => c.verdict.verdict !== 'incomplete');
  const stated = cells.filter((c) => c.expected !== undefined);
  if (stated.length === 0) {
    if (cells.length === 0) return reachExpectationLine(rows);
    const reachLine = reachExpectationLine(rows);
    return `Expectations: none of the designs checked has expected verdicts (${cells.length} with no expectation).${reachLine === undefined ? '' : ` ${reachLine}`}`;
  }
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
    ].join(', ') +
    '.' +
    (reachExpectationLine(rows) === undefined ? '' : ` ${reachExpectationLine(rows)}`)
  );
}

/** The reach answers against their expectations, in one sentence (`Reach: 2 answers as the scenario expects, 1 differs (marked !).`); empty when none is stated. */
function reachExpectationLine(rows: readonly Row[]): string | undefined {
  const answered = rows.flatMap((r) => r.reach).filter((c) => c.result.answer !== 'incomplete');
  const stated = answered.filter((c) => c.result.expected !== undefined);
  if (stated.length === 0) return undefined;
  const differ = stated.filter((c) => c.differs).length;
  const met = stated.length - differ;
  const unstated = answered.length - stated.length;
  return (
    [
      `Reach: ${met} ${met === 1 ? 'answer' : 'answers'} as the scenario expects`,
      ...(differ > 0 ? [`${differ} ${differ === 1 ? 'differs' : 'differ'} (marked !)`] : []),
      ...(unstated > 0 ? [`${unstated} with no expectation`] : []),
    ].join(', ') + '.'
  );
}
