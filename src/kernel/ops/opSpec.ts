import type { Layout } from '../layout.js';
import type { OperandName, OperandTypes, ResolvedOperandTypes } from './operand.js';

/** What a lock operation does: the kind of lock it needs, whether it takes or releases it, and in which mode. */
export interface LockEffect {
  readonly kind: 'mutex' | 'rwsem';
  readonly action: 'acquire' | 'release';
  readonly mode: 'read' | 'write';
  /** The operation that undoes this one (`mutex_unlock` for `mutex_lock`). */
  readonly pair: string;
}

/** `T` with its intersections flattened, for readable hovers and narrowing. */
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The operation `N` as a scenario writes it: `required` operands `R`, optional ones `O`. */
export type ScenarioOpOf<N extends string, R extends OperandName, O extends OperandName> = Simplify<
  { readonly op: N } & { readonly [K in R]: OperandTypes[K] } & { readonly [K in O]?: OperandTypes[K] }
>;

/** The operation `N` as the layout resolves it: every operand present (defaults filled in), names as indices. */
export type ResolvedOpOf<N extends string, R extends OperandName, O extends OperandName> = Simplify<{ readonly op: N } & { readonly [K in R | O]: ResolvedOperandTypes[K] }>;

/**
 * The declaration of one operation of a task's program: everything but
 * what it does to the state, which its transition in `transitions/`
 * says. The `Op` and `ResolvedOp` types, the loader's operand checks,
 * the JSON Schema, the trace text and the canonical form are derived
 * from it (see `ops/index.ts`).
 *
 * `N` is the name, `R` and `O` the required and optional operands, `U`
 * whether it runs in user space.
 */
export interface OpSpec<N extends string = string, R extends OperandName = OperandName, O extends OperandName = OperandName, U extends boolean = boolean> {
  /** The name a program writes after `op:`, e.g. `mutex_lock`. */
  readonly name: N;
  /** What it does, in one line (after `op:`), for the JSON Schema and docs. */
  readonly description: string;
  /** Its operands, each in the order of `operandNames`. */
  readonly operands: { readonly required: readonly R[]; readonly optional: readonly O[] };
  /**
   * Whether the task runs it in user space (a system call made from
   * there): it can hold no kernel lock, and with SIGKILL pending it exits
   * instead.
   */
  readonly userSpace: U;
  /** For a lock operation, what it does to its `lock` operand. */
  readonly lock?: LockEffect;
  /** For an operation with `pages`, the least value the loader accepts (default 0). */
  readonly pagesAtLeast?: number;
  /**
   * Its text in traces (`tasks[...].next`), when the default — the name,
   * then each operand's text in parentheses: `kill(victim)` — does not fit.
   */
  text?(layout: Layout, op: ResolvedOpOf<N, R, O>): string;
}

/**
 * Declares an operation, keeping its literal name, operands and
 * user-space flag so that `Op` and `ResolvedOp` can be derived from the
 * declarations.
 */
export function defineOp<const N extends string, const R extends OperandName = never, const O extends OperandName = never, const U extends boolean = boolean>(
  spec: OpSpec<N, R, O, U>,
): OpSpec<N, R, O, U> {
  return spec;
}
