import type { Layout } from '../layout.js';
import type { KernelState } from '../state.js';
import { lastMmUser, stillUsedText } from './sharedMm.js';
import { freeMmPages, lockName, mmOfTask, pagesText, taskName, type Context, type Step } from './step.js';
import { event, type StepEventOf } from './stepEvent.js';

/** What made a task exit: its program's exit, or SIGKILL in (or on the return to) user space. */
export type ExitCause = StepEventOf<'exiting'>['cause'];

const causeText: Record<ExitCause, string> = {
  do_exit: 'do_exit()',
  'sigkill-in-user-space': 'in user space with SIGKILL pending: do_exit()',
  'sigkill-on-return': 'returns to user space with SIGKILL pending: do_exit()',
};

/** Whether task `t` is alive but past its program's `exit_mm` operation: in the rest of do_exit(), with no mm (`current->mm == NULL`). */
export function pastExitMm(layout: Layout, s: KernelState, t: number): boolean {
  const task = s.tasks[t];
  const at = layout.tasks[t].exitMmAt;
  return at !== -1 && !task.exited && task.pc > at;
}

/** Whether task `t` still uses its process's mm: not gone and not past exit_mm() (what find_lock_task_mm() looks for). */
export function hasMm(layout: Layout, s: KernelState, t: number): boolean {
  return !s.tasks[t].exited && !pastExitMm(layout, s, t);
}

/** Whether task `t`'s exit_mm() would sleep in `s`: it takes its mmap_sem for read (`exitTakesMmapSem`), and a writer holds it. */
export function exitMmBlocks(ctx: Pick<Context, 'layout' | 'knobs'>, s: KernelState, t: number): boolean {
  const mmapSem = ctx.layout.processes[ctx.layout.tasks[t].process].mmapSem;
  return ctx.knobs.exitTakesMmapSem && s.locks[mmapSem].writer !== -1 && !pastExitMm(ctx.layout, s, t);
}

/**
 * do_exit() of task `t`, in steps. First PF_EXITING is set (the task is
 * now "exiting": the OOM killer treats it differently, see
 * `killExitingShortcut`, `dyingCurrentShortcut`). Then exit_mm() — which
 * takes the mm's mmap_sem for read first when `exitTakesMmapSem`, so it
 * waits for a writer — drops the mm; the last user tears it down
 * (exit_mmap frees the pages the reaper has not already freed: all, or
 * after a reap those it skips);
 * exit_oom_victim() clears TIF_MEMDIE. For `exit`, the task is then gone;
 * for `exit_mm`, it goes on with the operations after it, without an mm,
 * until `exit` ends do_exit() (see {@link lastStep}). `cause` says what
 * made it exit (shown on the first step).
 */
export function exitStep(ctx: Context, s: KernelState, t: number, cause: ExitCause): Step | undefined {
  if (!s.tasks[t].exiting) return { events: () => [event('exiting', `${causeText[cause]}: PF_EXITING`, { cause })], apply: (d) => void (d.tasks[t].exiting = true) };
  if (pastExitMm(ctx.layout, s, t)) return lastStep(ctx, s, t);
  const process = ctx.layout.tasks[t].process;
  const info = ctx.layout.processes[process];
  if (exitMmBlocks(ctx, s, t)) return undefined;
  const mm = mmOfTask(ctx, t);
  const lastUser = lastMmUser(ctx, s, t);
  const freed = !lastUser ? 0 : s.mms[mm].reaped ? ctx.layout.mms[mm].unreapable : ctx.layout.mms[mm].pages;
  const memdie = s.tasks[t].memdie;
  // Only the program's own exit_mm operation lives on; a task killed in user space runs the whole of do_exit().
  const goesOn = cause === 'do_exit' && ctx.layout.tasks[t].program[s.tasks[t].pc]?.op === 'exit_mm';
  return {
    events: () => [
      ctx.knobs.exitTakesMmapSem
        ? event('mm-released', `exit_mm(): down_read(${lockName(ctx, info.mmapSem)}) ok`, { process, lock: info.mmapSem })
        : event('mm-released', 'exit_mm()', { process, lock: -1 }),
      lastUser ? event('mm-torn-down', `last user: exit_mmap() frees ${pagesText(freed)}`, { process, pages: freed }) : event('mm-still-used', stillUsedText(ctx, s, t), { process }),
      ...(memdie ? [event('victim-exited', ctx.names.exitVictim(taskName(ctx, t)), { task: t })] : []),
    ],
    apply: (d) => {
      const task = d.tasks[t];
      task.alloc = 0;
      task.charged = false;
      task.memdie = false;
      if (goesOn) task.pc++;
      else {
        task.exited = true;
        task.pc = ctx.layout.tasks[t].program.length;
      }
      if (lastUser) {
        d.mms[mm].freed = true;
        freeMmPages(ctx, d, mm, freed);
      }
    },
  };
}

/**
 * The end of do_exit() for a task past exit_mm(): exit_notify(), then the
 * last schedule(); the task is gone (its parent is taken to reap the
 * zombie at once). A TIF_MEMDIE it got after exit_mm() goes with it.
 */
function lastStep(ctx: Context, s: KernelState, t: number): Step {
  const memdie = s.tasks[t].memdie;
  return {
    events: () => [event('task-gone', `do_exit(): exit_notify(), final schedule(): ${taskName(ctx, t)} is gone${memdie ? ' (with its TIF_MEMDIE)' : ''}`, { task: t, memdie })],
    apply: (d) => {
      const task = d.tasks[t];
      task.exited = true;
      task.memdie = false;
      task.alloc = 0;
      task.charged = false;
      task.pc = ctx.layout.tasks[t].program.length;
    },
  };
}
