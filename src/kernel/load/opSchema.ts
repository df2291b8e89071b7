import { gfpBases, gfpModifiers } from '../gfp.js';
import { allocContexts, minPages, opOperands, operandNames, type OperandName, type OperandSpec } from './opOperands.js';
import { opDescriptions, opNames, type OpName } from './ops.js';
import { maxPages } from './readValues.js';
import { alternatives } from './regexText.js';
import type { JsonSchema } from './scenarioSchema.js';

/**
 * GFP masks as `parseGfp` reads them: a base, then `| modifier`s, blanks
 * allowed around each. Unknown, repeated and contradictory flags beyond
 * the spelling are the loader's to report.
 */
export const gfpPattern = `^\\s*(${alternatives(gfpBases)})\\s*(\\|\\s*(${alternatives(Object.keys(gfpModifiers))})\\s*)*$`;

/** The operations grouped by their operands, in the order of {@link opNames}: the lock ops share one condition. */
function groupsByOperands(): { ops: OpName[]; spec: OperandSpec }[] {
  const groups = new Map<string, { ops: OpName[]; spec: OperandSpec }>();
  for (const op of opNames) {
    const spec: OperandSpec = opOperands[op];
    const key = JSON.stringify(spec);
    const group = groups.get(key) ?? { ops: [], spec };
    group.ops.push(op);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The operations that take operand `name`, in the order of {@link opNames}. */
function takers(name: OperandName): OpName[] {
  return opNames.filter((op) => [...opOperands[op].required, ...opOperands[op].optional].includes(name));
}

/** `a`, `a and b`, `a, b and c`. */
function andList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The schema of one operation, built from {@link opOperands} so that it
 * cannot drift from the loader: every operand is a property, and a
 * condition per operation (per group of operations with the same
 * operands) requires its required operands and forbids the others.
 */
export function opSchema(): JsonSchema {
  const whenOp = (ops: readonly string[]): JsonSchema => ({ properties: { op: { enum: ops } }, required: ['op'] });
  const nonBlank = (description: string): JsonSchema => ({ type: 'string', pattern: '\\S', description });
  const conditions = groupsByOperands().map(({ ops, spec }) => {
    const takes: readonly string[] = [...spec.required, ...spec.optional];
    const least = ops.length === 1 && Object.hasOwn(minPages, ops[0]) ? minPages[ops[0] as keyof typeof minPages] : undefined;
    const properties = Object.fromEntries(
      operandNames.map((name) => [name, !takes.includes(name) ? false : name === 'pages' && least !== undefined && least > 0 ? { type: 'integer', minimum: least, maximum: maxPages } : true]),
    );
    return { if: whenOp(ops), then: spec.required.length === 0 ? { properties } : { properties, required: [...spec.required] } };
  });
  return {
    type: 'object',
    description: 'One operation of a thread: { op: mutex_lock, lock: i_mutex }, { op: alloc, pages: 1 }, { op: exit }, { op: kill, process: victim }',
    properties: {
      op: { enum: opNames, description: opNames.map((op) => `${op}: ${opDescriptions[op]}`).join('\n') },
      lock: { $ref: '#/$defs/lockRef', description: `The lock operand of ${takers('lock').join(', ')}` },
      pages: { type: 'integer', minimum: 0, maximum: maxPages, description: "Pages to allocate (alloc: at least 1), or the memcg's new limit (set_limit: at least its declared limit)" },
      gfp: {
        type: 'string',
        pattern: gfpPattern,
        default: 'GFP_KERNEL',
        description: `The GFP mask of alloc: ${gfpBases.join(' or ')}, then '| modifier's (${Object.keys(gfpModifiers).join(', ')}); e.g. GFP_NOFS | __GFP_NOFAIL`,
      },
      context: {
        enum: allocContexts,
        default: 'syscall',
        description:
          'Where alloc happens: syscall (-ENOMEM), user-fault (a page fault from user space; no lock may be held), kernel-fault (get_user_pages(): -ENOMEM), ' +
          'put_user (a uaccess fault: the system call sees -EFAULT)',
      },
      memcg: nonBlank(`The memcg of ${andList(takers('memcg'))}, declared in memcgs`),
      process: nonBlank('The process kill sends SIGKILL to'),
    },
    required: ['op'],
    additionalProperties: false,
    allOf: conditions,
  };
}
