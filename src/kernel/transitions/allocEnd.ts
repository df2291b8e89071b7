import type { AllocOp } from '../layout.js';
import { AllocStage, type KernelState } from '../state.js';
import type { Context } from './step.js';

/**
 * What the caller sees when allocation `op` fails: a system call or a
 * kernel fault (get_user_pages()) -ENOMEM, put_user() -EFAULT (seed 000),
 * a user fault VM_FAULT_OOM.
 */
export function errnoText(op: AllocOp): string {
  switch (op.context) {
    case 'put_user':
      return 'put_user() returns -EFAULT';
    case 'user-fault':
      return 'VM_FAULT_OOM';
    case 'kernel-fault':
      return 'the kernel fault returns -ENOMEM';
    default:
      return 'the system call returns -ENOMEM';
  }
}

/** Ends task `t`'s allocation (on a draft): out of the slow path, uncharged state reset, a user fault's mmap_sem released, next operation. */
export function completeAlloc(ctx: Context, d: KernelState, t: number): void {
  const task = d.tasks[t];
  task.alloc = AllocStage.None;
  task.charged = false;
  task.pc++;
  if (task.inFault) {
    d.locks[ctx.layout.processes[ctx.layout.tasks[t].process].mmapSem].readers &= ~(1 << t);
    task.inFault = false;
  }
}

/**
 * Fails task `t`'s allocation `op` (on a draft). A system call, kernel
 * fault or put_user() goes on with its error path (the next operations);
 * `spurious` marks a failure that only a memcg OOM caused
 * (`no-spurious-enomem`). A user fault cannot fail: VM_FAULT_OOM unwinds
 * it, dropping its mmap_sem, and the task faults again on its return to
 * user space (or exits there, if SIGKILL is pending).
 */
export function failAlloc(ctx: Context, d: KernelState, t: number, op: AllocOp, spurious: boolean): void {
  if (op.context !== 'user-fault') {
    completeAlloc(ctx, d, t);
    if (spurious) d.spuriousError = true;
    return;
  }
  const task = d.tasks[t];
  if (task.inFault) d.locks[ctx.layout.processes[ctx.layout.tasks[t].process].mmapSem].readers &= ~(1 << t);
  task.inFault = false;
  task.charged = false;
  task.alloc = AllocStage.ChargeRetry;
}
