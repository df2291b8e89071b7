import { gfpText } from './gfp.js';
import type { AllocOp, Layout, ResolvedOp } from './layout.js';

/**
 * The GFP mask and context of an allocation as extra operands: none for
 * the defaults (GFP_KERNEL from a system call), the mask, or the mask and
 * the context: `GFP_NOFS|__GFP_NOFAIL`, `GFP_KERNEL, user-fault`.
 */
export function allocExtras(op: AllocOp): string[] {
  const gfp = gfpText(op.gfp);
  if (op.context !== 'syscall') return [gfp, op.context];
  return gfp === 'GFP_KERNEL' ? [] : [gfp];
}

/**
 * The operation at a task's pc, as written in `tasks[...].next`:
 * `mutex_lock(i_mutex)`, `alloc(1)`, `alloc(1, GFP_NOFS|__GFP_NOFAIL, put_user)`,
 * `exit()`, `wait_oom_event(A)`, `kill(victim)`, `set_limit(A, 16)`; `''`
 * past the end.
 */
export function opText(layout: Layout, op: ResolvedOp | undefined): string {
  if (op === undefined) return '';
  switch (op.op) {
    case 'alloc':
      return `alloc(${[String(op.pages), ...allocExtras(op)].join(', ')})`;
    case 'exit':
      return 'exit()';
    case 'wait_oom_event':
      return `wait_oom_event(${layout.memcgs[op.memcg].name})`;
    case 'kill':
      return `kill(${layout.processes[op.process].name})`;
    case 'set_limit':
      return `set_limit(${layout.memcgs[op.memcg].name}, ${op.pages})`;
    default:
      return `${op.op}(${layout.locks[op.lock].name})`;
  }
}
