import { isUserSpaceOp, opSpecs, userSpaceOps, type LockEffect as DeclaredLockEffect, type Op, type OpName } from '../ops/index.js';

/*
 * The loader's view of the operations, derived from their declarations
 * in `ops/`: nothing here names an operation.
 */

export { isUserSpaceOp, userSpaceOps, type OpName };

/** An operation that takes a lock operand. */
export type LockOpName = Extract<Op, { readonly lock: string }>['op'];

/** Every operation name, in the order the docs and schema list them. */
export const opNames: readonly OpName[] = opSpecs.map((s) => s.name);

/** What a lock operation does: the kind of lock it needs, whether it takes or releases it, and in which mode. */
export interface LockEffect extends DeclaredLockEffect {
  /** The operation that undoes this one (`mutex_unlock` for `mutex_lock`). */
  readonly pair: LockOpName;
}

/** The effect of each lock operation (those declared with a `lock` effect). A mutex is always held in `write` mode. */
export const lockEffects = Object.fromEntries(opSpecs.flatMap((s) => ('lock' in s ? [[s.name, s.lock]] : []))) as Readonly<Record<LockOpName, LockEffect>>;

/** Whether `name` is an operation that takes a lock operand. */
export function isLockOp(name: OpName): name is LockOpName {
  return Object.hasOwn(lockEffects, name);
}

/** What each operation does, in one line (after `op:`), for the JSON Schema and docs. */
export const opDescriptions = Object.fromEntries(opSpecs.map((s) => [s.name, s.description])) as Readonly<Record<OpName, string>>;
