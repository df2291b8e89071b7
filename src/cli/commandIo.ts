import type { ProgressStream } from './progressPrinter.js';

/**
 * What a command writes to besides its stdout lines, and when it should
 * stop. Under the executable every channel goes through the one message
 * port of the CLI's worker (`cliWorker.ts`), so stderr notes and progress
 * arrive in the order they were written, never after the last stdout line.
 */
export interface CommandIo {
  /** A line for stderr (a note or warning; the run goes on). */
  readonly err: (line: string) => void;
  /** Where progress goes: stderr, a line rewritten in place when it is a terminal. */
  readonly progress: ProgressStream;
  /** Whether to stop the searches early (the executable's SIGINT). */
  readonly shouldStop?: () => boolean;
}
