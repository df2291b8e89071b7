import { bitPackedCodec, type Model } from '../engine/index.js';

/**
 * Dining philosophers: N philosophers around a table, fork `i` between
 * philosopher `i` and `i + 1`. Each loops: take the left fork (pc 0 → 1),
 * take the right fork (pc 1 → 2), put both down (pc 2 → 0). Deadlocks when
 * every philosopher holds a left fork, which takes exactly N steps.
 *
 * The state is a vector of N program counters, then N forks holding
 * 1 + the holder's index or 0, bit-packed by its codec (N = 16: 4 words).
 * This is the engine's fast path: actions are integers and successors are
 * written into one reused vector.
 */
export function philosophers(n: number): Model<Int32Array, number> {
  if (!Number.isInteger(n) || n < 2 || n > 255) throw new RangeError(`philosophers: n must be an integer in 2..255, got ${n}`);
  const left = (i: number) => n + i;
  const right = (i: number) => n + ((i + 1) % n);
  // The engine encodes a successor before asking for the next one, so one
  // scratch vector serves every successor: no allocation per transition.
  const next = new Int32Array(2 * n);
  return {
    actorNames: Array.from({ length: n }, (_, i) => `phil${i}`),
    // 2 bits per program counter, enough bits per fork for 1 + holder index.
    codec: bitPackedCodec([...Array<number>(n).fill(2), ...Array<number>(n).fill(32 - Math.clz32(n))]),
    initialStates: () => [new Int32Array(2 * n)],
    actions(s, out) {
      for (let i = 0; i < n; i++) {
        const pc = s[i];
        if ((pc === 0 && s[left(i)] === 0) || (pc === 1 && s[right(i)] === 0) || pc === 2) out.push(i);
      }
    },
    actorOf: (_s, i) => i,
    label: (s, i) => [`phil${i} takes left fork ${i}`, `phil${i} takes right fork ${(i + 1) % n}`, `phil${i} puts forks down`][s[i]],
    isFinished: () => false,
    nextState(s, i) {
      next.set(s);
      const pc = s[i];
      if (pc === 0) next[left(i)] = i + 1;
      else if (pc === 1) next[right(i)] = i + 1;
      else next[left(i)] = next[right(i)] = 0;
      next[i] = (pc + 1) % 3;
      return next;
    },
  };
}
