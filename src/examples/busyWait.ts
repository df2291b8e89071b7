import { int32VectorCodec, type Model } from '../engine/index.js';

/**
 * A worker that has one step left to do (pc 0 → 1, then finished) beside
 * a poller that busy-waits forever (a self-loop). State: `[workerPc]`.
 *
 * "The worker eventually finishes" fails without fairness — the poller
 * can run forever while the worker never gets the CPU — and holds under
 * weak fairness: the worker stays enabled, so it must eventually step.
 */
export function busyWait(): Model<Int32Array, number> {
  return {
    actorNames: ['worker', 'poller'],
    codec: int32VectorCodec(1),
    initialStates: () => [new Int32Array(1)],
    actions(s, out) {
      if (s[0] === 0) out.push(0);
      out.push(1);
    },
    actorOf: (_s, a) => a,
    label: (_s, a) => (a === 0 ? 'done = 1' : 'while (!done) cpu_relax()'),
    toPlain: (s) => ({ done: s[0] }),
    isFinished: (s, actor) => actor === 0 && s[0] === 1,
    nextState: (s, a) => (a === 0 ? Int32Array.of(1) : Int32Array.of(s[0])),
  };
}
