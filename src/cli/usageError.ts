import { visibleText } from '../kernel/index.js';

/**
 * A mistake on the command line or in an input file: reported in one
 * line, exit code 2. Control characters in `message` are made visible
 * (`visibleText`); a file's several problems come as lines, one per
 * problem, each already formatted (`formatProblem`).
 */
export class UsageError extends Error {
  constructor(message: string | readonly string[]) {
    super(typeof message === 'string' ? visibleText(message) : message.join('\n'));
  }
}
