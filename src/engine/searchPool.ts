import type { ModelSource } from './modelSource.js';
import { receiveFrom, startWorker, stopWorkers, type StartedWorker, type WorkerChannel } from './workerThread.js';

/** Slot states, in the control array. */
export const FREE = 0;
export const READY = 1;
export const TAKEN = 2;
export const DONE = 3;

/** Control words: the post counter workers wait on, the stop flag, the failure flag; then per slot its state, batch size, states done, batch number. */
export const EPOCH = 0;
export const STOP = 1;
export const FAILED = 2;
const SLOTS_AT = 3;

/** Where slot `s`'s words are in the control array. */
export const statusAt = (s: number): number => SLOTS_AT + 4 * s;
export const countAt = (s: number): number => SLOTS_AT + 4 * s + 1;
export const doneAt = (s: number): number => SLOTS_AT + 4 * s + 2;
export const batchAt = (s: number): number => SLOTS_AT + 4 * s + 3;

/** What a worker thread is given (`searchWorker.ts`). */
export interface SearchWorkerData extends WorkerChannel {
  readonly source: ModelSource;
  /** Invariants and predicates the owner's plan has: a worker's rebuilt properties must have as many. */
  readonly invariantCount: number;
  readonly predicateCount: number;
  readonly checkDeadlock: boolean;
  readonly control: Int32Array;
  readonly inputs: readonly Int32Array[];
  readonly outputs: readonly Int32Array[];
}

/**
 * The threads and shared memory of one parallel search: `slots` batches of
 * up to `batchStates` encoded states each, with an output buffer per batch,
 * passed between the owner (the search's calling thread) and the workers
 * through slot states changed with `Atomics` (FREE → READY by the owner,
 * → TAKEN by whoever computes it, → DONE).
 */
export class SearchPool {
  readonly control: Int32Array;
  readonly inputs: Int32Array[] = [];
  readonly outputs: Int32Array[] = [];
  private readonly workers: StartedWorker[] = [];

  constructor(
    readonly slots: number,
    readonly batchStates: number,
    width: number,
    outputWords: number,
    workers: number,
    data: Omit<SearchWorkerData, 'control' | 'inputs' | 'outputs' | keyof WorkerChannel>,
  ) {
    this.control = new Int32Array(new SharedArrayBuffer(4 * (SLOTS_AT + 4 * slots)));
    for (let s = 0; s < slots; s++) {
      this.inputs.push(new Int32Array(new SharedArrayBuffer(4 * Math.max(1, width) * batchStates)));
      this.outputs.push(new Int32Array(new SharedArrayBuffer(4 * outputWords)));
    }
    const entry = new URL('./searchWorker.js', import.meta.url).href;
    const failed = this.control.subarray(FAILED, FAILED + 1);
    for (let w = 0; w < workers; w++) this.workers.push(startWorker(entry, 'runSearchWorker', { ...data, control: this.control, inputs: this.inputs, outputs: this.outputs }, failed));
  }

  /** Bytes of shared memory. */
  get bytes(): number {
    return this.control.byteLength + this.inputs.reduce((sum, a) => sum + a.byteLength, 0) + this.outputs.reduce((sum, a) => sum + a.byteLength, 0);
  }

  /** Hands slot `s`, holding `count` states of batch number `batch`, to whoever takes it first (workers take the oldest batch first). */
  post(s: number, count: number, batch: number): void {
    Atomics.store(this.control, countAt(s), count);
    Atomics.store(this.control, batchAt(s), batch);
    Atomics.store(this.control, statusAt(s), READY);
    Atomics.add(this.control, EPOCH, 1);
    Atomics.notify(this.control, EPOCH, 1);
  }

  /**
   * Waits until slot `s` is computed and returns how many of its states
   * fitted in its output; if no worker has taken it yet, `compute` (when
   * given) computes it on this thread instead. While a worker computes
   * `s`, this thread computes the newest batch still waiting for a thread
   * (workers take the oldest first), so neither side idles while the
   * other works; that batch is then found done when its turn to merge
   * comes. Frees the slot.
   * @throws {Error} if a worker failed (its message)
   */
  await(s: number, compute?: (input: Int32Array, count: number, output: Int32Array) => number): number {
    const { control } = this;
    for (;;) {
      const status = Atomics.load(control, statusAt(s));
      if (status === DONE) break;
      if (Atomics.load(control, FAILED) === 1) throw new Error(`parallel search: a worker thread failed: ${this.failure()}`);
      if (compute !== undefined) {
        if (status === READY && this.computeHere(s, compute)) break;
        const other = this.newestReady();
        if (other >= 0) {
          this.computeHere(other, compute);
          continue;
        }
      }
      Atomics.wait(control, statusAt(s), status, 200);
    }
    Atomics.store(control, statusAt(s), FREE);
    return Atomics.load(control, doneAt(s));
  }

  /** Computes slot `s` on this thread if no worker has taken it (its status then DONE); false if one had. */
  private computeHere(s: number, compute: (input: Int32Array, count: number, output: Int32Array) => number): boolean {
    const { control } = this;
    if (Atomics.compareExchange(control, statusAt(s), READY, TAKEN) !== READY) return false;
    Atomics.store(control, doneAt(s), compute(this.inputs[s], Atomics.load(control, countAt(s)), this.outputs[s]));
    Atomics.store(control, statusAt(s), DONE);
    return true;
  }

  /** The ready slot of the highest batch number, or -1. */
  private newestReady(): number {
    const { control } = this;
    let newest = -1;
    for (let s = 0; s < this.slots; s++) {
      if (Atomics.load(control, statusAt(s)) === READY && (newest < 0 || control[batchAt(s)] > control[batchAt(newest)])) newest = s;
    }
    return newest;
  }

  /** The first message a failed worker sent. */
  private failure(): string {
    for (const { port } of this.workers) {
      const message = receiveFrom(port) as { error?: string } | undefined;
      if (message?.error !== undefined) return message.error;
    }
    return 'no message';
  }

  /** Tells the workers to stop and ends their threads. */
  close(): void {
    Atomics.store(this.control, STOP, 1);
    Atomics.add(this.control, EPOCH, 1);
    Atomics.notify(this.control, EPOCH);
    stopWorkers(this.workers);
  }
}
