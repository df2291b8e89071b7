import type { LockRef } from '../scenario.js';
import { suggestion } from './suggest.js';

/** The lock a {@link LockRef} names: a declared mutex, or the `mmap_sem` of a process's mm. */
export type LockId = { readonly kind: 'mutex'; readonly name: string } | { readonly kind: 'mmap_sem'; readonly process: string };

/** Locks the kernel model owns: scenarios may not declare locks with these names. */
export const reservedLockNames = ['mmap_sem', 'oom_lock'] as const;

/**
 * What `ref` names, for a thread of process `ownProcess`: `mmap_sem` is the
 * thread's own mm's, `<process>.mmap_sem` another process's, anything else
 * a mutex. Purely by spelling: whether the lock exists is {@link checkLockRef}'s job.
 */
export function resolveLockRef(ref: LockRef, ownProcess: string): LockId {
  if (ref === 'mmap_sem') return { kind: 'mmap_sem', process: ownProcess };
  if (ref.endsWith('.mmap_sem')) return { kind: 'mmap_sem', process: ref.slice(0, -'.mmap_sem'.length) };
  return { kind: 'mutex', name: ref };
}

/** One string per lock, the same however it is referred to: `i_mutex`, `victim.mmap_sem`. */
export function lockKey(id: LockId): string {
  return id.kind === 'mutex' ? id.name : `${id.process}.mmap_sem`;
}

/** The names declared in the scenario; a set is `undefined` when its list is broken (then names are not judged). */
export interface DeclaredNames {
  readonly mutexes: ReadonlySet<string> | undefined;
  readonly processes: ReadonlySet<string> | undefined;
  /** Each process that shares another's mm, mapped to the mm's owner: their `mmap_sem` is one lock (default: none). */
  readonly mmOwners?: ReadonlyMap<string, string>;
}

/** Either the lock (and its key) or why `ref` is wrong. */
export type LockCheck = { readonly ok: true; readonly id: LockId; readonly key: string } | { readonly ok: false; readonly problem: string };

/**
 * Checks that `ref` names a declared lock of the `expected` kind (any
 * kind when `undefined`, as in `start.holds`).
 * @param instead the operations to suggest when the kind is wrong (`down_read or down_write`)
 */
export function checkLockRef(
  ref: LockRef,
  ownProcess: string,
  expected: 'mutex' | 'rwsem' | undefined,
  declared: DeclaredNames,
  instead: { readonly mutex: string; readonly rwsem: string },
): LockCheck {
  const id = resolveLockRef(ref, ownProcess);
  if (id.kind === 'mmap_sem') {
    if (expected === 'mutex') return { ok: false, problem: `${ref} is a rw-semaphore, not a mutex; use ${instead.rwsem}` };
    const { processes } = declared;
    if (processes && !processes.has(id.process)) {
      return { ok: false, problem: `no process named '${id.process}'${suggestion(id.process, [...processes])}` };
    }
    const owner = declared.mmOwners?.get(id.process);
    return { ok: true, id, key: lockKey(owner === undefined ? id : { kind: 'mmap_sem', process: owner }) };
  }
  if (ref === 'oom_lock') return { ok: false, problem: "oom_lock is the OOM killer's own lock; programs do not take it" };
  const { mutexes } = declared;
  const known = mutexes === undefined || mutexes.has(ref);
  if (expected === 'rwsem') {
    return known
      ? { ok: false, problem: `${ref} is a mutex, not a rw-semaphore; use ${instead.mutex}` }
      : { ok: false, problem: `expected mmap_sem (this thread's mm) or <process>.mmap_sem, got '${ref}'` };
  }
  if (!known) return { ok: false, problem: `no mutex named '${ref}' is declared in locks${suggestion(ref, [...mutexes!])}` };
  return { ok: true, id, key: lockKey(id) };
}
