import type { KernelState } from '../state.js';
import { lockName, pagesText, taskName, type Context, type Step } from './step.js';

/**
 * do_exit() of task `t`, as one step: exit_mm() — which takes the mm's
 * mmap_sem for read first when `exitTakesMmapSem`, so it waits for a
 * writer — drops the mm; the last user tears it down (exit_mmap frees the
 * pages the reaper has not already freed); exit_oom_victim() clears
 * TIF_MEMDIE. `why` says what made it exit.
 */
export function exitStep(ctx: Context, s: KernelState, t: number, why: string): Step | undefined {
  const process = ctx.layout.tasks[t].process;
  const info = ctx.layout.processes[process];
  if (ctx.knobs.exitTakesMmapSem && s.locks[info.mmapSem].writer !== -1) return undefined;
  const lastUser = info.tasks.every((u) => u === t || s.tasks[u].exited);
  const freed = lastUser && !s.mms[process].reaped ? info.pages : 0;
  const parts = [why];
  if (ctx.knobs.exitTakesMmapSem) parts.push(`exit_mm(): down_read(${lockName(ctx, info.mmapSem)}) ok`);
  parts.push(lastUser ? `last user: exit_mmap() frees ${pagesText(freed)}` : 'mm still used by other threads');
  if (s.tasks[t].memdie) parts.push(`exit_oom_victim(${taskName(ctx, t)})`);
  return {
    label: parts.join('; '),
    apply: (d) => {
      const task = d.tasks[t];
      task.exited = true;
      task.alloc = 0;
      task.memdie = false;
      task.pc = ctx.layout.tasks[t].program.length;
      if (lastUser) {
        d.mms[process].freed = true;
        d.free += freed;
      }
    },
  };
}
