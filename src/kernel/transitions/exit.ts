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

/** Whether task `t`'s exit_mm() would sleep in `s`: it takes its mmap_sem for read (`exitTakesMmapSem`), and a writer holds it. */
export function exitMmBlocks(ctx: Context, s: KernelState, t: number): boolean {
  const mmapSem = ctx.layout.processes[ctx.layout.tasks[t].process].mmapSem;
  return ctx.knobs.exitTakesMmapSem && s.locks[mmapSem].writer !== -1;
}

/**
 * do_exit() of task `t`, in two steps. First PF_EXITING is set (the task
 * is now "exiting": the OOM killer treats it differently, see
 * `killExitingShortcut`). Then exit_mm() — which takes the mm's
 * mmap_sem for read first when `exitTakesMmapSem`, so it waits for a
 * writer — drops the mm; the last user tears it down (exit_mmap frees the
 * pages the reaper has not already freed); exit_oom_victim() clears
 * TIF_MEMDIE. `cause` says what made it exit (shown on the first step).
 */
export function exitStep(ctx: Context, s: KernelState, t: number, cause: ExitCause): Step | undefined {
  if (!s.tasks[t].exiting) return { events: () => [event('exiting', `${causeText[cause]}: PF_EXITING`, { cause })], apply: (d) => void (d.tasks[t].exiting = true) };
  const process = ctx.layout.tasks[t].process;
  const info = ctx.layout.processes[process];
  if (exitMmBlocks(ctx, s, t)) return undefined;
  const mm = mmOfTask(ctx, t);
  const lastUser = lastMmUser(ctx, s, t);
  const freed = lastUser && !s.mms[mm].reaped ? ctx.layout.mms[mm].pages : 0;
  const memdie = s.tasks[t].memdie;
  return {
    events: () => [
      ctx.knobs.exitTakesMmapSem
        ? event('mm-released', `exit_mm(): down_read(${lockName(ctx, info.mmapSem)}) ok`, { process, lock: info.mmapSem })
        : event('mm-released', 'exit_mm()', { process, lock: -1 }),
      lastUser ? event('mm-torn-down', `last user: exit_mmap() frees ${pagesText(freed)}`, { process, pages: freed }) : event('mm-still-used', stillUsedText(ctx, s, t), { process }),
      ...(memdie ? [event('victim-exited', `exit_oom_victim(${taskName(ctx, t)})`, { task: t })] : []),
    ],
    apply: (d) => {
      const task = d.tasks[t];
      task.exited = true;
      task.alloc = 0;
      task.charged = false;
      task.memdie = false;
      task.pc = ctx.layout.tasks[t].program.length;
      if (lastUser) {
        d.mms[mm].freed = true;
        freeMmPages(ctx, d, mm, freed);
      }
    },
  };
}
