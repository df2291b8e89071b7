import { alwaysEventually, int32VectorCodec, PackedLayout, type AlwaysEventually, type Fairness, type Model } from '../engine/index.js';

/** Program counter of a philosopher of {@link orderedPhilosophers}. */
export const HUNGRY = 0;
/** Holds its first fork, wants its second. */
export const HOLDS_FIRST = 1;
/** Holds both forks: eating. */
export const EATING = 2;

/** Options of {@link orderedPhilosophers}. */
export interface OrderedPhilosophersOptions {
  /**
   * A philosopher putting a fork down hands it to the neighbour waiting
   * for it (that neighbour's take step is done for it). Default `true`.
   * Without it, "each philosopher eats infinitely often" needs strong
   * fairness: a waiting philosopher is enabled only while the neighbour
   * has the fork down, which weak fairness lets the neighbour keep short.
   */
  readonly handOver?: boolean;
}

/**
 * Dining philosophers made deadlock-free by resource ordering: every
 * philosopher takes the lower-numbered fork first, so philosopher `n - 1`
 * takes its right fork (fork 0) before its left (fork `n - 1`) and no
 * cycle of waits can form. Each loops: take the first fork (pc 0 → 1),
 * take the second (pc 1 → 2, eating), put both down (pc 2 → 0), each one
 * action of its own actor. With `handOver` (the default) putting a fork
 * down gives it to the neighbour waiting for it, first fork then second,
 * so "each philosopher eats infinitely often" holds under weak fairness.
 *
 * State: n program counters of 2 bits, then n forks holding 0 (on the
 * table) or 1 + the holder's index, packed as in {@link philosophers}.
 * The Promela twin is `orderedPhilosophersPromela` in `bench/promela.ts`.
 */
export function orderedPhilosophers(n: number, options: OrderedPhilosophersOptions = {}): Model<Int32Array, number> {
  if (!Number.isInteger(n) || n < 2 || n > 255) throw new RangeError(`orderedPhilosophers: n must be an integer in 2..255, got ${n}`);
  const handOver = options.handOver ?? true;
  const layout = new PackedLayout([...Array<number>(n).fill(2), ...Array<number>(n).fill(32 - Math.clz32(n))]);
  const pc = (i: number) => i;
  const fork = (f: number) => n + f;
  const first = (i: number) => Math.min(i, (i + 1) % n);
  const second = (i: number) => Math.max(i, (i + 1) % n);
  /** The other philosopher sharing fork `f` with `i`. */
  const neighbour = (i: number, f: number) => (f === i ? (i + n - 1) % n : (i + 1) % n);
  const wants = (s: Int32Array, j: number, f: number) => {
    const at = layout.get(s, pc(j));
    return (at === HUNGRY && first(j) === f) || (at === HOLDS_FIRST && second(j) === f);
  };
  const next = new Int32Array(layout.width);
  const putDown = (i: number, f: number) => {
    const j = neighbour(i, f);
    if (handOver && wants(next, j, f)) {
      layout.set(next, fork(f), j + 1);
      layout.set(next, pc(j), layout.get(next, pc(j)) + 1);
    } else {
      layout.set(next, fork(f), 0);
    }
  };
  return {
    actorNames: Array.from({ length: n }, (_, i) => `phil${i}`),
    codec: int32VectorCodec(layout.width),
    initialStates: () => [new Int32Array(layout.width)],
    actions(s, out) {
      for (let i = 0; i < n; i++) {
        const at = layout.get(s, pc(i));
        if (at === EATING || layout.get(s, fork(at === HUNGRY ? first(i) : second(i))) === 0) out.push(i);
      }
    },
    actorOf: (_s, i) => i,
    label: (s, i) => [`take fork ${first(i)}`, `take fork ${second(i)}`, `put forks ${first(i)} and ${second(i)} down`][layout.get(s, pc(i))],
    toPlain: (s) => {
      const fields = layout.unpack(s);
      return { pc: fields.slice(0, n), fork: fields.slice(n).map((holder) => (holder === 0 ? null : `phil${holder - 1}`)) };
    },
    isFinished: () => false,
    nextState(s, i) {
      next.set(s);
      const at = layout.get(s, pc(i));
      if (at === EATING) {
        layout.set(next, pc(i), HUNGRY);
        putDown(i, first(i));
        putDown(i, second(i));
      } else {
        layout.set(next, fork(at === HUNGRY ? first(i) : second(i)), i + 1);
        layout.set(next, pc(i), at + 1);
      }
      return next;
    },
  };
}

/**
 * "Each philosopher eats infinitely often" as one □◇ property per
 * philosopher, `phil<i>-eats`: □◇(pc[i] = eating), under `fairness`.
 */
export function eachPhilosopherEats(n: number, fairness: Fairness = 'weak'): AlwaysEventually<Int32Array>[] {
  const layout = new PackedLayout(Array<number>(n).fill(2));
  return Array.from({ length: n }, (_, i) => alwaysEventually<Int32Array>(`phil${i}-eats`, (s) => layout.get(s, i) === EATING, fairness));
}
