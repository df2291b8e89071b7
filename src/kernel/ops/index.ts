/**
 * The operations of a task's program, each declared once (name,
 * operands, user-space flag, lock effect, trace text) in its own file —
 * the lock operations together in `lockOps.ts`. Everything else that
 * lists operations derives from {@link opSpecs}: the `Op` and
 * `ResolvedOp` types, the loader's op names and operand checks
 * (`load/ops.ts`, `load/opOperands.ts`), the JSON Schema
 * (`load/opSchema.ts`), the layout's resolution, the trace text
 * (`opText.ts`), the canonical form of exported traces, and the
 * user-space test {@link isUserSpaceOp}.
 *
 * Adding an operation: its declaration file, one line in
 * {@link opSpecs}, and the transition that gives it meaning (dispatched
 * from `transitions/taskStep.ts`; user-space ones in
 * `transitions/userspace.ts`).
 *
 * May import: the kernel's scenario types, `gfp.ts`, `layout.ts` (types).
 */
import { allocSpec } from './alloc.js';
import { exitSpec } from './exit.js';
import { exitMmSpec } from './exitMm.js';
import { killSpec } from './kill.js';
import { downReadSpec, downWriteSpec, mutexLockSpec, mutexUnlockSpec, upReadSpec, upWriteSpec } from './lockOps.js';
import type { OperandName } from './operand.js';
import type { OpSpec, ResolvedOpOf, ScenarioOpOf } from './opSpec.js';
import { setLimitSpec } from './setLimit.js';
import { waitOomEventSpec } from './waitOomEvent.js';

export { allocExtras } from './alloc.js';
export { operandNames, type OperandName, type OperandTypes, type ResolvedOperandTypes } from './operand.js';
export { defineOp, type LockEffect, type OpSpec, type ResolvedOpOf, type ScenarioOpOf } from './opSpec.js';

/** Every operation, in the order the docs, the schema and the loader's messages list them. */
export const opSpecs = [
  mutexLockSpec,
  mutexUnlockSpec,
  downReadSpec,
  upReadSpec,
  downWriteSpec,
  upWriteSpec,
  allocSpec,
  exitSpec,
  waitOomEventSpec,
  killSpec,
  setLimitSpec,
  exitMmSpec,
] as const satisfies readonly OpSpec[];

/** The declaration of some operation. */
export type AnyOpSpec = (typeof opSpecs)[number];

/** The name of an operation (`op:` in a program). */
export type OpName = AnyOpSpec['name'];

type ScenarioOpOfSpec<S> = S extends OpSpec<infer N, infer R, infer O> ? ScenarioOpOf<N, R, O> : never;
type ResolvedOpOfSpec<S> = S extends OpSpec<infer N, infer R, infer O> ? ResolvedOpOf<N, R, O> : never;

/**
 * One operation of a task's program, as a scenario writes it (derived
 * from {@link opSpecs}): `{ op: 'mutex_lock', lock: 'i_mutex' }`,
 * `{ op: 'alloc', pages: 1, gfp?: 'GFP_NOFS', context?: 'put_user' }`,
 * `{ op: 'exit' }`, `{ op: 'set_limit', memcg: 'A', pages: 8 }`…
 */
export type Op = ScenarioOpOfSpec<AnyOpSpec>;

/** An operation with its operands resolved: locks, memcgs and processes to indices, the GFP mask parsed, defaults filled in. */
export type ResolvedOp = ResolvedOpOfSpec<AnyOpSpec>;

/** The name of an operation that runs in user space. */
export type UserSpaceOpName = Extract<AnyOpSpec, { readonly userSpace: true }>['name'];

// Fails to compile if the derivation loses an operation: every declared name is an `Op` and a `ResolvedOp`, and back.
type SameNames<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const declarationsCoverOps: SameNames<Op['op'], OpName> & SameNames<ResolvedOp['op'], OpName> = true;
void declarationsCoverOps;

const byName: ReadonlyMap<string, AnyOpSpec> = new Map(opSpecs.map((s) => [s.name, s]));

/** The declaration of operation `name`. */
export function opSpecNamed(name: OpName): OpSpec {
  return byName.get(name)!;
}

/** The operands `name` takes, required then optional (each group in the order of `operandNames`). */
export function operandsOf(name: OpName): readonly OperandName[] {
  const { required, optional } = opSpecNamed(name).operands;
  return [...required, ...optional];
}

/** Every operation that runs in user space (see {@link OpSpec.userSpace}), in declaration order. */
export const userSpaceOps: readonly UserSpaceOpName[] = opSpecs.filter((s) => s.userSpace).map((s) => s.name as UserSpaceOpName);

/**
 * Whether an operation runs in user space (see {@link OpSpec.userSpace}):
 * asked with its name, or with the operation itself (a scenario's or a
 * resolved one), which it then narrows.
 */
export function isUserSpaceOp(name: OpName): name is UserSpaceOpName;
export function isUserSpaceOp<T extends { readonly op: OpName }>(op: T): op is Extract<T, { readonly op: UserSpaceOpName }>;
export function isUserSpaceOp(nameOrOp: OpName | { readonly op: OpName }): boolean {
  return opSpecNamed(typeof nameOrOp === 'string' ? nameOrOp : nameOrOp.op).userSpace;
}
