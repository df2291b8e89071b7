import type { KernelState } from '../state.js';
import { freeMmPages, lockName, pagesText, taskName, type Context, type Step } from './step.js';

/**
 * do_exit() of task `t`, in two steps. First PF_EXITING is set (the task
 * is now "exiting": the OOM killer treats it differently, see
 * `killExitingShortcut`). Then exit_mm() — which takes the mm's
 * mmap_sem for read first when `exitTakesMmapSem`, so it waits for a
 * writer — drops the mm; the last user tears it down (exit_mmap frees the
 * pages the reaper has not already freed); exit_oom_victim() clears
 * TIF_MEMDIE. `why` says what made it exit (shown on the first step).
 */
export function exitStep(ctx: Context, s: KernelState, t: number, why: string): Step | undefined {
  if (!s.tasks[t].exiting) return { label: `${why}: PF_EXITING`, apply: (d) => void (d.tasks[t].exiting = true) };
  const process = ctx.layout.tasks[t].process;
  const info = ctx.layout.processes[process];
  if (ctx.knobs.exitTakesMmapSem && s.locks[info.mmapSem].writer !== -1) return undefined;
  const lastUser = info.tasks.every((u) => u === t || s.tasks[u].exited);
  const freed = lastUser && !s.mms[process].reaped ? info.pages : 0;
  const parts = [ctx.knobs.exitTakesMmapSem ? `exit_mm(): down_read(${lockName(ctx, info.mmapSem)}) ok` : 'exit_mm()'];
  parts.push(lastUser ? `last user: exit_mmap() frees ${pagesText(freed)}` : 'mm still used by other threads');
  if (s.tasks[t].memdie) parts.push(`exit_oom_victim(${taskName(ctx, t)})`);
  return {
    label: parts.join('; '),
    apply: (d) => {
      const task = d.tasks[t];
      task.exited = true;
      task.alloc = 0;
      task.charged = false;
      task.memdie = false;
      task.pc = ctx.layout.tasks[t].program.length;
      if (lastUser) {
        d.mms[process].freed = true;
        freeMmPages(ctx, d, process, freed);
      }
    },
  };
}
