import type { Op } from '../scenario.js';

/** The name of an operation (`op:` in a program). */
export type OpName = Op['op'];

/** An operation that takes a lock operand. */
export type LockOpName = Extract<Op, { readonly lock: string }>['op'];

/** Every operation name, in the order the docs and schema list them. */
export const opNames = [
  'mutex_lock',
  'mutex_unlock',
  'down_read',
  'up_read',
  'down_write',
  'up_write',
  'alloc',
  'exit',
  'wait_oom_event',
  'kill',
  'set_limit',
] as const satisfies readonly OpName[];

// Fails to compile if scenario.ts gains an op that is missing above.
const everyOpListed: [Exclude<OpName, (typeof opNames)[number]>] extends [never] ? true : never = true;
void everyOpListed;

/** What a lock operation does: the kind of lock it needs, whether it takes or releases it, and in which mode. */
export interface LockEffect {
  readonly kind: 'mutex' | 'rwsem';
  readonly action: 'acquire' | 'release';
  readonly mode: 'read' | 'write';
  /** The operation that undoes this one (`mutex_unlock` for `mutex_lock`). */
  readonly pair: LockOpName;
}

/** The effect of each lock operation. A mutex is always held in `write` mode. */
export const lockEffects: Readonly<Record<LockOpName, LockEffect>> = {
  mutex_lock: { kind: 'mutex', action: 'acquire', mode: 'write', pair: 'mutex_unlock' },
  mutex_unlock: { kind: 'mutex', action: 'release', mode: 'write', pair: 'mutex_lock' },
  down_read: { kind: 'rwsem', action: 'acquire', mode: 'read', pair: 'up_read' },
  up_read: { kind: 'rwsem', action: 'release', mode: 'read', pair: 'down_read' },
  down_write: { kind: 'rwsem', action: 'acquire', mode: 'write', pair: 'up_write' },
  up_write: { kind: 'rwsem', action: 'release', mode: 'write', pair: 'down_write' },
};

/** Whether `name` is an operation that takes a lock operand. */
export function isLockOp(name: OpName): name is LockOpName {
  return Object.hasOwn(lockEffects, name);
}

/** What each operation does, in one line (after `op:`), for the JSON Schema and docs. */
export const opDescriptions: Readonly<Record<OpName, string>> = {
  mutex_lock: 'sleep until the mutex `lock` is free, then take it',
  mutex_unlock: 'release the mutex `lock`',
  down_read: 'take the mmap_sem `lock` for read (shared with other readers)',
  up_read: 'release the mmap_sem `lock` held for read',
  down_write: 'take the mmap_sem `lock` for write (exclusive)',
  up_write: 'release the mmap_sem `lock` held for write',
  alloc:
    'allocate `pages` pages, charged first to the process\'s memcg if it has one; `gfp` (default GFP_KERNEL: retries until it succeeds, may invoke the OOM killer) ' +
    'and `context` (default syscall; user-fault, kernel-fault, put_user) decide whether it may invoke the OOM killer and what a failure returns',
  exit: 'do_exit(): exit_mm drops the mm, exit_oom_victim clears TIF_MEMDIE; no lock may be held',
  wait_oom_event: "user space: read() the memcg's OOM eventfd (memory.oom_control); blocks until a task of the group sleeps in its OOM",
  kill: 'user space: kill(2) SIGKILL to every thread of `process`',
  set_limit: "user space: raise the memcg's memory.limit_in_bytes to `pages`",
};

/** Operations a task runs in user space (system calls made from there): it can hold no kernel lock. */
export const userSpaceOps = ['wait_oom_event', 'kill', 'set_limit'] as const satisfies readonly OpName[];

/** Whether `name` is an operation of user space (see {@link userSpaceOps}). */
export function isUserSpaceOp(name: OpName): name is (typeof userSpaceOps)[number] {
  return (userSpaceOps as readonly string[]).includes(name);
}
