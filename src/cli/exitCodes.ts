import type { Property } from '../engine/index.js';

/**
 * Exit codes, following TLC's convention for verdicts:
 * 0 every checked property holds, 11 deadlock found, 12 invariant
 * violated, 13 liveness property violated, 2 usage or input error,
 * 3 incomplete (a limit stopped the search before a verdict), 4 an
 * internal error (a bug, reported in one line), and 1 when a verdict
 * differs from the expected one.
 */
export const ExitCode = {
  ok: 0,
  unexpectedVerdict: 1,
  usage: 2,
  incomplete: 3,
  internal: 4,
  deadlock: 11,
  invariant: 12,
  liveness: 13,
} as const;

/** The exit code of a violation, by the kind of property violated: 11 deadlock, 12 invariant, 13 liveness. */
export function violationExitCode(kind: Property<unknown>['kind']): number {
  if (kind === 'deadlockFree') return ExitCode.deadlock;
  return kind === 'invariant' ? ExitCode.invariant : ExitCode.liveness;
}
