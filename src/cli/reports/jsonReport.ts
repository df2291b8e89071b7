import type { Fairness } from '../../engine/index.js';
import type { Row } from '../outcome.js';

/** The report format's version: bumped on any change that a reader of version 1 would misread. */
export const REPORT_FORMAT_VERSION = 1;

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
 * length and trace files. `tracesOf` gives the files written for a cell.
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
    const source = run.job.family !== undefined ? { family: run.job.family } : run.job.recorded !== undefined ? { file: run.job.recorded } : {};
    return { scenario: run.scenario.name, ...source, design: run.design.name, strategy: run.strategy, ...size, properties };
  });
  return { format: 'oomcheck-report', formatVersion: REPORT_FORMAT_VERSION, oomcheck: version, exitCode, searches };
}
