import type { Position } from './parseDocument.js';
import type { Path } from './path.js';
import { problemAt, ScenarioError, type ScenarioProblem } from './scenarioError.js';

/** Finds where a path is written in the file (see `ParsedDocument.locate`). */
export type Locate = (path: Path, at?: 'value' | 'key') => Position;

/**
 * Collects the problems of one scenario, each with its path and, when the
 * scenario came from a file, its line and column. Validation reports
 * every problem here and goes on, so that users see all of them at once.
 */
export class Problems {
  private readonly found: ScenarioProblem[] = [];

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
    this.found.push(...initial);
  }

  /** Reports `message` at `path`, positioned at the value there or, with `at: 'key'`, at its key. */
  add(path: Path, message: string, at: 'value' | 'key' = 'value'): void {
    this.found.push(problemAt(this.file, path, message, this.locate?.(path, at)));
  }

  /** How many problems have been reported. */
  get count(): number {
    return this.found.length;
  }

  /** Throws a {@link ScenarioError} with every problem, if there is any. */
  throwIfAny(): void {
    if (this.found.length > 0) throw new ScenarioError(this.found);
  }

  /** Throws a {@link ScenarioError} with every problem; call only after reporting one. */
  fail(): never {
    if (this.found.length === 0) throw new Error('Problems.fail: no problem was reported (a bug in the validator)');
    throw new ScenarioError(this.found);
  }
}
