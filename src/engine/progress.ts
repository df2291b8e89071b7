/** A snapshot of a running search, reported about once a second. */
export interface Progress {
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  /** States waiting in the BFS frontier. */
  readonly queue: number;
  readonly seconds: number;
  /** Average over the whole search so far. */
  readonly statesPerSecond: number;
  /** Resident set size of the process, in bytes. */
  readonly memoryBytes: number;
  /**
   * Random strategy only: schedules run so far. `states` and `transitions`
   * then count executed states and steps (repeats included), `depth` is
   * the longest run, and `queue` means nothing (0).
   */
  readonly runs?: number;
}

/** Receives {@link Progress} snapshots. */
export type ProgressListener = (progress: Progress) => void;
