import type { Knobs } from './design/knobs/index.js';
import type { Layout } from './layout.js';
import { AllocStage, type KernelState } from './state.js';
import { exitMmBlocks, pastExitMm } from './transitions/exit.js';
import { lockOpBlocks } from './transitions/locking.js';
import { inUserMode } from './transitions/taskStep.js';

/*
 * Where a task is, as the transitions see it — asked by whoever explains
 * a state (the trace formats), so that the rules live once.
 */

/**
 * A task asleep on a lock: in a user fault's down_read() of its own
 * mmap_sem, in exit_mm()'s down_read() of it (`exitTakesMmapSem`), or in a
 * lock operation of its program.
 */
export type LockWait =
  | { readonly where: 'page-fault'; readonly lock: number }
  | { readonly where: 'exit_mm'; readonly lock: number }
  | { readonly where: 'lock-op'; readonly op: 'mutex_lock' | 'down_read' | 'down_write'; readonly lock: number };

/**
 * Whether task `t` is in user mode in `s`: live, before a user-space
 * operation or before a user fault's (or a retried fault's)
 * down_read(&mm->mmap_sem). A task there with SIGKILL pending exits
 * instead of going on.
 */
export function taskInUserMode(layout: Layout, s: KernelState, t: number): boolean {
  const task = s.tasks[t];
  const op = layout.tasks[t].program[task.pc];
  return op !== undefined && !task.exited && inUserMode(s, t, op);
}

/**
 * The lock task `t` sleeps on in `s`, if any: its user fault's mmap_sem
 * held for write (unless SIGKILL makes it exit first); its own mmap_sem
 * held for write when it is about to exit and exit_mm() takes it
 * (`exitTakesMmapSem`); or the lock of its next lock operation, held in a
 * conflicting mode. Undefined when it is not blocked on a lock (it may
 * still be unable to move, e.g. a loser of the oom_lock trylock).
 *
 * The exit_mm() case looks one step ahead: a task about to exit that has
 * not yet set PF_EXITING can still take that step, and only then sleeps
 * (see `exitStep`); it is reported as waiting already, because that is
 * where it will be stuck.
 */
export function blockedOn(layout: Layout, knobs: Knobs, s: KernelState, t: number): LockWait | undefined {
  const task = s.tasks[t];
  if (task.exited) return undefined;
  const info = layout.tasks[t];
  const op = info.program[task.pc];
  const sem = layout.processes[info.process].mmapSem;
  const inExitMm = () => (exitMmBlocks({ layout, knobs }, s, t) ? ({ where: 'exit_mm', lock: sem } as const) : undefined);
  // Past PF_EXITING (do_exit() under way, wherever the program was) the only wait left is exit_mm()'s —
  // until exit_mm() is done: then the program's lock operations may wait.
  if (task.exiting && !pastExitMm(layout, s, t)) return inExitMm();
  if (taskInUserMode(layout, s, t)) {
    // SIGKILL in user mode: the task exits, and then waits where exit_mm() does.
    if (task.fatalSignal) return inExitMm();
    if (op?.op !== 'alloc' || !lockOpBlocks(s, 'down_read', sem)) return undefined;
    return { where: 'page-fault', lock: sem };
  }
  if (task.alloc !== AllocStage.None) return undefined;
  if (op === undefined || op.op === 'exit' || op.op === 'exit_mm') {
    const exiting = op !== undefined || task.fatalSignal;
    return exiting ? inExitMm() : undefined;
  }
  switch (op.op) {
    case 'mutex_lock':
    case 'down_read':
    case 'down_write':
      return lockOpBlocks(s, op.op, op.lock) ? { where: 'lock-op', op: op.op, lock: op.lock } : undefined;
    default:
      return undefined;
  }
}

/**
 * Whether allocation stage `stage` is in the memcg charge path (a charge
 * over the limit, the memcg OOM, its waitqueue, a fault unwound for it,
 * the retried charge) rather than the page allocator's slow path.
 */
export function inChargePath(stage: AllocStage): boolean {
  return stage >= AllocStage.ChargeOom && stage <= AllocStage.ChargeRetry;
}
