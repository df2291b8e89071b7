import { int32VectorCodec, type Model } from '../engine/index.js';

/**
 * Dining philosophers: N philosophers around a table, fork `i` between
 * philosopher `i` and `i + 1`. Each loops: take the left fork (pc 0 → 1),
 * take the right fork (pc 1 → 2), put both down (pc 2 → 0). Deadlocks when
 * every philosopher holds a left fork, which takes exactly N steps.
 *
 * The state is a packed vector (N program counters, then N forks holding
 * 1 + the holder's index or 0), the engine's fast path: actions are
 * integers, no per-state object is built beyond the successor vector.
 */
export function philosophers(n: number): Model<Int32Array, number> {
  if (!Number.isInteger(n) || n < 2 || n > 255) throw new RangeError(`philosophers: n must be an integer in 2..255, got ${n}`);
  const left = (i: number) => n + i;
  const right = (i: number) => n + ((i + 1) % n);
  return {
    actorNames: Array.from({ length: n }, (_, i) => `phil${i}`),
    codec: int32VectorCodec(2 * n),
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
      const t = s.slice();
      const pc = s[i];
      if (pc === 0) t[left(i)] = i + 1;
      else if (pc === 1) t[right(i)] = i + 1;
      else t[left(i)] = t[right(i)] = 0;
      t[i] = (pc + 1) % 3;
      return t;
    },
  };
}
