import type { KernelModel, KernelState } from '../kernel/index.js';
import { diffPlainStates, diffStates, formatSide } from './stateDiff.js';

/** Where a recorded trace stops matching the model: what the trace records, and what the model does instead. */
export interface Divergence {
  /**
   * 0: before any step (the design, the actors, the initial state);
   * k ≥ 1: the step from `states[k - 1]` to `states[k]`.
   */
  readonly step: number;
  /** What the trace records, e.g. `tasks.T2.memdie = true`. */
  readonly expected: string;
  /** What replaying finds, e.g. `tasks.T2.memdie = false`. */
  readonly found: string;
  /** One line: which step, which fields, and how they read (`tasks.T2 is "done [TIF_MEMDIE]" in the trace, "done" on replay`). */
  readonly description: string;
}

/**
 * The divergence at `step` between the recorded state `expected` and the
 * replayed `found`, `undefined` if they are equal; `what` starts the
 * description. Fields are named (`tasks.T2.memdie`); the readable form
 * (`plainState`) of the lines that differ is added when it shows them.
 */
export function stateDivergence(model: KernelModel, step: number, expected: KernelState, found: KernelState, what: string): Divergence | undefined {
  const fields = diffStates(model.layout, expected, found);
  if (fields.length === 0) return undefined;
  const plain = diffPlainStates(model.layout, expected, found);
  const readable = plain.map((d) => `${d.field} is ${JSON.stringify(d.a ?? null)} in the trace, ${JSON.stringify(d.b ?? null)} on replay`);
  return {
    step,
    expected: formatSide(fields, 'a'),
    found: formatSide(fields, 'b'),
    description: `${what}: ${fields.map((f) => f.field).join(', ')} ${fields.length === 1 ? 'differs' : 'differ'}${readable.length > 0 ? ` (${readable.join('; ')})` : ''}`,
  };
}
