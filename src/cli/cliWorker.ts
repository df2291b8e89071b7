// The CLI's worker thread (see interruptible.ts): runs the command, sends its lines and exit code to the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerInput, WorkerMessage } from './interruptible.js';
import { runCli } from './run.js';

const { argv, stop, stderrIsTTY } = workerData as WorkerInput;
const send = (m: WorkerMessage) => parentPort!.postMessage(m);
// A worker's stderr is a pipe to the main thread's: say whether that one is a terminal, so progress is rewritten in place there.
process.stderr.isTTY = stderrIsTTY;
const code = runCli(
  argv,
  (out) => send({ out }),
  (err) => send({ err }),
  () => Atomics.load(stop, 0) === 1,
);
send({ code });
