/**
 * A symmetric model for the symmetry tests: `k` identical clients run the
 * same small program over a shared lock (its holder) and a shared counter.
 * Permuting the clients (and the lock's holder with them) is an
 * automorphism, so `symmetry(fixed)` may permute every client not in
 * `fixed`; the canonical form sorts those clients by (pc, holds the lock),
 * which is exact: one representative per orbit.
 */
import fc from 'fast-check';
import { int32VectorCodec, type ActorPermutation, type Model, type Symmetry } from '../../src/engine/index.js';

/** One transition of the clients' program. */
export interface ClientTransition {
  /** `take`: lock free, take it; `release`: hold it, free it; `zero`/`nonzero`: the counter's value. */
  readonly guard: 'none' | 'take' | 'release' | 'zero' | 'nonzero';
  readonly effect: 'none' | 'inc' | 'reset';
  readonly to: number;
}

/** The clients' program: per pc, its transitions. */
export interface ClientProgram {
  readonly clients: number;
  /** Counter values are `0 .. modulus - 1`. */
  readonly modulus: number;
  readonly pcs: readonly (readonly ClientTransition[])[];
}

/** State words: `clients` pcs, then the lock (holder + 1, or 0), then the counter. */
export type ClientState = Int32Array;

export function clientsModel(program: ClientProgram): Model<ClientState, number> & { symmetry(fixed: readonly number[]): Symmetry<ClientState> | undefined } {
  const { clients: k, modulus, pcs } = program;
  const width = k + 2;
  const lock = k;
  const counter = k + 1;
  const per = Math.max(...pcs.map((t) => t.length), 1);
  const enabled = (s: ClientState, i: number, t: ClientTransition): boolean => {
    switch (t.guard) {
      case 'none':
        return true;
      case 'take':
        return s[lock] === 0;
      case 'release':
        return s[lock] === i + 1;
      case 'zero':
        return s[counter] === 0;
      case 'nonzero':
        return s[counter] !== 0;
    }
  };
  const permute = (s: ClientState, perm: ActorPermutation): ClientState => {
    const out = new Int32Array(width);
    for (let i = 0; i < k; i++) out[perm[i]] = s[i];
    out[lock] = s[lock] === 0 ? 0 : perm[s[lock] - 1] + 1;
    out[counter] = s[counter];
    return out;
  };
  return {
    actorNames: Array.from({ length: k }, (_, i) => `c${i}`),
    codec: int32VectorCodec(width),
    initialStates: () => [new Int32Array(width)],
    actions(s, out) {
      for (let i = 0; i < k; i++)
        pcs[s[i]].forEach((t, j) => {
          if (enabled(s, i, t)) out.push(i * per + j);
        });
    },
    actorOf: (_s, a) => Math.floor(a / per),
    label: (s, a) => {
      const t = pcs[s[Math.floor(a / per)]][a % per];
      return `${t.guard}/${t.effect} -> ${t.to}`;
    },
    nextState(s, a) {
      const i = Math.floor(a / per);
      const t = pcs[s[i]][a % per];
      const next = Int32Array.from(s);
      next[i] = t.to;
      if (t.guard === 'take') next[lock] = i + 1;
      if (t.guard === 'release') next[lock] = 0;
      if (t.effect === 'inc') next[counter] = (s[counter] + 1) % modulus;
      if (t.effect === 'reset') next[counter] = 0;
      return next;
    },
    isFinished: (s, i) => s[i] === 0 && s[lock] !== i + 1,
    symmetry(fixed) {
      const free = Array.from({ length: k }, (_, i) => i).filter((i) => !fixed.includes(i));
      if (free.length < 2) return undefined;
      let order = 1;
      for (let f = 2; f <= free.length; f++) order *= f;
      return {
        description: `clients {${free.map((i) => `c${i}`).join(', ')}}`,
        order,
        permute,
        canonicalize(s) {
          const key = (i: number) => s[i] * 2 + (s[lock] === i + 1 ? 1 : 0);
          const sorted = [...free].sort((a, b) => key(a) - key(b) || a - b);
          const perm = Array.from({ length: k }, (_, i) => i);
          sorted.forEach((client, position) => {
            perm[client] = free[position];
          });
          return { state: permute(s, perm), perm };
        },
      };
    },
  };
}

/** Random small programs: 2 to 4 clients, 2 to 4 pcs, 1 or 2 transitions per pc. */
export function clientProgramArb(): fc.Arbitrary<ClientProgram> {
  return fc.record({ clients: fc.integer({ min: 2, max: 4 }), modulus: fc.integer({ min: 1, max: 3 }), size: fc.integer({ min: 2, max: 4 }) }).chain(({ clients, modulus, size }) =>
    fc.record({
      clients: fc.constant(clients),
      modulus: fc.constant(modulus),
      pcs: fc.array(
        fc.array(
          fc.record({
            guard: fc.constantFrom('none', 'take', 'release', 'zero', 'nonzero') as fc.Arbitrary<ClientTransition['guard']>,
            effect: fc.constantFrom('none', 'inc', 'reset') as fc.Arbitrary<ClientTransition['effect']>,
            to: fc.integer({ min: 0, max: size - 1 }),
          }),
          { minLength: 1, maxLength: 2 },
        ),
        { minLength: size, maxLength: size },
      ),
    }),
  );
}
