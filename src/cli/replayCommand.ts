import { readTraceFile, type TraceDocument, TraceFileError } from '../export/index.js';
import { replayTrace, type ReplayResult } from '../check/index.js';
import { ExitCode, violationExitCode } from './exitCodes.js';
import { UsageError } from './usageError.js';
import { parseOptions } from './parseOptions.js';

/** Text of `oomcheck replay --help`. */
export const replayUsage = `Usage: oomcheck replay FILE

Re-executes a counterexample written by oomcheck check — FILE.json
(oomcheck's format) or FILE.itf.json (ITF) — on the kernel model of the
scenario and design it records: every step must be possible and reach
exactly the recorded state, and the property must still be violated at
the end (a lasso must close, miss the goal and be fair). Catches traces
that a model change has made stale, and hand-edited ones.

Prints "replayed N steps: PROPERTY still violated (SUMMARY)", or the
first step where the trace and the model part ways.

Exit code: 11 / 12 / 13 the deadlock / invariant / liveness violation is
confirmed; 1 the trace diverges or no longer violates the property;
2 bad input (file:line:col: at PATH: cause).`;

/** The lines `oomcheck replay` prints for `result`. */
export function formatReplay(doc: TraceDocument, result: ReplayResult): string[] {
  if (result.verdict === 'confirmed') return [`replayed ${result.steps} steps: ${result.property} still violated (${doc.summary.replace(/\.$/, '')})`];
  if (result.verdict === 'not-violated') return [`replayed ${result.steps} steps: ${result.property} no longer violated: ${result.reason}`];
  const { step, expected, found, description } = result.divergence;
  return [`diverged at step ${step} of ${doc.steps.length}: ${description}`, `  trace:  ${expected}`, `  replay: ${found}`];
}

/** `oomcheck replay FILE`: returns the exit code. */
export function replayCommand(argv: readonly string[], out: (line: string) => void): number {
  const { positionals } = parseOptions('replay', { args: [...argv], allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError(`replay takes one trace file, got ${positionals.length} (see oomcheck replay --help)`);
  let doc: TraceDocument;
  try {
    doc = readTraceFile(positionals[0]);
  } catch (error) {
    if (error instanceof TraceFileError) throw new UsageError(error.format());
    throw error;
  }
  const result = replayTrace(doc);
  for (const line of formatReplay(doc, result)) out(line);
  return result.verdict === 'confirmed' ? violationExitCode(result.kind) : ExitCode.unexpectedVerdict;
}
