import { NondeterminismError } from '../engine/index.js';
import { visibleText } from '../kernel/index.js';
import { ExitCode } from './exitCodes.js';
import { checkCommand, checkUsage } from './checkCommand.js';
import { designsCommand, designsUsage } from './designsCommand.js';
import { examplesCommand, examplesUsage } from './examplesCommand.js';
import { mergeCommand, mergeUsage } from './mergeCommand.js';
import { replayCommand, replayUsage } from './replayCommand.js';
import { scenariosCommand, scenariosUsage } from './scenariosCommand.js';
import { UsageError } from './usageError.js';
import type { CommandIo } from './commandIo.js';
import type { ProgressStream } from './progressPrinter.js';
import { version } from '../packageRoot.js';
import { closest } from '../kernel/index.js';

const usage = `Usage: oomcheck <command> [options]

A model checker for forward-progress properties of Linux OOM handling.

Commands:
  check [FILE...]      check OOM scenarios (default: the built-in ones) against
                       kernel designs: verdict table and counterexamples
  scenarios            list the built-in scenarios
  designs [PRESET]     list the design presets and knobs
  examples [NAME...]   check the engine's textbook models against their known
                       answers
  replay FILE          re-execute a counterexample (.json or .itf.json) and
                       confirm it
  merge FILE...        combine the shard results of a random search
                       (check --shard K/N)
  help [COMMAND]       show help

Options:
  --help, -h           show help
  --version, -v        print the version

Exit codes: 0 every checked property holds or has the verdict the scenario
expects, 11 deadlock found, 12 invariant violated, 13 liveness property
violated (11-13: not expected), 3 incomplete (a limit stopped the
search), 2 usage or input error (each problem on its own line, starting
"oomcheck:"), 1 a verdict differs from the expected one, 4 internal error
(a bug in oomcheck, reported in one line).`;

const commands: Record<string, { usage: string; run: (argv: readonly string[], out: (line: string) => void, io: CommandIo) => number }> = {
  check: { usage: checkUsage, run: checkCommand },
  scenarios: { usage: scenariosUsage, run: scenariosCommand },
  designs: { usage: designsUsage, run: designsCommand },
  examples: { usage: examplesUsage, run: examplesCommand },
  replay: { usage: replayUsage, run: replayCommand },
  merge: { usage: mergeUsage, run: mergeCommand },
};

/** `; did you mean 'check'?` for a mistyped command, or nothing. */
function commandGuess(word: string): string {
  const guess = closest(word, Object.keys(commands));
  return guess === undefined ? '' : `; did you mean '${guess}'?`;
}

/**
 * Runs the CLI on `argv` (without node and script), returning the exit
 * code. `shouldStop` (the executable's SIGINT, see `interruptible.ts`)
 * stops `check`'s searches early; `progress` receives the progress text
 * (default stderr).
 */
export function runCli(
  argv: readonly string[],
  out: (line: string) => void = (l) => console.log(l),
  err: (line: string) => void = (l) => console.error(l),
  shouldStop?: () => boolean,
  progress: ProgressStream = process.stderr,
): number {
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first === '--help' || first === '-h') {
      out(usage);
      return first === undefined ? ExitCode.usage : ExitCode.ok;
    }
    if (first === '--version' || first === '-v') {
      out(version());
      return ExitCode.ok;
    }
    if (first === 'help') {
      const command = rest[0] === undefined ? undefined : commands[rest[0]];
      if (rest[0] !== undefined && !command) throw new UsageError(`unknown command '${rest[0]}'${commandGuess(rest[0])}`);
      out(command ? command.usage : usage);
      return ExitCode.ok;
    }
    const command = commands[first];
    if (!command) throw new UsageError(`unknown command '${first}'${commandGuess(first)} (try oomcheck --help)`);
    if (rest.includes('--help') || rest.includes('-h')) {
      out(command.usage);
      return ExitCode.ok;
    }
    return command.run(rest, out, { err, progress, ...(shouldStop ? { shouldStop } : {}) });
  } catch (error) {
    if (error instanceof UsageError) {
      // One line per problem, each prefixed, as a reader grepping stderr for "oomcheck:" expects.
      for (const line of error.message.split('\n')) err(`oomcheck: ${line}`);
      return ExitCode.usage;
    }
    if (error instanceof RangeError && error.message.includes('liveness predicates')) {
      err(`oomcheck: ${visibleText(error.message)} — e.g. one task at a time with --property 'no-oom-livelock[TASK]'`);
      return ExitCode.usage;
    }
    // Anything else is a bug in oomcheck: say so in one line, never with a stack trace.
    err(`oomcheck: internal error: ${visibleText(error instanceof Error ? error.message : String(error))}${error instanceof NondeterminismError ? '' : ' (please report it)'}`);
    return ExitCode.internal;
  }
}
