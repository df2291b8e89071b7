import { coverageCounter, type CoverageCounter, type ExhaustiveCheckOptions } from '../check/index.js';
import { combineObservers, type Limits } from '../engine/index.js';
import { STATE_GRAPH_MAX_STATES, stateGraphRecorder, type StateGraphRecorder } from '../export/index.js';
import { writeFileAtomic } from './atomicWrite.js';
import { coverageReportLines } from './coverageReport.js';
import type { JobRun } from './outcome.js';
import { UsageError } from './usageError.js';

/** `parseArgs` option specs of `check --dump dot` and `check --coverage`. */
export const graphOptionSpecs = {
  dump: { type: 'string' },
  coverage: { type: 'boolean' },
} as const;

/** The file `--dump dot` writes per search, beside its counterexamples. */
export const STATE_GRAPH_FILE = 'states.dot';

/** What one search records for `--dump` and `--coverage`. */
interface Recording {
  readonly graph?: StateGraphRecorder;
  readonly coverage?: CoverageCounter;
}

/**
 * `--dump dot` (each exhaustive search's state graph as Graphviz DOT, at
 * most {@link STATE_GRAPH_MAX_STATES} states) and `--coverage` (what each
 * exhaustive search exercised): validated before any search, an observer
 * per search, and what they give once the searches are done.
 */
export class GraphOutputs {
  private readonly recordings: Recording[] = [];

  private constructor(
    private readonly dot: boolean,
    private readonly coverage: boolean,
    /** The state limit to search with: `--dump dot` caps the states at {@link STATE_GRAPH_MAX_STATES}. */
    private readonly maxStates: number | undefined,
  ) {}

  /**
   * Reads `--dump` and `--coverage`.
   * @throws {UsageError} on `--dump` other than `dot`, either with `--strategy random` (no graph is explored), or `--dump dot` with `--max-states` above the graph limit
   */
  static from(values: { dump?: string; coverage?: boolean }, strategy: 'exhaustive' | 'random', limits: Limits): GraphOutputs {
    const dot = values.dump !== undefined;
    if (dot && values.dump !== 'dot') throw new UsageError(`--dump: unknown format "${values.dump}" (dot)`);
    const coverage = values.coverage === true;
    for (const [asked, flag] of [
      [dot, '--dump dot'],
      [coverage, '--coverage'],
    ] as const) {
      if (asked && strategy === 'random')
        throw new UsageError(`${flag} needs the exhaustive strategy: a random search explores no state graph to draw or count (drop --strategy random, or bound the search with --max-states)`);
    }
    if (dot && (limits.maxStates ?? 0) > STATE_GRAPH_MAX_STATES) {
      throw new UsageError(`--dump dot draws at most ${STATE_GRAPH_MAX_STATES.toLocaleString('en-US')} states; --max-states ${limits.maxStates} is above that`);
    }
    return new GraphOutputs(dot, coverage, dot ? Math.min(limits.maxStates ?? STATE_GRAPH_MAX_STATES, STATE_GRAPH_MAX_STATES) : undefined);
  }

  /**
   * Options of the next exhaustive search, to spread over its others: its
   * `observe`, and with `--dump dot` its `maxStates` capped (nothing when
   * neither option is given). Call once per search, in order.
   */
  next(): Pick<ExhaustiveCheckOptions, 'observe' | 'maxStates'> {
    if (!this.dot && !this.coverage) return {};
    const recording: Recording = { ...(this.dot ? { graph: stateGraphRecorder() } : {}), ...(this.coverage ? { coverage: coverageCounter() } : {}) };
    this.recordings.push(recording);
    const parts = [recording.graph, recording.coverage].filter((p) => p !== undefined);
    return { ...(this.maxStates === undefined ? {} : { maxStates: this.maxStates }), observe: (model) => combineObservers(parts.map((p) => p.observe(model))) };
  }

  /**
   * Writes each complete search's graph to `fileOf(run, 'states.dot')` and
   * returns the lines to print: the coverage tables and their warnings,
   * and a line per graph written or refused.
   */
  finish(runs: readonly JobRun[], fileOf: (run: JobRun, name: string) => string): string[] {
    const lines: string[] = [];
    let written = 0;
    for (const [i, recording] of this.recordings.entries()) {
      const run = runs[i];
      if (run.strategy !== 'exhaustive') continue;
      const title = `${run.scenario.name} under ${run.design.name}`;
      if (recording.coverage)
        lines.push(
          ...coverageReportLines(
            title,
            recording.coverage.coverage(),
            run.stats.stopReason,
            run.verdicts.some((v) => v.verdict === 'violated'),
          ),
        );
      const graph = recording.graph;
      if (graph === undefined) continue;
      if (run.stats.stopReason !== undefined || graph.overflowed) {
        lines.push(
          `${STATE_GRAPH_FILE} not written for ${title}: the search stopped incomplete (${run.stats.stopReason ?? 'maxStates'}) after ${run.stats.states} states; --dump dot draws complete searches of at most ${STATE_GRAPH_MAX_STATES.toLocaleString('en-US')} states`,
        );
        continue;
      }
      writeFileAtomic(fileOf(run, STATE_GRAPH_FILE), graph.dot(title, run.verdicts));
      written++;
    }
    if (this.dot) lines.push('', `${written} state graph${written === 1 ? '' : 's'} written (${STATE_GRAPH_FILE} beside each search's counterexamples).`);
    return lines;
  }
}
