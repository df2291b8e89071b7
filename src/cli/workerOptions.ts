import { availableParallelism } from 'node:os';
import { UsageError } from './usageError.js';

/** `parseArgs` option spec of `check --workers`. */
export const workerOptionSpecs = {
  workers: { type: 'string' },
} as const;

/**
 * `--workers N` (threads per search, default 1) or `--workers auto` (the
 * cores node may use, `os.availableParallelism()`).
 * @throws {UsageError} on anything but a positive integer or `auto`, or N > 1 with `--dump`/`--coverage` (which need every state on one thread)
 */
export function workersFrom(values: { workers?: string; dump?: string; coverage?: boolean }): number {
  const text = values.workers;
  if (text === undefined) return 1;
  const workers = text === 'auto' ? availableParallelism() : Number(text);
  if (!Number.isInteger(workers) || workers < 1 || text.trim() !== text || text === '') throw new UsageError(`--workers must be a positive integer or auto, got "${text}"`);
  if (workers > 1 && (values.dump !== undefined || values.coverage === true)) {
    throw new UsageError(`--workers ${text}: --dump and --coverage see every state on one thread; drop --workers or them`);
  }
  return workers;
}
