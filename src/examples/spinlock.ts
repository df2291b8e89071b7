import { int32VectorCodec, type Model } from '../engine/index.js';

/**
 * Two processes sharing a test-and-set spinlock. Each loops: acquire when
 * the lock is free (pc 0 → 1), release (pc 1 → 0). State: `[pc0, pc1, lock]`.
 *
 * It is deadlock-free and never terminates, and a process can starve: the
 * other keeps taking the lock, so the waiter's acquire is enabled only now
 * and then. That starvation is an infinite cycle — no terminal state shows
 * it — and it is fair under weak fairness but not under strong fairness.
 */
export function spinlock(): Model<Int32Array, number> {
  return {
    actorNames: ['P0', 'P1'],
    codec: int32VectorCodec(3),
    initialStates: () => [new Int32Array(3)],
    actions(s, out) {
      for (let i = 0; i < 2; i++) if (s[i] === 1 || s[2] === 0) out.push(i);
    },
    actorOf: (_s, i) => i,
    label: (s, i) => (s[i] === 0 ? 'test_and_set(&lock) succeeds' : 'lock = 0'),
    toPlain: (s) => ({ pc: [s[0], s[1]], lock: s[2] }),
    isFinished: () => false,
    nextState(s, i) {
      const t = s.slice();
      t[i] = 1 - s[i];
      t[2] = t[i];
      return t;
    },
  };
}
