import type { Model } from './model.js';
import { composePermutations, invertPermutation, type ActorPermutation, type Symmetry } from './symmetry.js';
import { NondeterminismError } from './trace.js';

/**
 * Maps a path of the quotient back to the unreduced model: the concrete
 * action indices, from initial state `initialIndex` itself, of the run
 * the quotient path stands for.
 *
 * The quotient path starts at the canonical form q₀ = permute(s₀, π₀) of
 * the initial state s₀ and takes, at each representative q, action
 * number i of q to t = next(q, a), whose canonical form is
 * q' = permute(t, π). The concrete run is kept as permute(q, σ) with
 * σ = π₀⁻¹ at the start: it takes actor σ[actor(a)]'s action, reaching
 * permute(t, σ) = permute(q', σ ∘ π⁻¹), so σ becomes σ ∘ π⁻¹. At each
 * step the concrete action is the one of that actor whose successor is
 * exactly permute(t, σ) (compared word for word): this checks the model's
 * symmetry contract along the path. A lasso's cycle found on the lift
 * (`LiftedCycleBuilder`) returns to its entry's frame, so the concrete
 * run closes at the same concrete state.
 *
 * @throws {NondeterminismError} when a step does not map back (the model is not symmetric under the group it gave)
 */
export function concreteActionIndices<S, A>(model: Model<S, A>, symmetry: Symmetry<S>, initialIndex: number, quotientActions: readonly number[]): number[] {
  const { codec } = model;
  const expected = new Int32Array(codec.width);
  const words = new Int32Array(codec.width);
  const snapshot = (state: S): S => {
    codec.encode(state, words, 0);
    return codec.decode(Int32Array.from(words), 0);
  };
  const initial = model.initialStates()[initialIndex];
  const start = symmetry.canonicalize(initial);
  let q = snapshot(start.state);
  let frame: ActorPermutation = invertPermutation(start.perm);
  let s = snapshot(initial);
  const result: number[] = [];
  const quotientList: A[] = [];
  const concreteList: A[] = [];
  quotientActions.forEach((index, k) => {
    quotientList.length = 0;
    model.actions(q, quotientList);
    const action = quotientList[index];
    if (action === undefined) throw new NondeterminismError(`mapping a counterexample back, step ${k + 1} needs action #${index} of the representative but only ${quotientList.length} are enabled`);
    const actor = frame[model.actorOf(q, action)];
    const t = snapshot(model.nextState(q, action));
    codec.encode(symmetry.permute(t, frame), expected, 0);
    const canonical = symmetry.canonicalize(t);
    concreteList.length = 0;
    model.actions(s, concreteList);
    const match = concreteList.findIndex((a) => {
      if (model.actorOf(s, a) !== actor) return false;
      codec.encode(model.nextState(s, a), words, 0);
      return words.every((w, i) => w === expected[i]);
    });
    if (match < 0) {
      throw new NondeterminismError(
        `mapping a counterexample back, step ${k + 1} has no action of ${model.actorNames[actor]} reaching the permuted successor: ` +
          'the model is not symmetric under the group its symmetry gave (see Symmetry)',
      );
    }
    result.push(match);
    s = snapshot(model.nextState(s, concreteList[match]));
    q = snapshot(canonical.state);
    frame = composePermutations(frame, invertPermutation(canonical.perm));
  });
  return result;
}
