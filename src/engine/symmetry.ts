/**
 * Symmetry reduction: a model whose actors are interchangeable gives a
 * canonical form of each state and the actor permutation taken; the
 * search stores one representative per orbit and keeps, on every edge,
 * the permutation, so that liveness under fairness and counterexamples are
 * judged as on the unreduced graph (an annotated quotient structure in the
 * sense of Emerson and Sistla; see docs/engine.md, "Symmetry").
 */

/**
 * A permutation of the actors: `perm[a]` is the actor that plays actor
 * `a`'s part in the permuted state. Length: the model's actor count.
 */
export type ActorPermutation = readonly number[];

/**
 * A group of actor permutations under which the model is symmetric, given
 * by a canonical form. The contract, for every state `s`, every action of
 * actor `a` in `s` and every permutation `g` of the group:
 * - `permute(s, g)` enables, for actor `g[a]`, an action whose successor is
 *   `permute(next, g)` (the transition relation is invariant), and
 *   `isFinished(permute(s, g), g[a]) === isFinished(s, a)`;
 * - the initial states are a union of orbits; every property the search
 *   checks that names no actor (`actors`) has the same value on `s` and
 *   `permute(s, g)`, and the group fixes every actor a property names;
 * - `canonicalize(s)` returns a state of `s`'s orbit and the permutation
 *   `perm` with `state` equal to `permute(s, perm)`, and is a function of
 *   `s` (two states of one orbit should give the same representative: the
 *   better it does, the bigger the reduction; soundness needs only the
 *   rest).
 * The engine checks the first point on every counterexample it maps back
 * (a step that does not map back throws {@link NondeterminismError}).
 */
export interface Symmetry<S> {
  /** What is interchangeable, for reports (e.g. `tasks {A1, A2}`). */
  readonly description: string;
  /** Number of permutations in the group (its order), for reports. */
  readonly order: number;
  canonicalize(state: S): { readonly state: S; readonly perm: ActorPermutation };
  /** `state` with every actor `a`'s part played by `perm[a]`. */
  permute(state: S, perm: ActorPermutation): S;
}

/** The identity on `n` actors. */
export function identityPermutation(n: number): number[] {
  return Array.from({ length: n }, (_, a) => a);
}

/** `f ∘ g`: first `g`, then `f` (`result[a] = f[g[a]]`). */
export function composePermutations(f: ActorPermutation, g: ActorPermutation): number[] {
  return g.map((x) => f[x]);
}

/** The inverse of `p`. */
export function invertPermutation(p: ActorPermutation): number[] {
  const inverse = new Array<number>(p.length);
  for (let a = 0; a < p.length; a++) inverse[p[a]] = a;
  return inverse;
}

/**
 * Interned permutations: each distinct permutation gets a small id (the
 * identity is 0), so an edge stores 2 bytes for it; compositions are
 * cached by id pair.
 */
export class PermutationTable {
  private readonly list: ActorPermutation[];
  private readonly ids = new Map<string, number>();
  private readonly inverses: number[] = [];
  private readonly products = new Map<number, number>();

  constructor(readonly actorCount: number) {
    const identity = identityPermutation(actorCount);
    this.list = [identity];
    this.ids.set(identity.join(','), 0);
  }

  /** Id of `perm`, adding it if new. */
  intern(perm: ActorPermutation): number {
    let identity = true;
    for (let a = 0; a < perm.length && identity; a++) identity = perm[a] === a;
    if (identity) return 0;
    const key = perm.join(',');
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.list.length;
      if (id > 0xffff) throw new Error('symmetry: more than 65536 distinct permutations along the edges');
      this.list.push(perm.slice());
      this.ids.set(key, id);
    }
    return id;
  }

  get(id: number): ActorPermutation {
    return this.list[id];
  }

  /** Id of the inverse of permutation `id`. */
  inverse(id: number): number {
    let inverse = this.inverses[id];
    if (inverse === undefined) {
      inverse = this.intern(invertPermutation(this.list[id]));
      this.inverses[id] = inverse;
    }
    return inverse;
  }

  /** Id of `f ∘ g` (first `g`, then `f`). */
  compose(f: number, g: number): number {
    if (g === 0) return f;
    if (f === 0) return g;
    const key = f * 0x10000 + g;
    let id = this.products.get(key);
    if (id === undefined) {
      id = this.intern(composePermutations(this.list[f], this.list[g]));
      this.products.set(key, id);
    }
    return id;
  }
}
