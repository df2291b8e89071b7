import { Immer } from 'immer';
import type { Model, StateCodec } from '../engine/index.js';

/**
 * Peterson's mutual exclusion for two processes, written with plain
 * immutable states and immer recipes (the readable way to write a model).
 * Each process loops: `flag[i] = 1` (pc 0), `turn = j` (pc 1),
 * `await !flag[j] || turn == i` (pc 2), leave the critical section with
 * `flag[i] = 0` (pc 3 = in the critical section).
 *
 * The `swapped` variant sets `turn` before `flag`, the classic broken
 * version that lets both processes in.
 */
export interface PetersonState {
  readonly pc: readonly [number, number];
  readonly flag: readonly [number, number];
  readonly turn: number;
}

/** An action is the index of the process that moves. */
export type PetersonAction = 0 | 1;

/** Program counter of the critical section. */
export const CRITICAL = 3;

const immer = new Immer({ autoFreeze: false });

const codec: StateCodec<PetersonState> = {
  width: 5,
  encode(s, out, o) {
    out[o] = s.pc[0];
    out[o + 1] = s.pc[1];
    out[o + 2] = s.flag[0];
    out[o + 3] = s.flag[1];
    out[o + 4] = s.turn;
  },
  decode(w, o) {
    return { pc: [w[o], w[o + 1]], flag: [w[o + 2], w[o + 3]], turn: w[o + 4] };
  },
};

/** Peterson's algorithm; `swapped` gives the broken variant. */
export function peterson(options: { swapped?: boolean } = {}): Model<PetersonState, PetersonAction> {
  const swapped = options.swapped ?? false;
  const labels = swapped ? ['turn = j', 'flag[i] = 1', 'await !flag[j] || turn == i', 'flag[i] = 0'] : ['flag[i] = 1', 'turn = j', 'await !flag[j] || turn == i', 'flag[i] = 0'];
  const canMove = (s: PetersonState, i: number): boolean => {
    const j = 1 - i;
    return s.pc[i] !== 2 || s.flag[j] === 0 || s.turn === i;
  };
  return {
    actorNames: ['P0', 'P1'],
    codec,
    initialStates: () => [{ pc: [0, 0], flag: [0, 0], turn: 0 }],
    actions(s, out) {
      if (canMove(s, 0)) out.push(0);
      if (canMove(s, 1)) out.push(1);
    },
    actorOf: (_s, i) => i,
    label: (s, i) =>
      labels[s.pc[i]]
        .replace('[i]', `[${i}]`)
        .replace('[j]', `[${1 - i}]`)
        .replace('= j', `= ${1 - i}`)
        .replace('== i', `== ${i}`),
    isFinished: () => false,
    nextState: (s, i) =>
      immer.produce(s, (d) => {
        const j = 1 - i;
        const pc = s.pc[i];
        const setFlag = swapped ? 1 : 0;
        if (pc === setFlag) d.flag[i] = 1;
        else if (pc === 1 - setFlag) d.turn = j;
        else if (pc === 3) d.flag[i] = 0;
        d.pc[i] = (pc + 1) % 4;
      }),
  };
}
