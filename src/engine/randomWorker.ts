// A worker thread of a parallel random search (see parallelRandom.ts): rebuilds the model, runs its share
// of every property's schedules, and sends the results back.
import type { BuiltModel, ModelSource } from './modelSource.js';
import { shareOfProperties } from './parallelRandom.js';
import type { RandomOptions, RandomReport } from './randomTypes.js';
import type { PropertyResult } from './result.js';
import { reportFailure, type WorkerChannel } from './workerThread.js';

/** What a random worker is given. */
export interface RandomWorkerData extends WorkerChannel {
  readonly source: ModelSource;
  /** The search's options (without its callbacks), the seed fixed. */
  readonly options: Omit<RandomOptions, 'onProgress' | 'shouldStop'>;
  /** This thread's share (1 ≤ index < threads; the caller is thread 0). */
  readonly index: number;
  readonly threads: number;
  /** Per property, the first failing schedule found (shared; `RunShare`). */
  readonly failures: Int32Array;
  /** [0] stop, [1] workers finished (counted up here), [2] a worker failed. */
  readonly flags: Int32Array;
}

/** One thread's outcome for one property: its verdict, the actions of its counterexample (replayed by the caller), its report. */
export interface SharedRandomResult {
  /** The verdict, without the counterexample (whose states may not cross threads). */
  readonly result: Omit<PropertyResult<unknown>, 'counterexample'>;
  readonly path?: { readonly initialIndex: number; readonly actionIndices: readonly number[]; readonly loopStart?: number };
  readonly report: RandomReport;
}

/** Entry point (called by the worker bootstrap). */
export async function runRandomWorker(data: RandomWorkerData): Promise<void> {
  try {
    const startedAt = performance.now();
    const module = (await import(data.source.module)) as Record<string, (data: unknown) => BuiltModel>;
    const factory = module[data.source.factory];
    if (typeof factory !== 'function') throw new Error(`${data.source.module} exports no function ${data.source.factory}`);
    const { model, properties } = factory(data.source.data);
    const shouldStop = () => Atomics.load(data.flags, 0) === 1;
    const shares = shareOfProperties(model, properties, { ...data.options, shouldStop }, data.index, data.threads, data.failures, startedAt);
    data.port.postMessage({ shares });
    Atomics.add(data.flags, 1, 1);
    Atomics.notify(data.flags, 1);
  } catch (error) {
    reportFailure(data, error);
  }
}
