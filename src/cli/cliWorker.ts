// The CLI's worker thread (see interruptible.ts): runs the command, sends its lines, its progress and its exit code to
// the main thread — all through the one message port, so they arrive in the order written (the worker's own
// process.stderr is a second channel, which could deliver a progress line after the last line of the table).
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerInput, WorkerMessage } from './interruptible.js';
import { runCli } from './run.js';

const { argv, stop, stderrIsTTY } = workerData as WorkerInput;
const send = (m: WorkerMessage) => parentPort!.postMessage(m);
const code = runCli(
  argv,
  (out) => send({ out }),
  (err) => send({ err }),
  () => Atomics.load(stop, 0) === 1,
  // Whether the main thread's stderr is a terminal, so progress is rewritten in place there.
  { isTTY: stderrIsTTY, write: (progress: string) => send({ progress }) },
);
send({ code });
