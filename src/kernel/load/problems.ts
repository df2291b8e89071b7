import type { Position } from './parseDocument.js';
import type { Path } from './path.js';
import { problemAt, ScenarioError, type ScenarioProblem } from './scenarioError.js';

/** Finds where a path is written in the file (see `ParsedDocument.locate`). */
export type Locate = (path: Path, at?: 'value' | 'key') => Position;

/** Problems listed in a {@link ScenarioError}; more are counted in a last line, `and N more problems`. */
export const maxListedProblems = 50;

/** `problems` with at most {@link maxListedProblems} listed and, if there were more, one last problem counting the rest. */
export function capProblems(problems: readonly ScenarioProblem[], file: string, total = problems.length): readonly ScenarioProblem[] {
  if (total <= maxListedProblems) return problems;
  const listed = problems.slice(0, maxListedProblems);
  return [...listed, { file, path: '', message: `and ${total - maxListedProblems} more problems (only the first ${maxListedProblems} found are listed)` }];
}

/**
 * Collects the problems of one scenario, each with its path and, when the
 * scenario came from a file, its line and column. Validation reports
 * every problem here and goes on, so that users see all of them at once;
 * past {@link maxListedProblems} they are only counted (and not located:
 * a document with a million bad items is refused as fast as one with one).
 */
export class Problems {
  private readonly found: ScenarioProblem[] = [];
  private total = 0;

  /**
   * @param file the file name to print (`<builder>` for code)
   * @param locate positions of paths; absent for scenarios built in code
   * @param initial problems found before validation (duplicate keys…)
   */
  constructor(
    readonly file: string,
    private readonly locate?: Locate,
    initial: readonly ScenarioProblem[] = [],
  ) {
    for (const problem of initial) this.push(() => problem);
  }

  private push(problem: () => ScenarioProblem): void {
    if (this.total++ < maxListedProblems) this.found.push(problem());
  }

  /** Reports `message` at `path`, positioned at the value there or, with `at: 'key'`, at its key. */
  add(path: Path, message: string, at: 'value' | 'key' = 'value'): void {
    this.push(() => problemAt(this.file, path, message, this.locate?.(path, at)));
  }

  /** How many problems have been reported. */
  get count(): number {
    return this.total;
  }

  /** Throws a {@link ScenarioError} with the problems (see {@link maxListedProblems}), if there is any. */
  throwIfAny(): void {
    if (this.total > 0) this.fail();
  }

  /** Throws a {@link ScenarioError} with the problems; call only after reporting one. */
  fail(): never {
    if (this.total === 0) throw new Error('Problems.fail: no problem was reported (a bug in the validator)');
    throw new ScenarioError(capProblems(this.found, this.file, this.total));
  }
}
