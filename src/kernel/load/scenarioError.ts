import { visibleText } from '../visibleText.js';
import { formatPath, type Path } from './path.js';

/** One problem found in a scenario: where it is and what is wrong. */
export interface ScenarioProblem {
  /** The file name as given (`<builder>` for scenarios built in code). */
  readonly file: string;
  /** Where in the document, formatted (`processes[0].threads[1].program[2]`); `''` for the whole file. */
  readonly path: string;
  /** 1-based line in the file, when the scenario came from text. */
  readonly line?: number;
  /** 1-based column in the file, when `line` is known. */
  readonly column?: number;
  /** The cause, in one line. */
  readonly message: string;
}

/** The one-line form of a problem: `FILE:LINE:COL: at PATH: message` (parts without a value are left out; control characters in names made visible, so it stays one line). */
export function formatProblem(problem: ScenarioProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}:${problem.column ?? 1}`;
  const at = problem.path === '' ? '' : ` at ${problem.path}:`;
  return visibleText(`${where}:${at} ${problem.message}`);
}

/**
 * A scenario that cannot be loaded: every problem found, not only the
 * first. The CLI prints {@link ScenarioError.format} and exits with code 2.
 */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  /** The problems, in document order (by line, then column) where lines are known. */
  readonly problems: readonly ScenarioProblem[];

  /** @param problems at least one problem (an empty list is a bug in the caller). */
  constructor(problems: readonly ScenarioProblem[]) {
    const sorted = sortProblems(problems);
    super(sorted.map(formatProblem).join('\n'));
    this.problems = sorted;
  }

  /** One line per problem: `scenarios/x.yaml:14:9: at processes[0].threads[1].program[2]: mutex_unlock(i_mutex) but T2 does not hold i_mutex`. */
  format(): string {
    return this.problems.map(formatProblem).join('\n');
  }

  /** A single problem for the whole file (not found, unreadable, wrong extension). */
  static ofFile(file: string, message: string): ScenarioError {
    return new ScenarioError([{ file, path: '', message }]);
  }
}

/** A problem at `path`, with its position when known. */
export function problemAt(file: string, path: Path, message: string, position?: { line: number; column: number }): ScenarioProblem {
  return position ? { file, path: formatPath(path), line: position.line, column: position.column, message } : { file, path: formatPath(path), message };
}

/** Stable sort by position; problems without a line keep their order, after those with one. */
function sortProblems(problems: readonly ScenarioProblem[]): ScenarioProblem[] {
  const key = (p: ScenarioProblem): number => (p.line === undefined ? Infinity : p.line * 1e6 + (p.column ?? 0));
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => key(a.p) - key(b.p) || a.i - b.i)
    .map(({ p }) => p);
}
