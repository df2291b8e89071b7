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
 * Other impossible starts cannot be written: `memdie` without
 * `fatalSignal` is refused where it is read (`readThreadStart`), a thread
 * cannot start exited (so it cannot hold a lock after exiting), locks two
 * threads cannot both hold are `checkStartHolds`'s, and locks held in user
 * mode or past `exit` are `checkProgram`'s. Processes that share an mm do
 * not share signals: one may be killed while the other is not.
 */
export function checkStartConsistency(processes: readonly ProcessSpec[], problems: Problems): void {
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
