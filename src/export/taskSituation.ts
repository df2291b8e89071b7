import type { Knobs } from '../kernel/design/knobs/index.js';
import type { Layout } from '../kernel/layout.js';
import type { KernelState } from '../kernel/state.js';
import { lockName } from '../kernel/transitions/step.js';

/** Who holds lock `lock` in `s`: `H`, `T3 for write`, `T1, T2 for read`; undefined when free. */
function holders(layout: Layout, s: KernelState, lock: number): string | undefined {
  const l = s.locks[lock];
  const rwsem = layout.locks[lock].kind === 'rwsem';
  if (l.writer !== -1) return `${layout.tasks[l.writer].name}${rwsem ? ' for write' : ''}`;
  const readers = layout.tasks.filter((_, t) => (l.readers >> t) & 1).map((t) => t.name);
  return readers.length > 0 ? `${readers.join(', ')} for read` : undefined;
}

/**
 * Why task `t` cannot take its next step in `s`, if it sleeps on a lock:
 * `sleeps in mutex_lock(&i_mutex), held by H`, or for an exiting thread
 * whose exit_mm() takes mmap_sem (`exitTakesMmapSem`), `waits in exit_mm()
 * for &mm->mmap_sem, held for write by T3`. Undefined when it is not
 * blocked on a lock (it may still be unable to move, e.g. a loser of the
 * oom_lock trylock).
 */
export function blockedOn(layout: Layout, knobs: Knobs, s: KernelState, t: number): string | undefined {
  const task = s.tasks[t];
  if (task.exited || task.alloc !== 0) return undefined;
  const info = layout.tasks[t];
  const op = info.program[task.pc];
  const ctx = { layout, knobs };
  if (op === undefined || op.op === 'exit') {
    const exiting = op !== undefined || task.fatalSignal;
    const sem = layout.processes[info.process].mmapSem;
    if (!exiting || !knobs.exitTakesMmapSem || s.locks[sem].writer === -1) return undefined;
    return `waits in exit_mm() for &mm->mmap_sem, held by ${holders(layout, s, sem)}`;
  }
  if (op.op === 'alloc') return undefined;
  if (op.op === 'mutex_unlock' || op.op === 'up_read' || op.op === 'up_write') return undefined;
  const l = s.locks[op.lock];
  if (op.op === 'down_read' ? l.writer === -1 : l.writer === -1 && l.readers === 0) return undefined;
  return `sleeps in ${op.op}(${lockName(ctx, op.lock)}), held by ${holders(layout, s, op.lock)}`;
}

/**
 * Where task `t` is in `s`, in a few words for a narrative: `has exited`,
 * `is in the page allocator`, a {@link blockedOn} reason, `is about to
 * mutex_unlock(&i_mutex)`, or `has finished its program`.
 */
export function situation(layout: Layout, knobs: Knobs, s: KernelState, t: number): string {
  const task = s.tasks[t];
  if (task.exited) return 'has exited';
  if (task.alloc !== 0) return 'is in the page allocator';
  const blocked = blockedOn(layout, knobs, s, t);
  if (blocked) return blocked;
  const op = layout.tasks[t].program[task.pc];
  if (op === undefined) return task.fatalSignal ? 'is about to exit (SIGKILL pending)' : 'has finished its program';
  if (op.op === 'alloc') return `is about to allocate ${op.pages} page${op.pages === 1 ? '' : 's'}`;
  if (op.op === 'exit') return 'is about to exit';
  return `is about to ${op.op}(${lockName({ layout, knobs }, op.lock)})`;
}
