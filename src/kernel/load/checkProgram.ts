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
 * fault, `wait_oom_event`, `kill`, `set_limit`) with locks held. The walk
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
  const held = new Map<string, Held>(holds.map((h) => [h.key, { mode: h.mode, shown: h.shown, kind: h.kind }]));
  for (let i = pc; i < program.length; i++) {
    const op = program[i];
    const at = [...path, 'program', i];
    if (op.op === 'exit') {
      if (held.size > 0) problems.add(at, `exit while ${thread.name} holds ${describeHeld(held)}: a task must release its locks before exiting`);
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
  if (held.size > 0) {
    problems.add([...path, 'program'], `the program ends while ${thread.name} holds ${describeHeld(held)}: it would return to user space with ${held.size === 1 ? 'it' : 'them'} held`);
  }
}
