import { parseGfp } from '../gfp.js';
import type { Op } from '../scenario.js';
import { allocContexts, describeOperands, minPages, opOperands, operandMeaning, operandNames, type OperandName, type OperandSpec } from './opOperands.js';
import { opNames, type OpName } from './ops.js';
import type { Path } from './path.js';
import type { Problems } from './problems.js';
import { describeValue, isMapping, readChoice, readList, readPages, readString } from './readValues.js';
import { suggestion } from './suggest.js';

/**
 * One operation: `{ op: mutex_lock, lock: i_mutex }`, `{ op: alloc, pages: 1,
 * gfp: GFP_NOFS, context: syscall }`, `{ op: exit }`, `{ op: set_limit,
 * memcg: grp, pages: 8 }`… Checks the op name and its operands (see
 * {@link opOperands}): each required one present, none that does not
 * apply, and each value on its own (a non-empty name, pages ≥ 1 for
 * `alloc` and ≥ 0 for `set_limit`, a GFP mask `parseGfp` accepts, a known
 * context). Which locks, memcgs and processes exist is checked later,
 * with the whole scenario in view.
 * @returns the operation with the fields given, or `undefined` after reporting what is wrong
 */
export function readOp(value: unknown, path: Path, problems: Problems): Op | undefined {
  if (!isMapping(value)) {
    problems.add(path, `expected an operation such as { op: alloc, pages: 1 }, got ${describeValue(value)}`);
    return undefined;
  }
  if (!Object.hasOwn(value, 'op')) {
    problems.add(path, `missing required field 'op'`);
    return undefined;
  }
  const name = value.op;
  if (typeof name !== 'string' || !(opNames as readonly string[]).includes(name)) {
    const tail = typeof name === 'string' ? suggestion(name, opNames) : `; expected one of ${opNames.join(', ')}`;
    problems.add([...path, 'op'], `unknown op ${typeof name === 'string' ? `'${name}'` : describeValue(name)}${tail}`);
    return undefined;
  }
  const op = name as OpName;
  const { required, optional } = opOperands[op] as OperandSpec;
  const takes: readonly string[] = [...required, ...optional];
  const before = problems.count;
  for (const field of Object.keys(value)) {
    if (field === 'op' || takes.includes(field)) continue;
    const message = (operandNames as readonly string[]).includes(field)
      ? `field '${field}' does not apply to ${op} (it takes ${describeOperands(op)})`
      : `unknown field '${field}'${suggestion(field, ['op', ...takes])}`;
    problems.add([...path, field], message, 'key');
  }
  for (const field of required) {
    if (!Object.hasOwn(value, field)) problems.add(path, `missing required field '${field}' (${op} takes ${operandMeaning[field]})`);
  }
  const result: Record<string, unknown> = { op };
  for (const field of takes as readonly OperandName[]) {
    if (!Object.hasOwn(value, field)) continue;
    const operand = readOperand(op, field, value[field], [...path, field], problems);
    if (operand !== undefined) result[field] = operand;
  }
  // A user page fault allocates with GFP_HIGHUSER_MOVABLE: __GFP_FS is always set.
  if (result.context === 'user-fault' && typeof result.gfp === 'string') {
    const gfp = parseGfp(result.gfp);
    if (!('error' in gfp) && !gfp.fs) problems.add([...path, 'gfp'], `a user page fault allocates with __GFP_FS set (GFP_HIGHUSER_MOVABLE); '${result.gfp}' cannot happen there`);
  }
  return problems.count > before ? undefined : (result as Op);
}

/** The value of operand `field` of `op`, or `undefined` after reporting why it is wrong. */
function readOperand(op: OpName, field: OperandName, value: unknown, path: Path, problems: Problems): unknown {
  switch (field) {
    case 'lock':
    case 'memcg':
    case 'process':
      return readString(value, path, problems, true);
    case 'pages':
      return readPages(value, path, problems, minPages[op] ?? 0);
    case 'context':
      return readChoice(value, path, problems, allocContexts);
    case 'gfp': {
      const text = readString(value, path, problems);
      if (text === undefined) return undefined;
      const gfp = parseGfp(text);
      if ('error' in gfp) {
        problems.add(path, gfp.error);
        return undefined;
      }
      return text;
    }
  }
}

/**
 * A thread's program: a list of operations.
 * @returns every operation, or `undefined` if any is wrong (each reported)
 */
export function readProgram(value: unknown, path: Path, problems: Problems): readonly Op[] | undefined {
  const items = readList(value, path, problems, 'operations');
  if (!items) return undefined;
  const ops = items.map((item, i) => readOp(item, [...path, i], problems));
  return ops.every((op) => op !== undefined) ? (ops as Op[]) : undefined;
}
