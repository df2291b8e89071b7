import { fingerprint } from './fingerprint.js';
import type { Model } from './model.js';
import type { Counterexample, TraceStep } from './result.js';

/**
 * One execution of a model, recorded position by position (position 0 is
 * the initial state, position `k` the state after step `k`): the encoded
 * words, which actors are enabled, the step taken, and per-position marks
 * supplied by the caller (predicate bits). The random strategy and the
 * minimizer both judge violations on a `Execution`.
 *
 * Every state is encoded into the run's own buffer as soon as the model
 * returns it, and the state the model is asked about next is decoded from
 * that buffer: a model returning reused scratch objects is safe (the
 * engine's usual contract). A `Execution` is reused across executions
 * ({@link Execution.start}); a decoder returning views into the buffer sees them
 * overwritten then, which the codec contract allows.
 */
export class Execution<S, A> {
  private words: Int32Array;
  private enabledFlags: Uint8Array;
  private capacity: number;
  private readonly width: number;
  private readonly actorCount: number;
  private readonly fp = new Int32Array(2);
  /** Positions by low fingerprint lane, to find repeated states. */
  private readonly byFingerprint = new Map<number, number[]>();
  /** Low fingerprint lane of each position. */
  private readonly keys: number[] = [];
  /** Decoded state at each position (may be a view into the run's buffer). */
  readonly states: S[] = [];
  /** Caller's marks at each position (see the constructor). */
  readonly marks: number[] = [];
  /** Number of enabled actions at each position (0: terminal). */
  readonly enabledCounts: number[] = [];
  /** Step `k` (from position `k` to `k + 1`): the action, its index in the enabled list, its actor. */
  readonly actions: A[] = [];
  readonly actionIndices: number[] = [];
  readonly stepActors: number[] = [];
  /** The actions enabled at the last position, in the model's order. */
  readonly enabled: A[] = [];
  initialIndex = 0;

  /**
   * @param mark computes the marks of a new position from its state and
   *   the previous position's marks (0 for the initial state).
   */
  constructor(
    readonly model: Model<S, A>,
    private readonly mark: (state: S, previous: number) => number,
    capacity = 64,
  ) {
    this.width = model.codec.width;
    this.actorCount = model.actorNames.length;
    this.capacity = Math.max(1, capacity);
    this.words = new Int32Array(this.capacity * this.width);
    this.enabledFlags = new Uint8Array(this.capacity * this.actorCount);
  }

  /** Number of steps taken (the last position). */
  get length(): number {
    return this.states.length - 1;
  }

  /** Starts a new execution from initial state `initialIndex`. */
  start(initialIndex: number): void {
    const initials = this.model.initialStates();
    if (initialIndex < 0 || initialIndex >= initials.length) throw new RangeError(`Execution.start: initial state ${initialIndex} does not exist`);
    this.initialIndex = initialIndex;
    this.states.length = 0;
    this.marks.length = 0;
    this.enabledCounts.length = 0;
    this.actions.length = 0;
    this.actionIndices.length = 0;
    this.stepActors.length = 0;
    this.keys.length = 0;
    this.byFingerprint.clear();
    this.add(initials[initialIndex]);
  }

  /** Takes the enabled action number `actionIndex` of the last position. */
  take(actionIndex: number): void {
    const k = this.length;
    if (actionIndex < 0 || actionIndex >= this.enabled.length) throw new RangeError(`Execution.take: action #${actionIndex} of ${this.enabled.length} at step ${k + 1}`);
    const action = this.enabled[actionIndex];
    this.actions.push(action);
    this.actionIndices.push(actionIndex);
    this.stepActors.push(this.model.actorOf(this.states[k], action));
    this.add(this.model.nextState(this.states[k], action));
  }

  /** Whether no action is enabled at position `k`. */
  isTerminal(k: number): boolean {
    return this.enabledCounts[k] === 0;
  }

  /** Whether `actor` has an enabled action at position `k`. */
  isEnabled(k: number, actor: number): boolean {
    return this.enabledFlags[k * this.actorCount + actor] === 1;
  }

  /** Whether positions `i` and `j` hold the same state (same encoded words). */
  sameState(i: number, j: number): boolean {
    const { words, width } = this;
    for (let w = 0; w < width; w++) if (words[i * width + w] !== words[j * width + w]) return false;
    return true;
  }

  /** Whether position `k` holds the state encoded in `expected`. */
  hasWords(k: number, expected: Int32Array): boolean {
    for (let w = 0; w < this.width; w++) if (this.words[k * this.width + w] !== expected[w]) return false;
    return true;
  }

  /** Earlier positions holding the same state as position `k`, most recent first. */
  earlierTwins(k: number): number[] {
    const twins: number[] = [];
    const candidates = this.byFingerprint.get(this.keys[k]) ?? [];
    for (let c = candidates.length - 1; c >= 0; c--) if (candidates[c] < k && this.sameState(candidates[c], k)) twins.push(candidates[c]);
    return twins;
  }

  /**
   * Positions `0 .. steps` as a counterexample, optionally a lasso. States
   * are decoded from copies of their words, so they stay intact after the
   * run is reused.
   */
  toCounterexample(steps: number, loopStart?: number): Counterexample<S> {
    const { model } = this;
    const snapshot = (k: number): S => model.codec.decode(this.words.slice(k * this.width, (k + 1) * this.width), 0);
    const traceSteps: TraceStep<S>[] = [];
    for (let k = 0; k < steps; k++) {
      traceSteps.push({
        actor: model.actorNames[this.stepActors[k]],
        action: model.label(this.states[k], this.actions[k]),
        actionIndex: this.actionIndices[k],
        state: snapshot(k + 1),
      });
    }
    const base = { initialIndex: this.initialIndex, initial: snapshot(0), steps: traceSteps };
    return loopStart === undefined ? base : { ...base, loopStart };
  }

  private add(state: S): void {
    const k = this.states.length;
    if (k === this.capacity) this.grow();
    const { model, width, actorCount } = this;
    model.codec.encode(state, this.words, k * width);
    const snapshot = model.codec.decode(this.words, k * width);
    this.states.push(snapshot);
    this.enabled.length = 0;
    model.actions(snapshot, this.enabled);
    this.enabledCounts.push(this.enabled.length);
    const row = k * actorCount;
    this.enabledFlags.fill(0, row, row + actorCount);
    for (const action of this.enabled) this.enabledFlags[row + model.actorOf(snapshot, action)] = 1;
    this.marks.push(this.mark(snapshot, k === 0 ? 0 : this.marks[k - 1]));
    fingerprint(this.words, k * width, width, this.fp);
    const key = this.fp[0];
    this.keys.push(key);
    const list = this.byFingerprint.get(key);
    if (list) list.push(k);
    else this.byFingerprint.set(key, [k]);
  }

  private grow(): void {
    this.capacity *= 2;
    const words = new Int32Array(this.capacity * this.width);
    words.set(this.words);
    this.words = words;
    const flags = new Uint8Array(this.capacity * this.actorCount);
    flags.set(this.enabledFlags);
    this.enabledFlags = flags;
  }
}
