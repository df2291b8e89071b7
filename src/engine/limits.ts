import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import type { StopReason } from './result.js';

/** Limits on a search. Hitting one yields `incomplete` verdicts, never a crash. */
export interface Limits {
  /** Stop once this many distinct states are stored. Default: unlimited. */
  readonly maxStates?: number;
  /** Stop after this many seconds of search. Default: unlimited. */
  readonly maxSeconds?: number;
  /**
   * Stop when this search's memory exceeds this many bytes: the bytes of
   * its own structures (visited store, frontier queue, transition graph
   * and predicate flags) plus the growth of node's JavaScript heap since
   * it started. Per search: what an earlier search of the same run keeps
   * does not count. Default: {@link defaultMaxMemoryBytes}. The search
   * also stops before node's own heap fills (90% of its limit), whatever
   * this is.
   */
  readonly maxMemoryBytes?: number;
}

/** The default per-search memory budget: 1 GiB, or a quarter of physical memory if that is less. */
export function defaultMaxMemoryBytes(): number {
  return Math.min(2 ** 30, Math.floor(totalmem() / 4));
}

/** Bytes a search holds in its own structures (typed arrays, outside node's heap). */
export type SearchBytes = () => number;

/**
 * Tracks a search against its {@link Limits}. Memory is sampled at most
 * every 100 ms: the search's own bytes (`searchBytes`, exact) plus the
 * heap's growth since the search began (its decoded states and other
 * garbage not yet collected; a heap that shrank counts as no growth).
 */
export class Budget {
  private readonly startedAt = performance.now();
  private readonly maxMemory: number;
  private readonly heapLimit = getHeapStatistics().heap_size_limit * 0.9;
  private readonly heapAtStart = process.memoryUsage().heapUsed;
  private lastMemoryCheck: number;
  private rss = 0;
  private used = 0;

  constructor(
    private readonly limits: Limits,
    private readonly searchBytes: SearchBytes = () => 0,
  ) {
    this.maxMemory = limits.maxMemoryBytes ?? defaultMaxMemoryBytes();
    this.lastMemoryCheck = this.startedAt - 100;
  }

  /** Seconds since the search started. */
  elapsedSeconds(): number {
    return (performance.now() - this.startedAt) / 1000;
  }

  /** Last sampled resident set size of the process, in bytes. */
  get residentBytes(): number {
    return this.rss;
  }

  /** Last sampled memory of this search (what `maxMemoryBytes` bounds), in bytes. */
  get searchMemoryBytes(): number {
    return this.used;
  }

  /** The limit hit, if any, given the number of states stored so far. */
  exceeded(states: number): StopReason | undefined {
    if (this.limits.maxStates !== undefined && states >= this.limits.maxStates) return 'maxStates';
    const now = performance.now();
    if (this.limits.maxSeconds !== undefined && now - this.startedAt >= this.limits.maxSeconds * 1000) return 'maxSeconds';
    if (now - this.lastMemoryCheck >= 100) {
      this.lastMemoryCheck = now;
      const { rss, heapUsed } = process.memoryUsage();
      this.rss = rss;
      this.used = this.searchBytes() + Math.max(0, heapUsed - this.heapAtStart);
      if (this.used > this.maxMemory || heapUsed > this.heapLimit) return 'maxMemory';
    }
    return undefined;
  }
}
