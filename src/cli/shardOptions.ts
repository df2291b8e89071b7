import type { RandomOptions } from '../engine/index.js';
import { UsageError } from './usageError.js';

/** `parseArgs` option spec of `check --shard K/N`. */
export const shardOptionSpecs = { shard: { type: 'string' } } as const;

/** Which of the job's shards a `check` runs: the `index`-th (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Most shards a job may have. */
export const MAX_SHARDS = 100_000;

/**
 * `--shard K/N`: run the K-th of N disjoint slices of a random search's
 * schedules (run `i` of the whole job, counted from 0, goes to shard
 * `(i mod N) + 1`; see `RandomOptions.shard`). Needs `--strategy random`
 * and `--seed` (every shard must generate the same schedules), and no
 * `--path` (a replay runs one schedule, unsharded).
 * @throws {UsageError} on a malformed K/N or a missing companion option
 */
export function shardFrom(values: { readonly shard?: string }, strategy: 'exhaustive' | 'random', options: RandomOptions): Shard | undefined {
  if (values.shard === undefined) return undefined;
  if (strategy !== 'random') throw new UsageError('--shard needs --strategy random (an exhaustive search is not split into shards)');
  const m = /^(\d+)\/(\d+)$/.exec(values.shard);
  const [index, count] = m ? [Number(m[1]), Number(m[2])] : [Number.NaN, Number.NaN];
  if (!(index >= 1 && index <= count && count <= MAX_SHARDS)) throw new UsageError(`--shard must be K/N with 1 ≤ K ≤ N ≤ ${MAX_SHARDS}, got "${values.shard}"`);
  if (options.seed === undefined) throw new UsageError('--shard needs --seed: every shard of a job must generate the same schedules');
  if (options.path !== undefined) throw new UsageError('--shard cannot be used with --path (a replay runs one schedule)');
  return { index, count };
}
