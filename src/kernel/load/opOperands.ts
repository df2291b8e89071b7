import { operandNames, operandsOf, opSpecs, type OperandName, type OpName } from '../ops/index.js';
import type { AllocContext } from '../scenario.js';

export { operandNames, type OperandName };

/** The operands an operation requires and those it may have. */
export interface OperandSpec {
  readonly required: readonly OperandName[];
  readonly optional: readonly OperandName[];
}

/** The operands of each operation, from its declaration; `readOp` and the JSON Schema are both built from this table. */
export const opOperands = Object.fromEntries(opSpecs.map((s) => [s.name, s.operands])) as Readonly<Record<OpName, OperandSpec>>;

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
 * The least `pages` of each operation that takes it (its declaration's
 * `pagesAtLeast`, default 0): an allocation takes at least one page; a
 * memcg limit of 0 pages is a valid limit.
 */
export const minPages: Readonly<Partial<Record<OpName, number>>> = Object.fromEntries(opSpecs.filter((s) => operandsOf(s.name).includes('pages')).map((s) => [s.name, s.pagesAtLeast ?? 0]));

/** Every {@link AllocContext}, in the order of its documentation. */
export const allocContexts = ['syscall', 'user-fault', 'kernel-fault', 'put_user'] as const satisfies readonly AllocContext[];

// Fails to compile if scenario.ts gains a context that is missing above.
const everyContextListed: [Exclude<AllocContext, (typeof allocContexts)[number]>] extends [never] ? true : never = true;
void everyContextListed;

/** `'pages'`, `'memcg' and 'pages'`, `'pages'; optionally 'gfp' and 'context'`: the operands `op` takes, for messages. */
export function describeOperands(op: OpName): string {
  const { required, optional } = opOperands[op];
  if (required.length === 0 && optional.length === 0) return 'no operand';
  const list = (names: readonly string[]): string => {
    const quoted = names.map((n) => `'${n}'`);
    return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
  };
  return optional.length === 0 ? list(required) : `${list(required)}; optionally ${list(optional)}`;
}
