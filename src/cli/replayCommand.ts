import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileSha256, readTraceFile, summaryOf, type TraceDocument, TraceFileError } from '../export/index.js';
import { loadScenarioFile } from '../kernel/index.js';
import { packageRoot, version } from '../packageRoot.js';
import { replayTrace, type ReplayResult } from '../check/index.js';
import { ExitCode, violationExitCode } from './exitCodes.js';
import { UsageError } from './usageError.js';
import { parseOptions } from './parseOptions.js';

/** Text of `oomcheck replay --help`. */
export const replayUsage = `Usage: oomcheck replay FILE [--steps]

Re-executes a counterexample written by oomcheck check — FILE.json
(oomcheck's format) or FILE.itf.json (ITF) — on the kernel model of the
scenario and design it records: every step must be possible and reach
exactly the recorded state, and the property must still be violated at
the end (a lasso must close, miss the goal and be fair). Catches traces
that a model change has made stale, and hand-edited ones.

Prints "replayed N steps: PROPERTY still violated (SUMMARY)" — the
summary recomputed from the replayed trace, never the file's own text —
or the first step where the trace and the model part ways. Before
replaying, the scenario embedded in the trace is checked against the
sha256 the trace records: an edited scenario is refused (exit 1); a
scenario file that has changed on disk, or is not here, is noted.

Options:
  --steps, -p       print every replayed step (as spin -t -p prints a trail)

Exit code: 11 / 12 / 13 the deadlock / invariant / liveness violation is
confirmed; 0 a witness of a reach query (reach[NAME]) still reaches its
condition; 1 the trace diverges or no longer violates the property (a
witness: no longer reaches it);
2 bad input (file:line:col: at PATH: cause).`;

/** The lines `oomcheck replay` prints for `result`. */
export function formatReplay(doc: TraceDocument, result: ReplayResult): string[] {
  // The summary is recomputed from the replayed trace: a file's own summary text is never printed as the verdict.
  const { condition } = doc.property;
  if (condition !== undefined && result.verdict === 'confirmed') return [`replayed ${result.steps} steps: the witness ${result.property} still reaches ${condition}`];
  if (condition !== undefined && result.verdict === 'not-violated') return [`replayed ${result.steps} steps: the witness ${result.property} no longer reaches ${condition}: ${result.reason}`];
  if (result.verdict === 'confirmed')
    return [
      `replayed ${result.steps} steps: ${result.property} still violated (${summaryOf(doc)
        .replace(/^After /, 'after ')
        .replace(/\.$/, '')})`,
    ];
  if (result.verdict === 'not-violated') return [`replayed ${result.steps} steps: ${result.property} no longer violated: ${result.reason}`];
  const { step, expected, found, description } = result.divergence;
  return [`diverged at step ${step} of ${doc.steps.length}: ${description}`, `  trace:  ${expected}`, `  replay: ${found}`];
}

/**
 * What can be said of the scenario a trace embeds, against its recorded
 * sha256: a `problem` when the embedded scenario is not the one the hash
 * is of (the trace was edited), else a `note` when it cannot be checked
 * or the file on disk has changed since. A built-in scenario is looked up
 * relative to the package, any other relative to the current folder.
 */
export function scenarioCheck(doc: TraceDocument): { readonly problem?: string; readonly note?: string } {
  const { file, sha256, content } = doc.scenario;
  if (file === undefined) {
    const embedded = createHash('sha256').update(JSON.stringify(content)).digest('hex');
    return embedded === sha256 ? {} : { problem: 'the embedded scenario does not match its recorded sha256: the trace was edited' };
  }
  const path = [file, join(packageRoot(), file)].find((p) => existsSync(p) && statSync(p).isFile());
  if (path === undefined) return { note: `${file} is not here: replayed against the scenario embedded in the trace, unchecked against its sha256` };
  if (fileSha256(path) !== sha256) return { note: `${file} has changed since the trace was written (its sha256 differs): replayed against the scenario embedded in the trace` };
  let loaded: string;
  try {
    loaded = JSON.stringify(loadScenarioFile(path));
  } catch {
    return { note: `${file} no longer loads: replayed against the scenario embedded in the trace` };
  }
  return loaded === JSON.stringify(content) ? {} : { problem: `the embedded scenario differs from ${file}, whose sha256 the trace records: the trace was edited` };
}

/** The replayed steps, one line each, as \`spin -t -p\` prints a trail: number, actor, what it did. */
export function stepLines(doc: TraceDocument): string[] {
  const width = String(doc.steps.length).length;
  return doc.steps.map((step, i) => `${String(i + 1).padStart(width)}  ${step.actor}: ${step.label}${doc.loop === i ? '   <<<<< the cycle starts here' : ''}`);
}

/** `oomcheck replay FILE`: returns the exit code. */
export function replayCommand(argv: readonly string[], out: (line: string) => void): number {
  const { values, positionals } = parseOptions('replay', { args: [...argv], allowPositionals: true, options: { steps: { type: 'boolean', short: 'p' } } });
  if (positionals.length !== 1) throw new UsageError(`replay takes one trace file, got ${positionals.length} (see oomcheck replay --help)`);
  let doc: TraceDocument;
  try {
    doc = readTraceFile(positionals[0]);
  } catch (error) {
    if (error instanceof TraceFileError) throw new UsageError(error.format().split('\n'));
    throw error;
  }
  const scenario = scenarioCheck(doc);
  if (scenario.problem !== undefined) {
    out(`not replayed: ${scenario.problem}`);
    return ExitCode.unexpectedVerdict;
  }
  if (scenario.note !== undefined) out(`note: ${scenario.note}`);
  if (doc.tool.version !== version()) out(`note: written by oomcheck ${doc.tool.version}: its step labels are not compared (their wording may differ from ${version()}'s), only its actors and states`);
  const result = replayTrace(doc);
  if (values.steps && result.verdict !== 'diverged') for (const line of stepLines(doc)) out(line);
  for (const line of formatReplay(doc, result)) out(line);
  if (result.verdict !== 'confirmed') return ExitCode.unexpectedVerdict;
  // A witness confirmed is an answer, not a violation.
  return doc.property.condition !== undefined ? ExitCode.ok : violationExitCode(result.kind);
}
