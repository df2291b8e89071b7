import type { PropertyResult } from '../engine/index.js';

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

/** The exit code for a set of results: the first violation's kind wins, then incompleteness. */
export function exitCodeFor(results: readonly PropertyResult<unknown>[]): number {
  const violated = results.find((r) => r.verdict === 'violated');
  if (violated) {
    if (violated.kind === 'deadlockFree') return ExitCode.deadlock;
    if (violated.kind === 'invariant') return ExitCode.invariant;
    return ExitCode.liveness;
  }
  return results.some((r) => r.verdict === 'incomplete') ? ExitCode.incomplete : ExitCode.ok;
}
