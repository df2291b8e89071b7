import type { RandomReport } from '../engine/index.js';
import type { Design } from '../kernel/index.js';

/** A shell word: quoted when it has characters a shell would expand. */
function shellWord(word: string): string {
  return /^[\w.+=,@%/:-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `--design PRESET --knob NAME=VALUE...` re-creating `design` (its name lists its overrides). */
function designArgs(design: Design): string[] {
  const [preset, ...overrides] = design.name.split('+');
  return ['--design', preset, ...overrides.flatMap((o) => ['--knob', o])];
}

/** What identifies a random search on the command line, besides its seed and path. */
export interface RandomReplayArgs {
  /** The scenario: a file, or `--family SPEC`. */
  readonly source: readonly string[];
  readonly design: Design;
  readonly properties?: readonly string[];
  readonly fairness?: string;
  /** `--depth`, which changes the schedules generated. */
  readonly depth?: number;
}

/**
 * The command that re-runs exactly the failing schedule of a random
 * search: the same scenario, design, properties, fairness and depth, and
 * `--seed S --path P`.
 */
export function replayCommandLine(args: RandomReplayArgs, report: RandomReport): string {
  const words = [
    'oomcheck',
    'check',
    ...args.source,
    ...designArgs(args.design),
    ...(args.properties ?? []).flatMap((p) => ['--property', p]),
    ...(args.fairness ? ['--fairness', args.fairness] : []),
    ...(args.depth !== undefined ? ['--depth', String(args.depth)] : []),
    '--strategy',
    'random',
    '--seed',
    String(report.seed),
    ...(report.path !== undefined ? ['--path', report.path] : []),
  ];
  return words.map(shellWord).join(' ');
}

/**
 * The report printed under the verdict table for one random search:
 * seed and path, the property whose failing schedule the path is (the
 * first that failed; other properties' schedules are not replayed by
 * it), runs (to the failure), counterexample lengths found → shrunk →
 * minimized, seconds, and the command to replay that schedule.
 */
export function randomReportLines(title: string, args: RandomReplayArgs, report: RandomReport): string[] {
  const seconds = `${report.seconds.toFixed(2)} s`;
  if (report.path === undefined || report.runsToFailure === undefined) {
    return [`${title}: seed ${report.seed}, ${report.runs} runs, no violation found, ${seconds}`];
  }
  const lengths = report.lengths ? `, ${report.lengths.found} → ${report.lengths.shrunk} → ${report.lengths.minimized} steps (found → shrunk → minimized)` : '';
  // The path is one property's failing schedule (the first property that failed): say which, a witness as reached.
  const what = report.property === undefined ? 'violated' : report.property.startsWith('reach[') ? `${report.property} reached` : `${report.property} violated`;
  return [`${title}: seed ${report.seed}, path ${report.path}, ${what} at run ${report.runsToFailure}${lengths}, ${seconds}`, `  replay: ${replayCommandLine(args, report)}`];
}
