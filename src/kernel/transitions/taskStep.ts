import type { KernelState } from '../state.js';
import { allocStep } from './allocator.js';
import { exitStep } from './exit.js';
import { lockStep } from './locking.js';
import type { Context, Step } from './step.js';

/**
 * The next step of task `t`, or none if it cannot move: exited, blocked on
 * a lock, or done with its program (a task that returns to user space with
 * SIGKILL pending exits there). Nothing moves after a panic.
 */
export function taskStep(ctx: Context, s: KernelState, t: number): Step | undefined {
  const task = s.tasks[t];
  if (s.panicked || task.exited) return undefined;
  const program = ctx.layout.tasks[t].program;
  if (task.pc >= program.length) return task.fatalSignal ? exitStep(ctx, s, t, 'returns to user space with SIGKILL pending: do_exit()') : undefined;
  const op = program[task.pc];
  switch (op.op) {
    case 'alloc':
      return allocStep(ctx, s, t, op.pages);
    case 'exit':
      return exitStep(ctx, s, t, 'do_exit()');
    default:
      return lockStep(ctx, s, t, op.op, op.lock);
  }
}

/** Whether task `t` is finished: exited, or done with its program and not killed. */
export function taskFinished(ctx: Context, s: KernelState, t: number): boolean {
  const task = s.tasks[t];
  return task.exited || (task.pc >= ctx.layout.tasks[t].program.length && !task.fatalSignal);
}
