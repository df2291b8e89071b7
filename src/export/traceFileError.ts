import { formatProblem, type ScenarioProblem } from '../kernel/index.js';

/**
 * A trace file that cannot be read back: not found, not JSON, an unknown
 * format or schema version, a missing or malformed field. Each problem
 * names the file, the JSON path (`states[3].tasks[1].pc`) and, when known,
 * the line and column, in the scenario loader's one-line form
 * (`FILE:LINE:COL: at PATH: cause`); the CLI prints {@link TraceFileError.format}
 * and exits with code 2. Problems inside the embedded scenario are the
 * scenario loader's, re-rooted at `scenario.content`.
 */
export class TraceFileError extends Error {
  override readonly name = 'TraceFileError';
  readonly problems: readonly ScenarioProblem[];

  /** @param problems at least one problem */
  constructor(problems: readonly ScenarioProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.problems = problems;
  }

  /** One line per problem. */
  format(): string {
    return this.problems.map(formatProblem).join('\n');
  }

  /** A single problem about the whole file (missing, unreadable, unknown format). */
  static ofFile(file: string, message: string): TraceFileError {
    return new TraceFileError([{ file, path: '', message }]);
  }
}
