import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/**
 * A worker thread is started from this small script rather than from its
 * module file, so that a failure to load the module (or to rebuild the
 * model) is reported through a shared flag and a message port that the
 * blocked caller reads synchronously: a Worker's own `error` event would
 * wait for the caller's event loop, which a synchronous search never runs.
 */
const BOOTSTRAP = `const { workerData } = require('node:worker_threads');
import(workerData.entry).then((m) => m[workerData.run](workerData)).catch((error) => {
  workerData.port.postMessage({ error: String((error && error.message) || error) });
  Atomics.store(workerData.failed, 0, 1);
  Atomics.notify(workerData.failed, 0);
});`;

/** What every worker thread gets besides its own data: where to report, and the flag to raise when it fails. */
export interface WorkerChannel {
  /** Messages to the caller, read with {@link receiveFrom}; `{ error }` when the worker failed. */
  readonly port: MessagePort;
  /** Set to 1 (and notified) when the worker failed. */
  readonly failed: Int32Array;
}

/** A started worker thread and the caller's end of its port. */
export interface StartedWorker {
  readonly worker: Worker;
  readonly port: MessagePort;
}

/**
 * Starts a worker thread running export `run` of module `entry` (a file
 * URL) with `data` plus its {@link WorkerChannel}. The thread does not keep
 * the process alive.
 */
export function startWorker(entry: string, run: string, data: object, failed: Int32Array): StartedWorker {
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { ...data, entry, run, port: port2, failed }, transferList: [port2] });
  worker.unref();
  return { worker, port: port1 };
}

/** The next message on `port`, if one has arrived (without waiting). */
export function receiveFrom(port: MessagePort): unknown {
  return receiveMessageOnPort(port)?.message;
}

/** Reports a worker's failure to its caller: the message, then the flag. */
export function reportFailure(channel: WorkerChannel, error: unknown): void {
  channel.port.postMessage({ error: error instanceof Error ? error.message : String(error) });
  Atomics.store(channel.failed, 0, 1);
  Atomics.notify(channel.failed, 0);
}

/** Ends worker threads and closes their ports. */
export function stopWorkers(workers: readonly StartedWorker[]): void {
  for (const { worker, port } of workers) {
    void worker.terminate().catch(() => undefined);
    port.close();
  }
}
