import { runCli } from '../../src/cli/run.js';

/** Runs the CLI in-process and captures its exit code, stdout and stderr lines. */
export function run(...argv: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(
    argv,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}
