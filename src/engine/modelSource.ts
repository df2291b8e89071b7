import type { Model } from './model.js';
import type { Property } from './property.js';

/**
 * How a worker thread rebuilds a model and its properties: functions do
 * not cross threads, so a parallel search names an ES module, one of its
 * exports, and the data (anything structured-clone can copy) that export
 * turns into the same model and properties as the caller's. The engine
 * knows nothing of what the model is; the layer that builds it (the
 * kernel's scenario checks) says how.
 */
export interface ModelSource {
  /** URL of the module (`import.meta.url` of the file that exports {@link ModelSource.factory}). */
  readonly module: string;
  /** Name of the export: a function `(data) => BuiltModel`. */
  readonly factory: string;
  /** Its argument, copied to each worker thread. */
  readonly data: unknown;
}

/** What a {@link ModelSource}'s factory returns: the model and the properties of the search, in the caller's order. */
export interface BuiltModel<S = unknown, A = unknown> {
  readonly model: Model<S, A>;
  readonly properties: readonly Property<S>[];
}

/**
 * Parallel exhaustive search: `workers` threads compute successors while
 * the calling thread owns the visited store (see `parallelBfs.ts`).
 */
export interface ParallelSearch {
  /** Worker threads (≥ 1); the calling thread merges and helps compute. */
  readonly workers: number;
  /** How each worker rebuilds the model and the properties. */
  readonly source: ModelSource;
  /**
   * Whether the calling thread computes a batch no worker has taken yet
   * when it is the next to merge (default true: no thread idles, and a
   * search smaller than the workers' start-up time is not slowed). Tests
   * turn it off to make the workers do every expansion.
   */
  readonly ownerHelps?: boolean;
}
