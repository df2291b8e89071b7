import { defineOp, type LockEffect } from './opSpec.js';

/*
 * The six lock operations share their operand (`lock`) and their
 * transition (`lockStep`); they differ only in the lock effect, so they
 * are declared together.
 */

const lockOp = <const N extends string>(name: N, description: string, lock: LockEffect) => defineOp({ name, description, operands: { required: ['lock'], optional: [] }, userSpace: false, lock });

/** `mutex_lock(lock)`: sleep until the mutex is free, then take it. */
export const mutexLockSpec = lockOp('mutex_lock', 'sleep until the mutex `lock` is free, then take it', { kind: 'mutex', action: 'acquire', mode: 'write', pair: 'mutex_unlock' });

/** `mutex_unlock(lock)`. */
export const mutexUnlockSpec = lockOp('mutex_unlock', 'release the mutex `lock`', { kind: 'mutex', action: 'release', mode: 'write', pair: 'mutex_lock' });

/** `down_read(lock)` on an mm's mmap_sem. */
export const downReadSpec = lockOp('down_read', 'take the mmap_sem `lock` for read (shared with other readers)', { kind: 'rwsem', action: 'acquire', mode: 'read', pair: 'up_read' });

/** `up_read(lock)`. */
export const upReadSpec = lockOp('up_read', 'release the mmap_sem `lock` held for read', { kind: 'rwsem', action: 'release', mode: 'read', pair: 'down_read' });

/** `down_write(lock)` on an mm's mmap_sem. */
export const downWriteSpec = lockOp('down_write', 'take the mmap_sem `lock` for write (exclusive)', { kind: 'rwsem', action: 'acquire', mode: 'write', pair: 'up_write' });

/** `up_write(lock)`. */
export const upWriteSpec = lockOp('up_write', 'release the mmap_sem `lock` held for write', { kind: 'rwsem', action: 'release', mode: 'write', pair: 'down_write' });
