import type { KernelState } from '../state.js';
import { lockName, type Context, type Step } from './step.js';
import { event } from './stepEvent.js';

/** The lock operations of a task's program. */
export type LockOp = 'mutex_lock' | 'mutex_unlock' | 'down_read' | 'up_read' | 'down_write' | 'up_write';

/**
 * Whether lock operation `op` on `lock` would sleep in `s`. Sleeping
 * acquisitions go ahead only when the lock is free for the mode asked
 * (mutexes and down_write: no holder at all; down_read: no writer —
 * waiting writers do not block new readers here, a simplification);
 * releases never sleep.
 */
export function lockOpBlocks(s: KernelState, op: LockOp, lock: number): boolean {
  const l = s.locks[lock];
  switch (op) {
    case 'mutex_lock':
    case 'down_write':
      return l.writer !== -1 || l.readers !== 0;
    case 'down_read':
      return l.writer !== -1;
    default:
      return false;
  }
}

/**
 * A lock operation of task `t` on lock `lock`. A blocked task (see
 * {@link lockOpBlocks}) has no step: it sleeps uninterruptibly, SIGKILL
 * or not.
 */
export function lockStep(ctx: Context, s: KernelState, t: number, op: LockOp, lock: number): Step | undefined {
  if (lockOpBlocks(s, op, lock)) return undefined;
  const text = () => `${op}(${lockName(ctx, lock)})`;
  const advance = (d: KernelState) => {
    d.tasks[t].pc++;
  };
  switch (op) {
    case 'mutex_lock':
    case 'down_write':
      return { events: () => [event('lock-acquired', text(), { op, lock })], apply: (d) => ((d.locks[lock].writer = t), advance(d)) };
    case 'down_read':
      return { events: () => [event('lock-acquired', text(), { op, lock })], apply: (d) => ((d.locks[lock].readers |= 1 << t), advance(d)) };
    case 'mutex_unlock':
    case 'up_write':
      return { events: () => [event('lock-released', text(), { op, lock })], apply: (d) => ((d.locks[lock].writer = -1), advance(d)) };
    case 'up_read':
      return { events: () => [event('lock-released', text(), { op, lock })], apply: (d) => ((d.locks[lock].readers &= ~(1 << t)), advance(d)) };
  }
}
