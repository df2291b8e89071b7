import { int32VectorCodec, PackedLayout, type Model } from '../engine/index.js';

/**
 * Dining philosophers: N philosophers around a table, fork `i` between
 * philosopher `i` and `i + 1`. Each loops: take the left fork (pc 0 → 1),
 * take the right fork (pc 1 → 2), put both down (pc 2 → 0). Deadlocks when
 * every philosopher holds a left fork, which takes exactly N steps.
 *
 * The state is packed: N program counters of 2 bits, then N forks holding
 * 1 + the holder's index or 0 (N = 16: 4 words). The model reads and writes
 * the packed words directly and writes successors into one reused vector —
 * the engine's fast path, used by the benchmark against SPIN.
 */
export function philosophers(n: number): Model<Int32Array, number> {
  if (!Number.isInteger(n) || n < 2 || n > 255) throw new RangeError(`philosophers: n must be an integer in 2..255, got ${n}`);
  const layout = new PackedLayout([...Array<number>(n).fill(2), ...Array<number>(n).fill(32 - Math.clz32(n))]);
  const pc = (i: number) => i;
  const left = (i: number) => n + i;
  const right = (i: number) => n + ((i + 1) % n);
  // The engine encodes a successor before asking for the next one, so one
  // scratch vector serves every successor: no allocation per transition.
  const next = new Int32Array(layout.width);
  return {
    actorNames: Array.from({ length: n }, (_, i) => `phil${i}`),
    codec: int32VectorCodec(layout.width),
    initialStates: () => [new Int32Array(layout.width)],
    actions(s, out) {
      for (let i = 0; i < n; i++) {
        const at = layout.get(s, pc(i));
        if ((at === 0 && layout.get(s, left(i)) === 0) || (at === 1 && layout.get(s, right(i)) === 0) || at === 2) out.push(i);
      }
    },
    actorOf: (_s, i) => i,
    label: (s, i) => [`take left fork ${i}`, `take right fork ${(i + 1) % n}`, `put forks ${i} and ${(i + 1) % n} down`][layout.get(s, pc(i))],
    toPlain: (s) => {
      const fields = layout.unpack(s);
      return { pc: fields.slice(0, n), fork: fields.slice(n).map((holder) => (holder === 0 ? null : `phil${holder - 1}`)) };
    },
    isFinished: () => false,
    nextState(s, i) {
      next.set(s);
      const at = layout.get(s, pc(i));
      if (at === 0) layout.set(next, left(i), i + 1);
      else if (at === 1) layout.set(next, right(i), i + 1);
      else {
        layout.set(next, left(i), 0);
        layout.set(next, right(i), 0);
      }
      layout.set(next, pc(i), (at + 1) % 3);
      return next;
    },
  };
}
