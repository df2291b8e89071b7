import type { Counterexample, Fairness, StopReason } from '../engine/index.js';
import type { KernelState } from '../kernel/index.js';

/** The verdict on one kernel property of a scenario under a design. */
export interface KernelVerdict {
  /** The property reference checked: `no-oom-livelock` or `no-oom-livelock[H]`. */
  readonly property: string;
  readonly verdict: 'holds' | 'violated' | 'incomplete';
  /** The engine property that failed (e.g. `no-oom-livelock[T3]`). */
  readonly failing?: string;
  /** The fairness assumed, for liveness properties. */
  readonly fairness?: Fairness;
  readonly counterexample?: Counterexample<KernelState>;
  /** Random strategy, no violation found: the fewest schedules any of the property's engine properties tried. */
  readonly runs?: number;
  /** Why an `incomplete` has no verdict (`interrupted` if any of its searches was). */
  readonly reason?: StopReason;
}
