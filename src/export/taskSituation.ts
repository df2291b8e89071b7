import { type Knobs, type Layout, AllocStage, type KernelState, blockedOn as lockWait, inChargePath, taskInUserMode, lockName, pagesText, pastExitMm, waitsForOomEvent } from '../kernel/index.js';
import { allocExtras } from './itf.js';

/** Who holds lock `lock` in `s`: `H`, `T3 for write`, `T1, T2 for read`; undefined when free. */
function holders(layout: Layout, s: KernelState, lock: number): string | undefined {
  const l = s.locks[lock];
  const rwsem = layout.locks[lock].kind === 'rwsem';
  if (l.writer !== -1) return `${layout.tasks[l.writer].name}${rwsem ? ' for write' : ''}`;
  const readers = layout.tasks.filter((_, t) => (l.readers >> t) & 1).map((t) => t.name);
  return readers.length > 0 ? `${readers.join(', ')} for read` : undefined;
}

/**
 * Why task `t` cannot take its next step in `s`, if it sleeps on a lock
 * (the kernel's {@link lockWait}), in words: `sleeps in
 * mutex_lock(&i_mutex), held by H`; for a user fault, `sleeps in the page
 * fault's down_read(&mm->mmap_sem), held by T3 for write`; for an exiting
 * thread whose exit_mm() takes mmap_sem (`exitTakesMmapSem`), `waits in
 * exit_mm() for &mm->mmap_sem, held for write by T3`. Undefined when it is
 * not blocked on a lock (it may still be unable to move, e.g. a loser of
 * the oom_lock trylock).
 */
export function blockedOn(layout: Layout, knobs: Knobs, s: KernelState, t: number): string | undefined {
  const wait = lockWait(layout, knobs, s, t);
  if (wait === undefined) return undefined;
  const held = `held by ${holders(layout, s, wait.lock)}`;
  switch (wait.where) {
    case 'page-fault':
      return `sleeps in the page fault's down_read(&mm->mmap_sem), ${held}`;
    case 'exit_mm':
      // Looked ahead (see the kernel's blockedOn): without PF_EXITING it has not begun do_exit() yet.
      if (!s.tasks[t].exiting) return `has not begun do_exit() yet; its exit_mm() will wait for &mm->mmap_sem, ${held}`;
      return `waits in exit_mm() for &mm->mmap_sem, ${held}`;
    case 'lock-op':
      return `sleeps in ${wait.op}(${lockName({ layout }, wait.lock)}), ${held}`;
  }
}

/**
 * The slow path an allocation stage belongs to: `the page allocator`
 * (retry, last-second attempt, out_of_memory()) or `the memcg charge
 * path` (a charge over the limit, the memcg OOM, its waitqueue, a fault
 * unwound for it, the retried charge).
 */
export function slowPathName(stage: AllocStage): string {
  return inChargePath(stage) ? 'the memcg charge path' : 'the page allocator';
}

/** Where task `t` is in `s` while in an allocation's slow path (stage ≠ None and not in user mode). */
function inSlowPath(layout: Layout, s: KernelState, t: number): string {
  const task = s.tasks[t];
  const memcg = layout.memcgs[layout.processes[layout.tasks[t].process].memcg]?.name ?? '?';
  switch (task.alloc) {
    case AllocStage.MemcgOom: {
      // Its group's OOM lock (<4.19), oom_lock (4.19), or both (4.2-4.18, memcgOomLock: memcg-trylock+oom-lock).
      const m = layout.processes[layout.tasks[t].process].memcg;
      const held = s.oomLock !== t ? `the OOM lock of memcg ${memcg}` : s.memcgs[m]?.oomLock === t ? `the OOM lock of memcg ${memcg} and oom_lock` : 'oom_lock';
      return `is in mem_cgroup_out_of_memory(), holding ${held}`;
    }
    case AllocStage.MemcgWait:
      return `sleeps on memcg_oom_waitq of memcg ${memcg}`;
    case AllocStage.FaultUnwound:
      return 'is in pagefault_out_of_memory()';
    case AllocStage.RetrySleep:
      return 'sleeps in schedule_timeout_uninterruptible(1) in the page allocator (lost the oom_lock trylock)';
    case AllocStage.OomSleep:
      return 'sleeps in schedule_timeout_killable(1) in out_of_memory(), holding oom_lock';
    case AllocStage.OomUnlock:
      return 'is woken (runnable) from schedule_timeout_killable(1) in out_of_memory(), holding oom_lock';
    default:
      return `is in ${slowPathName(task.alloc)}`;
  }
}

/**
 * Where task `t` is in `s`, in a few words for a narrative: `has exited`,
 * `is in the page allocator`, `is in the memcg charge path`, `sleeps on
 * memcg_oom_waitq of memcg A`, a {@link blockedOn} reason, `is about to
 * mutex_unlock(&i_mutex)`, `waits for the OOM event of memcg A`, or `has
 * finished its program`.
 */
export function situation(layout: Layout, knobs: Knobs, s: KernelState, t: number): string {
  const task = s.tasks[t];
  if (task.exited) return 'has exited';
  const user = taskInUserMode(layout, s, t);
  if (user && task.fatalSignal) return 'is about to exit (SIGKILL pending)';
  const blocked = blockedOn(layout, knobs, s, t);
  if (blocked) return blocked;
  const op = layout.tasks[t].program[task.pc];
  if (task.alloc === AllocStage.ChargeRetry && user) return 'is about to retry its page fault';
  if (task.alloc !== AllocStage.None) return inSlowPath(layout, s, t);
  if (op === undefined) return task.fatalSignal ? 'is about to exit (SIGKILL pending)' : 'has finished its program';
  const ctx = { layout, knobs };
  switch (op.op) {
    case 'alloc': {
      const extras = allocExtras(op);
      const what = `allocate ${pagesText(op.pages)}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`;
      return task.inFault ? `is in a page fault, about to ${what}` : `is about to ${what}`;
    }
    case 'exit':
      return pastExitMm(layout, s, t) ? 'is about to end do_exit() (no mm)' : 'is about to exit';
    case 'exit_mm':
      return 'is about to exit_mm()';
    case 'wait_oom_event':
      return `${waitsForOomEvent(ctx, s, t) ? 'waits for' : 'is about to read'} the OOM event of memcg ${layout.memcgs[op.memcg].name}`;
    case 'kill':
      return `is about to kill(${layout.processes[op.process].name})`;
    case 'set_limit':
      return `is about to raise the limit of memcg ${layout.memcgs[op.memcg].name} to ${pagesText(op.pages)}`;
    default:
      return `is about to ${op.op}(${lockName(ctx, op.lock)})`;
  }
}
