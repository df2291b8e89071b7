import type { AllocOp } from '../layout.js';
import { AllocStage, type KernelState, type TaskState } from '../state.js';
import type { Context } from './step.js';
import { event, type AllocError, type AllocFailure, type StepEventOf } from './stepEvent.js';

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

/** What the caller of allocation `op` sees when it fails, as a value (see {@link errnoText}). */
export function allocError(op: AllocOp): AllocError {
  return op.context === 'put_user' ? '-EFAULT' : op.context === 'user-fault' ? 'VM_FAULT_OOM' : '-ENOMEM';
}

/**
 * The event of allocation `op` of `task` failing for `reason`:
 * `${why}: ${errnoText(op)}`. A dying task (SIGKILL pending, or already
 * in do_exit()) never shows the error to user space: it is on its way to
 * exit, and the text says so.
 */
export function allocFailed(reason: AllocFailure, why: string, op: AllocOp, task: Pick<TaskState, 'fatalSignal' | 'exiting'>): StepEventOf<'alloc-failed'> {
  const error = allocError(op);
  const dying = task.exiting ? `${error} in do_exit()` : task.fatalSignal ? `${error}, on the way to exit` : undefined;
  return event('alloc-failed', `${why}: ${dying ?? errnoText(op)}`, { reason, error });
}

/**
 * Whether task `t`, in user mode, is about to take the user fault of `op`
 * (first, or again after pagefault_out_of_memory()): it must take its
 * mmap_sem for read, or exit there if SIGKILL is pending.
 */
export function aboutToFault(task: TaskState, op: AllocOp): boolean {
  return op.context === 'user-fault' && !task.inFault && (task.alloc === AllocStage.None || task.alloc === AllocStage.ChargeRetry);
}

/** Ends task `t`'s user fault, if it is in one (on a draft): up_read() of its own mmap_sem. */
export function leaveFault(ctx: Context, d: KernelState, t: number): void {
  if (!d.tasks[t].inFault) return;
  d.locks[ctx.layout.processes[ctx.layout.tasks[t].process].mmapSem].readers &= ~(1 << t);
  d.tasks[t].inFault = false;
}

/** Ends task `t`'s allocation (on a draft): out of the slow path, uncharged state reset, a user fault's mmap_sem released, next operation. */
export function completeAlloc(ctx: Context, d: KernelState, t: number): void {
  const task = d.tasks[t];
  task.alloc = AllocStage.None;
  task.charged = false;
  task.pc++;
  leaveFault(ctx, d, t);
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
  leaveFault(ctx, d, t);
  d.tasks[t].charged = false;
  d.tasks[t].alloc = AllocStage.ChargeRetry;
}
