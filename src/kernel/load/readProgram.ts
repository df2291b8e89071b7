import type { Op } from '../scenario.js';
import { isLockOp, opNames, type OpName } from './ops.js';
import type { Path } from './path.js';
import type { Problems } from './problems.js';
import { describeValue, isMapping, readInteger, readList, readString } from './readValues.js';
import { suggestion } from './suggest.js';

/** The operand fields, and which operations take them. */
const operandOf = (op: OpName): 'lock' | 'pages' | undefined => (isLockOp(op) ? 'lock' : op === 'alloc' ? 'pages' : undefined);

/**
 * One operation: `{ op: mutex_lock, lock: i_mutex }`, `{ op: alloc, pages: 1 }`,
 * `{ op: exit }`. Checks the op name and its operand (a non-empty lock
 * name, or pages ≥ 1); which locks exist is checked later, with the
 * whole scenario in view.
 * @returns the operation, or `undefined` after reporting what is wrong
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
  const operand = operandOf(op);
  let ok = true;
  for (const field of Object.keys(value)) {
    if (field === 'op' || field === operand) continue;
    ok = false;
    const takes = operand === undefined ? 'it takes no operand' : `it takes '${operand}'`;
    const message = field === 'lock' || field === 'pages' ? `field '${field}' does not apply to ${op} (${takes})` : `unknown field '${field}'${suggestion(field, operand ? ['op', operand] : ['op'])}`;
    problems.add([...path, field], message, 'key');
  }
  if (operand !== undefined && !Object.hasOwn(value, operand)) {
    problems.add(path, `missing required field '${operand}' (${op} takes ${operand === 'lock' ? 'a lock' : 'a number of pages'})`);
    return undefined;
  }
  if (operand === 'lock') {
    const lock = readString(value.lock, [...path, 'lock'], problems, true);
    return ok && lock !== undefined ? ({ op, lock } as Op) : undefined;
  }
  if (operand === 'pages') {
    const pages = readInteger(value.pages, [...path, 'pages'], problems, 1);
    return ok && pages !== undefined ? { op: 'alloc', pages } : undefined;
  }
  return ok ? { op: 'exit' } : undefined;
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
