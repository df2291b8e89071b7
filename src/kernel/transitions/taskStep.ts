import type { KernelState } from '../state.js';
import type { ResolvedOp } from '../layout.js';
import { isUserSpaceOp } from '../ops/index.js';
import { aboutToFault } from './allocEnd.js';
import { allocStep } from './allocator.js';
import { exitStep } from './exit.js';
import { lockStep } from './locking.js';
import { closingReapWindow } from './reapWindow.js';
import type { Context, Step } from './step.js';
import { userspaceStep, waitsForOomEvent } from './userspace.js';

/**
 * Whether task `t` is in user mode before `op`: about to run a user-space
 * operation, or to take (or, after pagefault_out_of_memory(), take again)
 * a user page fault. A task there with SIGKILL pending exits instead.
 */
export function inUserMode(s: KernelState, t: number, op: ResolvedOp): boolean {
  if (isUserSpaceOp(op)) return true;
  return op.op === 'alloc' && aboutToFault(s.tasks[t], op);
}

/**
 * The next step of task `t`, or none if it cannot move: exited, blocked on
 * a lock, or done with its program. A task that is (or returns) to user
 * space with SIGKILL pending exits there. Nothing moves after a panic.
 */
export function taskStep(ctx: Context, s: KernelState, t: number): Step | undefined {
  const step = nextStep(ctx, s, t);
  // Only a task the reaper freed memory for in its window pays for the wrapper.
  return step !== undefined && s.tasks[t].reapedSinceAttempt ? closingReapWindow(step, t) : step;
}

/** {@link taskStep} before the window bookkeeping. */
function nextStep(ctx: Context, s: KernelState, t: number): Step | undefined {
  const task = s.tasks[t];
  if (s.panicked || task.exited) return undefined;
  const program = ctx.layout.tasks[t].program;
  if (task.pc >= program.length) return task.fatalSignal ? exitStep(ctx, s, t, 'sigkill-on-return') : undefined;
  const op = program[task.pc];
  if (task.fatalSignal && inUserMode(s, t, op)) return exitStep(ctx, s, t, 'sigkill-in-user-space');
  if (isUserSpaceOp(op)) return userspaceStep(ctx, s, t, op);
  switch (op.op) {
    case 'alloc':
      return allocStep(ctx, s, t, op);
    case 'exit':
    case 'exit_mm':
      return exitStep(ctx, s, t, 'do_exit');
    default:
      return lockStep(ctx, s, t, op.op, op.lock);
  }
}

/**
 * Whether task `t` is finished: exited, done with its program and not
 * killed, or idle in user space waiting for an OOM event that has not come.
 */
export function taskFinished(ctx: Pick<Context, 'layout' | 'knobs'>, s: KernelState, t: number): boolean {
  const task = s.tasks[t];
  if (task.exited) return true;
  if (task.fatalSignal) return false;
  return task.pc >= ctx.layout.tasks[t].program.length || waitsForOomEvent(ctx, s, t);
}
