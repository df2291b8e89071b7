import { fingerprint } from './fingerprint.js';
import type { Model } from './model.js';
import type { Invariant, Predicate } from './property.js';

/** What a batch expansion evaluates besides the successors themselves. */
export interface ExpansionChecks<S> {
  readonly invariants: readonly Invariant<S>[];
  readonly predicates: readonly Predicate<S>[];
  readonly checkDeadlock: boolean;
}

/** Words of the header of one expanded state: its number of successors, whether it is a deadlock, its predicate bits. */
export const STATE_HEADER = 3;

/**
 * Expands encoded states into flat successor records, the unit of work of
 * a parallel search: the same on a worker thread and on the calling one,
 * so who computed a batch cannot change what is merged.
 *
 * Per state: `[n, deadlock, predicate bits]`, then per successor, in the
 * model's action order: `[actor, fingerprint lo, fingerprint hi,
 * invariant words…, encoded state…]`. Liveness predicates are evaluated
 * on the expanded state (liveness reads them on expanded states only).
 * Invariants are evaluated on every successor, because only the store's
 * owner knows which successors are new: it takes the bits of a state's
 * first occurrence, as the one-thread search evaluates them when it stores
 * it, so the first violation and the early stop once every safety
 * property has failed come at the same state.
 */
export class SuccessorExpander<S, A> {
  /** Words per successor record. */
  readonly record: number;
  /** Words of invariant bits per record (bit `p % 32` of word `p >> 5`: invariant `p` fails). */
  readonly invariantWords: number;
  private readonly width: number;
  private readonly actorCount: number;
  private readonly actions: A[] = [];
  private readonly fp = new Int32Array(2);

  constructor(
    private readonly model: Model<S, A>,
    private readonly checks: ExpansionChecks<S>,
  ) {
    this.width = model.codec.width;
    this.actorCount = model.actorNames.length;
    this.invariantWords = (checks.invariants.length + 31) >>> 5;
    this.record = 3 + this.invariantWords + this.width;
  }

  /**
   * Expands `count` states encoded one after another in `input` from state
   * `first`, writing their records into `out` from word 0. Returns how many
   * states fitted in `out` (the rest are for the caller to expand).
   * @throws {Error} if a state enables more than 255 actions
   */
  expand(input: Int32Array, first: number, count: number, out: Int32Array): number {
    const { model, width, actions, fp, record, invariantWords } = this;
    const { invariants, predicates, checkDeadlock } = this.checks;
    // The expanded state is read in place when the successors' words come from the model's fast path.
    const view = model.encodeNextState !== undefined ? model.codec.view : undefined;
    let o = 0;
    for (let k = 0; k < count; k++) {
      const state = view !== undefined ? view.call(model.codec, input, (first + k) * width) : model.codec.decode(input, (first + k) * width);
      actions.length = 0;
      model.actions(state, actions);
      const n = actions.length;
      if (n > 255) throw new Error(`model enables ${n} actions in one state; at most 255 are supported`);
      if (o + STATE_HEADER + n * record > out.length) return k;
      let deadlock = 0;
      if (n === 0 && checkDeadlock) {
        for (let a = 0; a < this.actorCount; a++) {
          if (!model.isFinished(state, a)) {
            deadlock = 1;
            break;
          }
        }
      }
      let bits = 0;
      for (let p = 0; p < predicates.length; p++) if (predicates[p](state)) bits |= 1 << p;
      out[o] = n;
      out[o + 1] = deadlock;
      out[o + 2] = bits;
      o += STATE_HEADER;
      for (let i = 0; i < n; i++) {
        const action = actions[i];
        const words = o + 3 + invariantWords;
        let next: S | undefined;
        if (model.encodeNextState !== undefined) {
          model.encodeNextState(state, action, out, words);
        } else {
          next = model.nextState(state, action);
          model.codec.encode(next, out, words);
        }
        fingerprint(out, words, width, fp);
        out[o] = model.actorOf(state, action);
        out[o + 1] = fp[0];
        out[o + 2] = fp[1];
        for (let w = 0; w < invariantWords; w++) out[o + 3 + w] = 0;
        if (invariants.length > 0) {
          // The fast path's successor exists only as words: decoded for the invariants.
          const successor = next ?? model.codec.decode(out, words);
          for (let p = 0; p < invariants.length; p++) if (!invariants[p].holds(successor)) out[o + 3 + (p >>> 5)] |= 1 << (p & 31);
        }
        o += record;
      }
    }
    return count;
  }
}
