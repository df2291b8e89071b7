import { gfpText } from './gfp.js';
import type { Layout } from './layout.js';
import { operandsOf, opSpecNamed, type OperandName, type ResolvedOp, type ResolvedOperandTypes } from './ops/index.js';

export { allocExtras } from './ops/index.js';

/** A resolved operand as a trace writes it: a lock, memcg or process by name, pages as a number. */
function operandText(layout: Layout, name: OperandName, value: unknown): string {
  switch (name) {
    case 'lock':
      return layout.locks[value as number].name;
    case 'memcg':
      return layout.memcgs[value as number].name;
    case 'process':
      return layout.processes[value as number].name;
    case 'gfp':
      return gfpText(value as ResolvedOperandTypes['gfp']);
    case 'pages':
    case 'context':
      return String(value);
  }
}

/**
 * The operation at a task's pc, as written in `tasks[...].next`:
 * `mutex_lock(i_mutex)`, `alloc(1)`, `alloc(1, GFP_NOFS|__GFP_NOFAIL, put_user)`,
 * `exit()`, `wait_oom_event(A)`, `kill(victim)`, `set_limit(A, 16)`; `''`
 * past the end. An operation's declaration may write its own text
 * (`alloc` leaves its default operands out); the default is the name and
 * each operand's text.
 */
export function opText(layout: Layout, op: ResolvedOp | undefined): string {
  if (op === undefined) return '';
  const spec = opSpecNamed(op.op);
  if (spec.text) return spec.text(layout, op as never);
  const operands: Readonly<Record<string, unknown>> = op;
  return `${op.op}(${operandsOf(op.op)
    .map((name) => operandText(layout, name, operands[name]))
    .join(', ')})`;
}
