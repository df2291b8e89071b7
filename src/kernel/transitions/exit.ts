import type { Layout } from '../layout.js';
import { ExitMmapStage, type KernelState } from '../state.js';
import { reapablePages } from './reaper.js';
import { lastMmUser, stillUsedText } from './sharedMm.js';
import { freeMmPages, lockName, mmOfTask, pagesText, taskName, type Context, type Step } from './step.js';
import { event, type StepEvent, type StepEventOf } from './stepEvent.js';

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

/** Whether task `t` still uses its process's mm: not gone, not past exit_mm(), and not the last user inside exit_mmap() (what find_lock_task_mm() looks for). */
export function hasMm(layout: Layout, s: KernelState, t: number): boolean {
  return !s.tasks[t].exited && !pastExitMm(layout, s, t) && s.mms[layout.processes[layout.tasks[t].process].mm].exitMmap === ExitMmapStage.None;
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
  const mm = mmOfTask(ctx, t);
  if (s.mms[mm].exitMmap !== ExitMmapStage.None) return exitMmapStep(ctx, s, t, cause);
  if (exitMmBlocks(ctx, s, t)) return undefined;
  const lastUser = lastMmUser(ctx, s, t);
  const released = () =>
    ctx.knobs.exitTakesMmapSem
      ? event('mm-released', `exit_mm(): down_read(${lockName(ctx, info.mmapSem)}) ok`, { process, lock: info.mmapSem })
      : event('mm-released', 'exit_mm()', { process, lock: -1 });
  if (lastUser && ctx.knobs.exitMmap !== 'atomic') {
    // exit_mm(): current->mm = NULL, then mmput(): mm_users drops to 0 and __mmput() begins.
    return {
      events: () => [released(), event('exit-mmap-begun', 'last user: mmput(): mm_users 0, __mmput() begins', { process })],
      apply: (d) => void (d.mms[mm].exitMmap = ExitMmapStage.Begun),
    };
  }
  const freed = s.mms[mm].reaped ? ctx.layout.mms[mm].unreapable : ctx.layout.mms[mm].pages;
  const torn = () => (lastUser ? event('mm-torn-down', `last user: exit_mmap() frees ${pagesText(freed)}`, { process, pages: freed }) : event('mm-still-used', stillUsedText(ctx, s, t), { process }));
  return endOfExitMm(ctx, s, t, cause, lastUser ? freed : -1, () => [released(), torn()]);
}

/**
 * The rest of exit_mm() once the mm is dropped: `freed` pages come back
 * (the last user's teardown; −1 when the mm is still used), then
 * exit_oom_victim(); the task goes on past its `exit_mm` operation, or is
 * gone (`exit`, or killed in user space). `events` are those of the mm.
 */
function endOfExitMm(ctx: Context, s: KernelState, t: number, cause: ExitCause, freed: number, events: () => StepEvent[]): Step {
  const mm = mmOfTask(ctx, t);
  const memdie = s.tasks[t].memdie;
  // Only the program's own exit_mm operation lives on; a task killed in user space runs the whole of do_exit().
  const goesOn = cause === 'do_exit' && ctx.layout.tasks[t].program[s.tasks[t].pc]?.op === 'exit_mm';
  const lastUser = freed >= 0;
  return {
    events: () => [...events(), ...(memdie ? [event('victim-exited', ctx.names.exitVictim(taskName(ctx, t)), { task: t })] : [])],
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
        d.mms[mm].exitMmap = ExitMmapStage.None;
        freeMmPages(ctx, d, mm, freed);
      }
    },
  };
}

/**
 * The next step of exit_mmap() by task `t`, the last user of its mm, per
 * `exitMmap` (see the knob): 27ae357fa82b (4.17) first reaps a victim's
 * mm itself — under oom_lock while `reaperTakesOomLock`, so it waits for
 * an oom_lock holder — and sets MMF_OOM_SKIP, then cycles mmap_sem
 * (down_write/up_write: the reaper is one step here, so nobody is inside
 * it); then unmap_vmas() frees what is left (all, or what the reaper
 * skips once the mm is reaped) — 212925802454 (4.14) sets MMF_OOM_SKIP
 * after it, 4.9's __mmput() after exit_mmap() (a freed mm counts as
 * flagged) — and exit_mm() ends.
 */
function exitMmapStep(ctx: Context, s: KernelState, t: number, cause: ExitCause): Step | undefined {
  const { knobs, layout } = ctx;
  const mmIndex = mmOfTask(ctx, t);
  const mm = s.mms[mmIndex];
  const info = layout.mms[mmIndex];
  const process = layout.tasks[t].process;
  if (knobs.exitMmap === 'reap-skip' && mm.exitMmap === ExitMmapStage.Begun && mm.victim) {
    if (knobs.reaperTakesOomLock && s.oomLock !== -1) return undefined;
    const pages = mm.reaped ? 0 : reapablePages(info);
    const lock = knobs.reaperTakesOomLock ? 'mutex_lock(&oom_lock), ' : '';
    return {
      events: () => [
        event(
          'exit-mmap-reaped',
          `exit_mmap(): mm_is_oom_victim: ${lock}__oom_reap_task_mm() frees ${pagesText(pages)}; MMF_OOM_SKIP set; down_write/up_write(${lockName(ctx, layout.processes[process].mmapSem)})`,
          { process, pages },
        ),
      ],
      apply: (d) => {
        const m = d.mms[mmIndex];
        m.reaped = true;
        m.flagged = true;
        m.exitMmap = ExitMmapStage.Skipped;
        freeMmPages(ctx, d, mmIndex, pages);
      },
    };
  }
  const freed = mm.reaped ? info.unreapable : info.pages;
  const then = knobs.exitMmap === 'unmap-skip' ? '; MMF_OOM_SKIP set' : knobs.exitMmap === 'mmget' ? '; __mmput(): MMF_OOM_SKIP set' : '';
  return endOfExitMm(ctx, s, t, cause, freed, () => [event('mm-torn-down', `exit_mmap(): unmap_vmas() frees ${pagesText(freed)}${then}`, { process, pages: freed })]);
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
