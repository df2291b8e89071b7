import { check, type PropertyResult } from '../engine/index.js';
import { examples } from '../examples/index.js';
import { collisionLine } from './collisionLine.js';
import { count } from './count.js';
import { ExitCode } from './exitCodes.js';
import { formatTrace } from './formatTrace.js';
import { limitOptionSpecs, limitsFrom } from './limitOptions.js';
import { progressPrinter } from './progressPrinter.js';
import { renderTable } from '../export/index.js';
import { UsageError } from './usageError.js';
import type { CommandIo } from './commandIo.js';
import { parseOptions } from './parseOptions.js';

/** Text of `oomcheck examples --help`. */
export const examplesUsage = `Usage: oomcheck examples [NAME...] [options]

Checks the engine's textbook models (Peterson, dining philosophers, a
spinlock, a busy-wait loop) and compares every verdict with its known answer.

Options:
  --size N          philosophers at the table (default 5)
  --trace           print the counterexample of every violation
  --list            list the examples and exit
  --max-states N    stop after N distinct states (verdict: incomplete)
  --max-seconds S   stop after S seconds
  --max-memory MIB  stop a search whose own structures pass MIB MiB
                    (default 1024)
  --quiet           no progress lines on stderr

Exit code: 0 every verdict is the known one, 1 one differs, 3 a limit
stopped a search, 2 usage error.`;

/** `oomcheck examples`: returns the exit code. */
export function examplesCommand(argv: readonly string[], out: (line: string) => void, io: Pick<CommandIo, 'progress'>): number {
  const { values, positionals } = parseOptions('examples', {
    args: [...argv],
    allowPositionals: true,
    options: { ...limitOptionSpecs, size: { type: 'string' }, trace: { type: 'boolean' }, list: { type: 'boolean' }, quiet: { type: 'boolean' } },
  });
  const size = values.size === undefined ? 5 : Number(values.size);
  if (!Number.isInteger(size) || size < 2 || size > 16) throw new UsageError(`--size must be an integer from 2 to 16, got "${values.size}"`);
  const all = examples(size);
  if (values.list) {
    out(
      renderTable(
        ['example', 'description'],
        all.map((e) => [e.name, e.description]),
      ),
    );
    return ExitCode.ok;
  }
  for (const name of positionals) {
    if (!all.some((e) => e.name === name)) throw new UsageError(`unknown example "${name}"; known: ${all.map((e) => e.name).join(', ')}`);
  }
  const chosen = positionals.length === 0 ? all : all.filter((e) => positionals.includes(e.name));
  const limits = limitsFrom(values);
  const rows: string[][] = [];
  const traces: string[] = [];
  let exit: number = ExitCode.ok;
  let totalStates = 0;
  let worstCollision = 0;
  for (const example of chosen) {
    const progress = progressPrinter(io.progress);
    const model = example.model();
    const toPlain = model.toPlain?.bind(model);
    const { results, stats } = check(model, example.properties, { ...limits, ...(values.quiet ? {} : { onProgress: progress.listener }) });
    progress.done();
    totalStates += stats.states;
    worstCollision = Math.max(worstCollision, stats.collisionProbability);
    for (const r of results as readonly PropertyResult<unknown>[]) {
      const expected = example.expected[r.property];
      const length = r.verdict === 'violated' ? String(r.counterexample.steps.length) : '';
      const verdict = r.verdict === 'incomplete' ? `incomplete (${r.reason})` : r.verdict;
      const matches = r.verdict === expected;
      if (r.verdict === 'incomplete') exit = Math.max(exit, ExitCode.incomplete);
      else if (!matches) exit = exit === ExitCode.incomplete ? exit : ExitCode.unexpectedVerdict;
      rows.push([example.name, r.property, r.fairness ?? '', verdict, matches ? 'yes' : `NO (expected ${expected})`, String(stats.states), length, stats.seconds.toFixed(2)]);
      if (values.trace && r.verdict === 'violated') traces.push(`${example.name} / ${r.property}:\n${formatTrace(r.counterexample, toPlain)}`);
    }
  }
  out(renderTable(['example', 'property', 'fairness', 'verdict', 'known answer', 'states', 'trace', 'seconds'], rows));
  out(`\n${count(chosen.length, 'model')}, ${count(totalStates, 'distinct state')} in all. ${collisionLine(worstCollision)}`);
  for (const t of traces) out(`\n${t}`);
  return exit;
}
