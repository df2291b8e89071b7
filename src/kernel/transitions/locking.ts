import type { KernelState } from '../state.js';
import { lockName, type Context, type Step } from './step.js';

type LockOp = 'mutex_lock' | 'mutex_unlock' | 'down_read' | 'up_read' | 'down_write' | 'up_write';

/**
 * A lock operation of task `t` on lock `lock`. Sleeping acquisitions are
 * enabled only when the lock is free for the mode asked (mutexes and
 * down_write: no holder at all; down_read: no writer — waiting writers do
 * not block new readers here, a simplification). A blocked task has no step:
 * it sleeps uninterruptibly, SIGKILL or not.
 */
export function lockStep(ctx: Context, s: KernelState, t: number, op: LockOp, lock: number): Step | undefined {
  const l = s.locks[lock];
  const name = `${op}(${lockName(ctx, lock)})`;
  const advance = (d: KernelState) => {
    d.tasks[t].pc++;
  };
  switch (op) {
    case 'mutex_lock':
    case 'down_write':
      if (l.writer !== -1 || l.readers !== 0) return undefined;
      return { label: name, apply: (d) => ((d.locks[lock].writer = t), advance(d)) };
    case 'down_read':
      if (l.writer !== -1) return undefined;
      return { label: name, apply: (d) => ((d.locks[lock].readers |= 1 << t), advance(d)) };
    case 'mutex_unlock':
    case 'up_write':
      return { label: name, apply: (d) => ((d.locks[lock].writer = -1), advance(d)) };
    case 'up_read':
      return { label: name, apply: (d) => ((d.locks[lock].readers &= ~(1 << t)), advance(d)) };
  }
}
