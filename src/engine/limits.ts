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
   * Stop when the process's resident memory exceeds this many bytes.
   * Default: half the machine's memory. The search also stops before
   * node's own JavaScript heap fills (90% of its limit), whatever this is.
   */
  readonly maxMemoryBytes?: number;
}

/** Default memory budget: half of physical memory. */
export function defaultMaxMemoryBytes(): number {
  return Math.floor(totalmem() / 2);
}

/**
 * Tracks a search against its {@link Limits}. The resident set size is
 * sampled at most every 100 ms (a system call) and the JavaScript heap at
 * most every second (reading it walks the heap's spaces).
 */
export class Budget {
  private readonly startedAt = performance.now();
  private readonly maxMemory: number;
  private readonly heapLimit = getHeapStatistics().heap_size_limit * 0.9;
  private lastMemoryCheck: number;
  private lastHeapCheck: number;
  private rss = 0;

  constructor(private readonly limits: Limits) {
    this.maxMemory = limits.maxMemoryBytes ?? defaultMaxMemoryBytes();
    this.lastMemoryCheck = this.startedAt - 100;
    this.lastHeapCheck = this.startedAt;
  }

  /** Seconds since the search started. */
  elapsedSeconds(): number {
    return (performance.now() - this.startedAt) / 1000;
  }

  /** Last sampled resident set size, in bytes. */
  get residentBytes(): number {
    return this.rss;
  }

  /** The limit hit, if any, given the number of states stored so far. */
  exceeded(states: number): StopReason | undefined {
    if (this.limits.maxStates !== undefined && states >= this.limits.maxStates) return 'maxStates';
    const now = performance.now();
    if (this.limits.maxSeconds !== undefined && now - this.startedAt >= this.limits.maxSeconds * 1000) return 'maxSeconds';
    if (now - this.lastMemoryCheck >= 100) {
      this.lastMemoryCheck = now;
      this.rss = process.memoryUsage.rss();
      if (this.rss > this.maxMemory) return 'maxMemory';
    }
    if (now - this.lastHeapCheck >= 1000) {
      this.lastHeapCheck = now;
      if (getHeapStatistics().used_heap_size > this.heapLimit) return 'maxMemory';
    }
    return undefined;
  }
}
