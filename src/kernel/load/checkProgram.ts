import type { ResolvedThread } from './resolveThreadLocks.js';
import type { Op } from '../scenario.js';
import { isLockOp, isUserSpaceOp, lockEffects } from './ops.js';
import type { Problems } from './problems.js';
import type { ThreadSite } from './readProcesses.js';

/** A held lock during the walk: its mode and its name as written. */
interface Held {
  readonly mode: 'read' | 'write';
  readonly shown: string;
  readonly kind: 'mutex' | 'rwsem';
}

/** `i_mutex`, `mmap_sem for write and i_mutex`: locks for messages. */
function describeHeld(held: ReadonlyMap<string, Held>): string {
  const names = [...held.values()].map((h) => (h.kind === 'mutex' ? h.shown : `${h.shown} for ${h.mode}`));
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Why `op` runs in user mode, where a task holds no kernel lock: a user
 * page fault is taken from user space (handle_mm_fault() takes and drops
 * mmap_sem itself), and the user-space operations are system calls made
 * from there. `undefined` for an operation that runs in the kernel.
 */
function userModeReason(op: Op): string | undefined {
  if (op.op === 'alloc' && op.context === 'user-fault') return 'a user page fault happens in user mode';
  return isUserSpaceOp(op.op) ? `${op.op} is a user-space operation` : undefined;
}

/**
 * Why `op` cannot run after exit_mm(), with no mm: a user fault, a
 * put_user() or get_user_pages() needs the mm, and a user-space
 * operation would need a return to user space, which an exiting task
 * never makes. `undefined` for a lock operation or a kernel allocation
 * (from the rest of do_exit(): exit_files(), task_work's __fput()).
 */
function withoutMm(op: Op): string | undefined {
  if (op.op === 'alloc' && op.context !== undefined && op.context !== 'syscall') return `an allocation in context ${op.context} needs the task's mm`;
  return isUserSpaceOp(op.op) ? `${op.op} is a user-space operation, and an exiting task never returns to user space` : undefined;
}

/** Reports operations after the first `exit` of a thread's program: they can never run. */
export function checkUnreachable(site: ThreadSite, problems: Problems): void {
  const { program } = site.thread;
  const exitAt = program.findIndex((op) => op.op === 'exit');
  if (exitAt < 0 || exitAt === program.length - 1) return;
  const after = program.length - 1 - exitAt;
  const what = after === 1 ? 'the operation after it never runs' : `the ${after} operations after it never run`;
  problems.add([...site.path, 'program', exitAt + 1], `unreachable: program[${exitAt}] is exit, so ${what}`);
}

/**
 * Walks a thread's program from its start (`start.pc`, default 0, with
 * `start.holds` held) and reports, for each thread, the first of:
 * releasing a lock it does not hold (in that mode), taking a lock it
 * already holds (a self-deadlock; a recursive `down_read` too, since it
 * deadlocks once a writer queues in between), reaching `exit` or the end
 * of the program with locks held, or a user-mode operation (a user page
 * fault, `wait_oom_event`, `kill`, `set_limit`) with locks held; for
 * `exit_mm`: locks held at it, a second one, an operation after it that
 * needs the mm or user space (see {@link withoutMm}), a program that does
 * not end in `exit` after it, `start.pc` past it. The walk
 * stops at the first problem,
 * since what follows would be guesswork. `pc` cannot be past an `exit`.
 */
export function checkProgram(resolved: ResolvedThread, problems: Problems): void {
  const { site, opKeys, holds } = resolved;
  const { thread, path } = site;
  const { program } = thread;
  const exitAt = program.findIndex((op) => op.op === 'exit');
  const pc = thread.start?.pc ?? 0;
  if (exitAt >= 0 && pc > exitAt) {
    problems.add([...path, 'start', 'pc'], `pc ${pc} is past the exit at program[${exitAt}]: ${thread.name} would have exited already`);
    return;
  }
  const dropsMmAt = program.findIndex((op) => op.op === 'exit_mm');
  if (dropsMmAt >= 0 && pc > dropsMmAt) {
    problems.add([...path, 'start', 'pc'], `pc ${pc} is past the exit_mm at program[${dropsMmAt}]: a thread cannot start without its mm`);
    return;
  }
  const held = new Map<string, Held>(holds.map((h) => [h.key, { mode: h.mode, shown: h.shown, kind: h.kind }]));
  const exitMmAt = program.findIndex((op) => op.op === 'exit_mm');
  for (let i = pc; i < program.length; i++) {
    const op = program[i];
    const at = [...path, 'program', i];
    if (op.op === 'exit') {
      if (held.size > 0) problems.add(at, `exit while ${thread.name} holds ${describeHeld(held)}: a task must release its locks before exiting`);
      return;
    }
    if (op.op === 'exit_mm') {
      if (held.size > 0) problems.add(at, `exit_mm while ${thread.name} holds ${describeHeld(held)}: a task must release its locks before do_exit()`);
      else if (i !== exitMmAt) problems.add(at, `a second exit_mm: ${thread.name} dropped its mm at program[${exitMmAt}]`);
      if (held.size > 0 || i !== exitMmAt) return;
      continue;
    }
    const noMm = exitMmAt >= 0 && i > exitMmAt ? withoutMm(op) : undefined;
    if (noMm !== undefined) {
      problems.add(at, `${noMm}, but ${thread.name} has no mm after exit_mm at program[${exitMmAt}]`);
      return;
    }
    const userMode = userModeReason(op);
    if (userMode !== undefined && held.size > 0) {
      problems.add(at, `${userMode}, but ${thread.name} holds ${describeHeld(held)}`);
      return;
    }
    if (!isLockOp(op.op)) continue;
    const { lock } = op as { lock: string };
    const effect = lockEffects[op.op];
    const key = opKeys[i]!;
    const current = held.get(key);
    const call = `${op.op}(${lock})`;
    const modeOf = (h: Held): string => (h.kind === 'mutex' ? '' : ` for ${h.mode}`);
    if (effect.action === 'acquire') {
      if (current) {
        const why = current.mode === 'read' && effect.mode === 'read' ? 'a recursive down_read deadlocks once a writer queues in between' : 'it would deadlock on itself';
        problems.add(at, `${call} but ${thread.name} already holds ${lock}${modeOf(current)}: ${why}`);
        return;
      }
      held.set(key, { mode: effect.mode, shown: lock, kind: effect.kind });
      continue;
    }
    if (!current) {
      problems.add(at, `${call} but ${thread.name} does not hold ${lock}`);
      return;
    }
    if (current.mode !== effect.mode) {
      const right = lockEffects[current.mode === 'read' ? 'down_read' : 'down_write'].pair;
      problems.add(at, `${call} but ${thread.name} holds ${lock} for ${current.mode}, not for ${effect.mode}; use ${right}`);
      return;
    }
    held.delete(key);
  }
  if (exitMmAt >= pc) {
    problems.add([...path, 'program'], `the program ends after exit_mm without exit: ${thread.name} must end do_exit() with { op: exit }`);
    return;
  }
  if (held.size > 0) {
    problems.add([...path, 'program'], `the program ends while ${thread.name} holds ${describeHeld(held)}: it would return to user space with ${held.size === 1 ? 'it' : 'them'} held`);
  }
}
