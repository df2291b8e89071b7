import { type LockOpName, isLockOp, lockEffects } from './ops.js';
import type { Path } from './path.js';
import type { Problems } from './problems.js';
import type { ThreadSite } from './readProcesses.js';
import { checkLockRef, type DeclaredNames } from './lockRefs.js';

/** A lock a thread holds at the start, resolved. */
export interface ResolvedHold {
  /** {@link lockKey} of the lock. */
  readonly key: string;
  readonly mode: 'read' | 'write';
  readonly kind: 'mutex' | 'rwsem';
  /** As written in the file, for messages. */
  readonly shown: string;
  /** `[..., 'start', 'holds', j]`. */
  readonly path: Path;
}

/** A thread whose lock operands all name declared locks of the right kind. */
export interface ResolvedThread {
  readonly site: ThreadSite;
  /** The lock key of each operation (`undefined` for those without a lock operand). */
  readonly opKeys: readonly (string | undefined)[];
  readonly holds: readonly ResolvedHold[];
}

/** Operations to suggest when an operation is used on the wrong kind of lock. */
const instead = (op: LockOpName): { mutex: string; rwsem: string } =>
  lockEffects[op].action === 'acquire' ? { mutex: 'mutex_lock', rwsem: 'down_read or down_write' } : { mutex: 'mutex_unlock', rwsem: 'up_read or up_write' };

/**
 * Resolves every lock operand of a thread: a mutex operation must name a
 * declared mutex; an rwsem operation `mmap_sem` or `<process>.mmap_sem` of a
 * declared process; a held lock either, a mutex only in `write` mode and
 * no lock listed twice.
 * @returns the resolved thread, or `undefined` after reporting each bad operand
 */
export function resolveThreadLocks(site: ThreadSite, declared: DeclaredNames, problems: Problems): ResolvedThread | undefined {
  const before = problems.count;
  const { thread, process, path } = site;
  const opKeys = thread.program.map((op, i) => {
    if (!isLockOp(op.op)) return undefined;
    const { lock } = op as { lock: string };
    const check = checkLockRef(lock, process, lockEffects[op.op].kind, declared, instead(op.op));
    if (check.ok) return check.key;
    problems.add([...path, 'program', i, 'lock'], `${op.op}(${lock}): ${check.problem}`);
    return undefined;
  });
  const holds: ResolvedHold[] = [];
  const firstHold = new Map<string, number>();
  (thread.start?.holds ?? []).forEach((hold, j) => {
    const at = [...path, 'start', 'holds', j];
    const check = checkLockRef(hold.lock, process, undefined, declared, { mutex: 'mutex_lock', rwsem: 'down_read or down_write' });
    if (!check.ok) {
      problems.add([...at, 'lock'], check.problem);
      return;
    }
    if (check.id.kind === 'mutex' && hold.mode === 'read') {
      problems.add([...at, 'mode'], `${hold.lock} is a mutex: it is held in write mode only`);
      return;
    }
    const earlier = firstHold.get(check.key);
    if (earlier !== undefined) {
      problems.add(at, `${hold.lock} is already listed in holds[${earlier}]`);
      return;
    }
    firstHold.set(check.key, j);
    holds.push({ key: check.key, mode: hold.mode, kind: check.id.kind === 'mutex' ? 'mutex' : 'rwsem', shown: hold.lock, path: at });
  });
  return problems.count > before ? undefined : { site, opKeys, holds };
}
