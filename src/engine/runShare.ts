/** Marks a property no thread has found failing yet. */
const NONE = 0x7fffffff;

/**
 * One thread's share of a parallel random search: fast-check generates
 * the same stream of schedules from the seed on every thread, and
 * schedule `i` is executed only by thread `i mod threads` — the shares are
 * disjoint and together are exactly the schedules one thread would run.
 * The threads publish the first failing schedule of each property in
 * shared memory, so none runs schedules past it, and the failure that
 * wins is the one a single thread would have met first.
 */
export class RunShare {
  /**
   * @param index this thread's number, 0 ≤ index < threads
   * @param firstFailures per property, the first failing schedule found by any thread (shared; see {@link RunShare.failureTable})
   */
  constructor(
    readonly index: number,
    readonly threads: number,
    private readonly firstFailures: Int32Array,
  ) {}

  /** A shared table of first failures for `properties` properties, none yet. */
  static failureTable(properties: number): Int32Array {
    const table = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, properties)));
    table.fill(NONE);
    return table;
  }

  /** The first failing schedule of `property` found by any thread, or `undefined`. */
  static firstFailure(table: Int32Array, property: number): number | undefined {
    const run = Atomics.load(table, property);
    return run === NONE ? undefined : run;
  }

  /** Whether this thread executes schedule `run` of `property`'s search. */
  takes(property: number, run: number): boolean {
    return run % this.threads === this.index && run < Atomics.load(this.firstFailures, property);
  }

  /** Records that schedule `run` violates `property`, if no earlier one is known. */
  failedAt(property: number, run: number): void {
    for (;;) {
      const known = Atomics.load(this.firstFailures, property);
      if (known <= run || Atomics.compareExchange(this.firstFailures, property, known, run) === known) return;
    }
  }
}
