import { Worker } from 'node:worker_threads';
import { ExitCode } from './exitCodes.js';

/** What the CLI's worker (`cliWorker.ts`) sends: a line for stdout or stderr, progress text for stderr, then its exit code. */
export type WorkerMessage = { readonly out: string } | { readonly err: string } | { readonly progress: string } | { readonly code: number };

/** What `cliWorker.ts` receives: the arguments, and the flag SIGINT sets (one Int32, 1 = stop). */
export interface WorkerInput {
  readonly argv: readonly string[];
  readonly stop: Int32Array;
  readonly stderrIsTTY: boolean;
}

/**
 * Runs the CLI in a worker thread so that SIGINT can stop it. The search
 * is synchronous: a signal handler on its own thread would only run once
 * the search ended. Here the main thread stays idle, and on SIGINT sets a
 * shared flag that the searches read where they check their limits
 * (`shouldStop`); `check` then prints the table so far and exits 3. A
 * second SIGINT exits at once (130, the shell's code for it). SIGTERM,
 * which `timeout` and CI runners send, does the same (143 the second time).
 */
export function runInterruptible(argv: readonly string[]): void {
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const input: WorkerInput = { argv, stop, stderrIsTTY: process.stderr.isTTY === true };
  const worker = new Worker(new URL('./cliWorker.js', import.meta.url), { workerData: input });
  // SIGTERM (what `timeout` and CI runners send) is handled as SIGINT: the table so far, exit 3.
  const onSignal = (signal: NodeJS.Signals) => {
    if (Atomics.load(stop, 0) === 1) process.exit(signal === 'SIGINT' ? 130 : 143);
    Atomics.store(stop, 0, 1);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // A reader that stops reading (`check … | head`) is not an error: stop the search and leave quietly
  // with 141 (128 + SIGPIPE), as a shell reports a writer killed by a closed pipe — whether or not the
  // run had finished, so the code does not depend on timing.
  const onPipeClosed = (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    Atomics.store(stop, 0, 1);
    void worker.terminate();
    process.exit(141);
  };
  process.stdout.on('error', onPipeClosed);
  process.stderr.on('error', onPipeClosed);
  worker.on('message', (m: WorkerMessage) => {
    if ('out' in m) console.log(m.out);
    else if ('err' in m) console.error(m.err);
    else if ('progress' in m) process.stderr.write(m.progress);
    else process.exitCode = m.code;
  });
  worker.on('error', (error) => {
    console.error(`oomcheck: internal error: ${error.message} (please report it)`);
    process.exitCode = ExitCode.internal;
  });
  worker.on('exit', () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  });
}
