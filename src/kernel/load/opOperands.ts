import type { AllocContext, Op } from '../scenario.js';
import type { OpName } from './ops.js';

/** A field of an operation other than `op`. */
export type OperandName = 'lock' | 'pages' | 'gfp' | 'context' | 'memcg' | 'process';

/** The operands an operation requires and those it may have. */
export interface OperandSpec {
  readonly required: readonly OperandName[];
  readonly optional: readonly OperandName[];
}

const lockOperand = { required: ['lock'], optional: [] } as const;

/** The operands of each operation; `readOp` and the JSON Schema are both built from this table. */
export const opOperands = {
  mutex_lock: lockOperand,
  mutex_unlock: lockOperand,
  down_read: lockOperand,
  up_read: lockOperand,
  down_write: lockOperand,
  up_write: lockOperand,
  alloc: { required: ['pages'], optional: ['gfp', 'context'] },
  exit: { required: [], optional: [] },
  wait_oom_event: { required: ['memcg'], optional: [] },
  kill: { required: ['process'], optional: [] },
  set_limit: { required: ['memcg', 'pages'], optional: [] },
} as const satisfies Readonly<Record<OpName, OperandSpec>>;

// Fails to compile if the table and the `Op` type of scenario.ts disagree on which fields an operation has.
type FieldsOf<K extends OpName> = Exclude<keyof Extract<Op, { readonly op: K }>, 'op'>;
type Listed<K extends OpName> = (typeof opOperands)[K]['required' | 'optional'][number];
type Mismatched = { [K in OpName]: [FieldsOf<K>] extends [Listed<K>] ? ([Listed<K>] extends [FieldsOf<K>] ? never : K) : K }[OpName];
const tableMatchesOp: [Mismatched] extends [never] ? true : never = true;
void tableMatchesOp;

/** Every operand name, in the order the schema lists them. */
export const operandNames = ['lock', 'pages', 'gfp', 'context', 'memcg', 'process'] as const satisfies readonly OperandName[];

/** What an operand holds, for "missing required field 'lock' (mutex_lock takes a lock)". */
export const operandMeaning: Readonly<Record<OperandName, string>> = {
  lock: 'a lock',
  pages: 'a number of pages',
  gfp: 'a GFP mask',
  context: 'an allocation context',
  memcg: 'a memcg name',
  process: 'a process name',
};

/**
 * The least `pages` of each operation that takes it: an allocation takes
 * at least one page; a memcg limit of 0 pages is a valid limit.
 */
export const minPages: Readonly<Record<'alloc' | 'set_limit', number>> = { alloc: 1, set_limit: 0 };

/** Every {@link AllocContext}, in the order of its documentation. */
export const allocContexts = ['syscall', 'user-fault', 'kernel-fault', 'put_user'] as const satisfies readonly AllocContext[];

// Fails to compile if scenario.ts gains a context that is missing above.
const everyContextListed: [Exclude<AllocContext, (typeof allocContexts)[number]>] extends [never] ? true : never = true;
void everyContextListed;

/** `'pages'`, `'memcg' and 'pages'`, `'pages'; optionally 'gfp' and 'context'`: the operands `op` takes, for messages. */
export function describeOperands(op: OpName): string {
  const { required, optional } = opOperands[op] as OperandSpec;
  if (required.length === 0 && optional.length === 0) return 'no operand';
  const list = (names: readonly string[]): string => {
    const quoted = names.map((n) => `'${n}'`);
    return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
  };
  return optional.length === 0 ? list(required) : `${list(required)}; optionally ${list(optional)}`;
}
