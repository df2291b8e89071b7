import type { AtomSpec, Compare } from './atoms.js';

/*
 * A reach condition as parsed: atoms of the table in `atoms.ts`, joined
 * with `and`, `or`, `not` and parentheses. Names are kept as written
 * (checked against the scenario when its names were known); `compileCondition`
 * resolves them against a layout.
 */

/** A name as written in the condition, and where (1-based column). */
export interface NameRef {
  readonly name: string;
  readonly column: number;
}

/** Who a task atom is about: one task, or a quantifier over every task. */
export type Subject =
  | { readonly kind: 'task'; readonly task: NameRef }
  | { readonly kind: 'any' | 'every' | 'no' }
  /** `N tasks`: at least N of them. */
  | { readonly kind: 'atLeast'; readonly count: number };

/** The operands of an atom as written: one per slot of its sentence. */
export interface WrittenOperands {
  readonly subject?: Subject;
  readonly task?: NameRef;
  readonly process?: NameRef;
  readonly memcg?: NameRef;
  readonly lock?: NameRef;
  readonly compare?: Compare;
  readonly number?: number;
}

/** A parsed condition. */
export type Condition =
  | { readonly kind: 'atom'; readonly atom: AtomSpec; readonly operands: WrittenOperands }
  | { readonly kind: 'not'; readonly operand: Condition }
  | { readonly kind: 'and' | 'or'; readonly operands: readonly Condition[] };

/** The scenario's names a condition may use; a list left out is not judged (the loader leaves out lists it could not read). */
export interface ConditionNames {
  readonly tasks?: readonly string[];
  readonly processes?: readonly string[];
  readonly mutexes?: readonly string[];
  readonly memcgs?: readonly string[];
}

/** A mistake in a condition: what, and the 1-based column where it is. */
export interface ConditionProblem {
  readonly column: number;
  readonly message: string;
}

/** Either the condition or the first mistake in it. */
export type ParsedCondition = { readonly ok: true; readonly condition: Condition } | ({ readonly ok: false } & ConditionProblem);
