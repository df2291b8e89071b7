import type { Fairness } from '../../engine/index.js';
import type { Row } from '../outcome.js';

/**
 * The report format's version: bumped on any change that a reader of the
 * previous version would misread. 2 added each search's `reach` answers:
 * a version 1 reader would see exit code 1 or 3 with every property as
 * expected, unable to tell that a reach answer caused it.
 */
export const REPORT_FORMAT_VERSION = 2;

/** What `--report json` writes about one reach query of one search. */
export interface ReportReach {
  /** `reach[NAME]`. */
  readonly query: string;
  readonly condition: string;
  readonly answer: 'reachable' | 'unreachable' | 'incomplete';
  readonly expected: 'reachable' | 'unreachable' | null;
  /** `false` when the answer contradicts `expected`; `null` when nothing is expected or there is no answer. */
  readonly asExpected: boolean | null;
  /** Reachable: steps of the witness. */
  readonly steps?: number;
  /** Unreachable: the states of the exhaustive search, every reachable one. */
  readonly states?: number;
  /** Random search, not reached: the schedules run. */
  readonly runs?: number;
  /** The witness files written. */
  readonly traces: readonly string[];
}

/** What `--report json` writes about one property of one search (see `schema/report.schema.json`). */
export interface ReportProperty {
  readonly property: string;
  readonly verdict: 'holds' | 'violated' | 'incomplete';
  readonly expected: 'holds' | 'violated' | null;
  /** `false` when the verdict contradicts `expected`; `null` when nothing is expected or there is no verdict. */
  readonly asExpected: boolean | null;
  readonly failing?: string;
  readonly task?: string;
  readonly fairness?: Fairness;
  /** Steps of the counterexample. */
  readonly steps?: number;
  /** Lassos: the step the cycle goes back to (0 = the initial state). */
  readonly loopStart?: number;
  /** The trace files written, relative to the current folder. */
  readonly traces: readonly string[];
}

/** What `--report json` writes about one search: a scenario under a design. */
export interface ReportSearch {
  readonly scenario: string;
  readonly file?: string;
  readonly family?: string;
  readonly design: string;
  readonly strategy: 'exhaustive' | 'random';
  /** Exhaustive: distinct states explored. */
  readonly states?: number;
  readonly transitions?: number;
  readonly depth?: number;
  /** Exhaustive: the limit that stopped the search, if one did. */
  readonly stopReason?: string;
  /** Random: schedules run, and the seed to repeat them. */
  readonly runs?: number;
  readonly seed?: number;
  readonly seconds: number;
  readonly properties: readonly ReportProperty[];
  /** The reach queries answered, in the order of the table's columns; absent when there were none. */
  readonly reach?: readonly ReportReach[];
}

/** The whole `--report json` document. */
export interface Report {
  readonly format: 'oomcheck-report';
  readonly formatVersion: typeof REPORT_FORMAT_VERSION;
  readonly oomcheck: string;
  readonly exitCode: number;
  readonly searches: readonly ReportSearch[];
}

/** Seconds rounded to the millisecond. */
const milliseconds = (seconds: number): number => Math.round(seconds * 1000) / 1000;

/**
 * The verdict table as a versioned JSON document, for CI: every search
 * with its size, every property with verdict, expectation, counterexample
 * length and trace files, every reach query with its answer, expectation
 * and witness. `tracesOf` gives the files written for a cell (a property
 * reference, or a query's `reach[NAME]`).
 */
export function jsonReport(rows: readonly Row[], exitCode: number, version: string, tracesOf: (row: Row, property: string) => readonly string[]): Report {
  const searches = rows.map((row): ReportSearch => {
    const { run } = row;
    const size =
      run.strategy === 'exhaustive'
        ? {
            states: run.stats.states,
            transitions: run.stats.transitions,
            depth: run.stats.depth,
            ...(run.stats.stopReason ? { stopReason: run.stats.stopReason } : {}),
            seconds: milliseconds(run.stats.seconds),
          }
        : { runs: run.report.runs, seed: run.report.seed, seconds: milliseconds(run.report.seconds) };
    const properties = row.cells.map((cell): ReportProperty => {
      const v = cell.verdict;
      const cx = v.counterexample;
      return {
        property: cell.property,
        verdict: v.verdict,
        expected: cell.expected ?? null,
        asExpected: cell.expected === undefined || v.verdict === 'incomplete' ? null : !cell.differs,
        ...(v.failing !== undefined ? { failing: v.failing } : {}),
        ...(cell.task !== undefined ? { task: cell.task } : {}),
        ...(v.fairness !== undefined ? { fairness: v.fairness } : {}),
        ...(cx ? { steps: cx.steps.length, ...(cx.loopStart !== undefined ? { loopStart: cx.loopStart } : {}) } : {}),
        traces: cx ? tracesOf(row, cell.property) : [],
      };
    });
    const reach = row.reach.map((cell): ReportReach => {
      const r = cell.result;
      return {
        query: cell.ref,
        condition: r.condition,
        answer: r.answer,
        expected: r.expected ?? null,
        asExpected: r.expected === undefined || r.answer === 'incomplete' ? null : !cell.differs,
        ...(r.witness ? { steps: r.witness.steps.length } : {}),
        ...(r.states !== undefined ? { states: r.states } : {}),
        ...(r.runs !== undefined ? { runs: r.runs } : {}),
        traces: r.witness ? tracesOf(row, cell.ref) : [],
      };
    });
    const source = run.job.family !== undefined ? { family: run.job.family } : run.job.recorded !== undefined ? { file: run.job.recorded } : {};
    return { scenario: run.scenario.name, ...source, design: run.design.name, strategy: run.strategy, ...size, properties, ...(reach.length > 0 ? { reach } : {}) };
  });
  return { format: 'oomcheck-report', formatVersion: REPORT_FORMAT_VERSION, oomcheck: version, exitCode, searches };
}
