import type { ProcessSpec } from '../scenario.js';
import { formatPath } from './path.js';
import type { Problems } from './problems.js';

/**
 * Reports starting situations that no kernel can reach, each at the
 * thread that contradicts another, saying why.
 *
 * - A fatal signal or TIF_MEMDIE on one thread of a thread group while a
 *   sibling has no fatal signal pending: SIGKILL is a group signal
 *   (complete_signal() sets SIGNAL_GROUP_EXIT and wakes every thread), and
 *   TIF_MEMDIE is set only after it (oom_kill_process() sends SIGKILL
 *   before mark_oom_victim(); the out_of_memory() shortcut marks only a
 *   current that has it pending). Such a start once gave a 9-step
 *   "livelock" under 4.9 in which the sibling looped in the allocator
 *   unaware that its group was dying.
 *
 * - A vfork child (`vfork: true`) without a vfork caller: the thread that
 *   called vfork() sleeps in wait_for_vfork_done() until the child execs
 *   or exits, so one thread of a process using the same mm must have
 *   nothing left to run (`program: []`), a distinct one per vfork child.
 *   A parent that starts in mutex_lock() (or anything else) is a thread
 *   that cannot be there; a sibling thread of it can.
 *
 * Other impossible starts cannot be written: `memdie` without
 * `fatalSignal` is refused where it is read (`readThreadStart`), a thread
 * cannot start exited (so it cannot hold a lock after exiting), locks two
 * threads cannot both hold are `checkStartHolds`'s, and locks held in user
 * mode or past `exit` are `checkProgram`'s. Processes that share an mm do
 * not share signals: one may be killed while the other is not.
 */
export function checkStartConsistency(processes: readonly ProcessSpec[], problems: Problems): void {
  checkSignals(processes, problems);
  checkVforkCallers(processes, problems);
}

/** A fatal signal or TIF_MEMDIE on one thread of a group, and a sibling without SIGKILL pending. */
function checkSignals(processes: readonly ProcessSpec[], problems: Problems): void {
  processes.forEach((process, p) => {
    const killedAt = process.threads.findIndex((t) => t.start?.fatalSignal === true || t.start?.memdie === true);
    if (killedAt < 0) return;
    const killed = process.threads[killedAt];
    const what = killed.start?.memdie === true ? 'TIF_MEMDIE (and so SIGKILL pending)' : 'a fatal signal pending';
    const killedPath = formatPath(['processes', p, 'threads', killedAt]);
    process.threads.forEach((thread, j) => {
      if (thread.start?.fatalSignal === true) return;
      const at = thread.start === undefined ? ['processes', p, 'threads', j] : ['processes', p, 'threads', j, 'start'];
      problems.add(
        at,
        `${thread.name} starts without a fatal signal, but ${killed.name} (${killedPath}) of the same thread group '${process.name}' starts with ${what}: ` +
          `SIGKILL goes to the whole thread group, so no kernel reaches this state; give ${thread.name} start: { fatalSignal: true }`,
      );
    });
  });
}

/** A thread that may be sleeping in wait_for_vfork_done(): its program, from where it starts, is empty. */
function mayWaitForVfork(thread: ProcessSpec['threads'][number]): boolean {
  return (thread.start?.pc ?? 0) >= thread.program.length;
}

/**
 * Every vfork child needs its own vfork caller: a thread of another
 * process using the same mm that may be waiting for it. Threads are
 * matched to children by augmenting paths, so that a caller is never
 * counted for two children.
 */
function checkVforkCallers(processes: readonly ProcessSpec[], problems: Problems): void {
  const owner = (p: number): string => processes[p].mm ?? processes[p].name;
  const children = processes.flatMap((process, p) => (process.vfork === true && process.mm !== undefined && processes.some((o) => o.name === process.mm) ? [p] : []));
  if (children.length === 0) return;
  const key = (p: number, j: number): string => `${p}/${j}`;
  const callers = (c: number): [number, number][] =>
    processes.flatMap((process, p) => (p === c || owner(p) !== owner(c) ? [] : process.threads.flatMap((t, j): [number, number][] => (mayWaitForVfork(t) ? [[p, j]] : []))));
  const taken = new Map<string, number>();
  const assign = (c: number, seen: Set<string>): boolean => {
    for (const [p, j] of callers(c)) {
      const k = key(p, j);
      if (seen.has(k)) continue;
      seen.add(k);
      const holder = taken.get(k);
      if (holder === undefined || assign(holder, seen)) {
        taken.set(k, c);
        return true;
      }
    }
    return false;
  };
  for (const c of children) {
    if (assign(c, new Set())) continue;
    const child = processes[c];
    const users = processes.flatMap((process, p) => (p !== c && owner(p) === owner(c) ? [process] : []));
    const threads = users.flatMap((u) => u.threads.map((t) => `${t.name} (${u.name})`));
    const busy = callers(c).length > 0 ? ': the threads with nothing left to run wait for other vfork children' : '';
    problems.add(
      ['processes', c, 'vfork'],
      `'${child.name}' is a vfork child, so a thread of a process using its mm (${users.map((u) => `'${u.name}'`).join(', ')}) called vfork() and sleeps in wait_for_vfork_done() until '${child.name}' execs or exits, running nothing else; ` +
        `none of ${threads.join(', ')} can be that thread${busy}, so no kernel reaches this state; add a thread with program: [] to '${child.mm}' as the vfork caller`,
    );
  }
}
