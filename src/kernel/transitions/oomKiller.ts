import { AllocStage, type KernelState } from '../state.js';
import { wakeOomReaper } from './reaper.js';
import { taskName, type Context, type Step } from './step.js';

/** The victim-selection outcome of select_bad_process(), decided on a state. */
type Selection =
  | { readonly kind: 'abort'; readonly blocker: number }
  | { readonly kind: 'none' }
  | { readonly kind: 'kill'; readonly process: number; readonly points: number };

/**
 * Whether task `u` makes victim selection abort under the design: a live
 * TIF_MEMDIE task (its mm unflagged, for `memdie-unflagged`); for
 * `victim-unflagged` (4.9) any live thread of a process marked as a victim
 * whose mm is not flagged. A timed-out victim no longer blocks.
 */
function blocksSelection(ctx: Context, s: KernelState, u: number): boolean {
  const { knobs } = ctx;
  const task = s.tasks[u];
  const mm = s.mms[ctx.layout.tasks[u].process];
  if (task.exited) return false;
  if (knobs.victimAbortsSelection === 'victim-unflagged') {
    if (!mm.victim || mm.flagged) return false;
  } else if (!task.memdie || (knobs.victimAbortsSelection === 'memdie-unflagged' && mm.flagged)) {
    return false;
  }
  if (knobs.memdieSkipAfter > 0 && task.memdieAborts >= knobs.memdieSkipAfter) return false;
  return true;
}

/**
 * select_bad_process(): abort while an earlier victim still blocks
 * selection (OOM_SCAN_ABORT); otherwise the process with the most points —
 * its mm's pages not yet reaped, plus oom_score_adj × total / 1000 —
 * among those with a live thread, not OOM_SCORE_ADJ_MIN and not flagged
 * by the reaper; the first one on a tie.
 */
function selectBadProcess(ctx: Context, s: KernelState): Selection {
  const blocker = s.tasks.findIndex((_, u) => blocksSelection(ctx, s, u));
  if (blocker !== -1) return { kind: 'abort', blocker };
  let best: Selection = { kind: 'none' };
  ctx.layout.processes.forEach((p, pi) => {
    const mm = s.mms[pi];
    // A reaped mm is never chosen again: the first reaper set its oom_score_adj
    // to OOM_SCORE_ADJ_MIN, 4.7's MMF_OOM_REAPED made its badness 0.
    if (p.oomScoreAdj === -1000 || mm.flagged || mm.reaped || p.tasks.every((u) => s.tasks[u].exited)) return;
    const points = Math.max(1, p.pages + Math.trunc((p.oomScoreAdj * ctx.layout.totalPages) / 1000));
    if (best.kind !== 'kill' || points > best.points) best = { kind: 'kill', process: pi, points };
  });
  return best;
}

/**
 * Whether killing `process` now is needless: the request fits in free
 * memory, or another process's mm is in the reaper's hands, not yet
 * freed, and reapable right now — not flagged by the reaper, its mmap_sem
 * not held for write — so its memory is about to come back. Choosing the
 * same process again kills nobody new.
 */
function needless(ctx: Context, s: KernelState, pages: number, process: number): boolean {
  if (s.free >= pages) return true;
  const inHand = s.reaper.current;
  if (inHand === -1) return false;
  const other = ctx.layout.tasks[inHand].process;
  const mm = s.mms[other];
  const reapable = !mm.flagged && s.locks[ctx.layout.processes[other].mmapSem].writer === -1;
  return other !== process && !mm.reaped && !mm.freed && reapable;
}

/**
 * out_of_memory() called by task `t`, which holds oom_lock, then
 * mutex_unlock(&oom_lock) and back to the allocator's retry loop:
 * - a dying current (fatal signal pending; with `shortcutRequiresUnflaggedMm`
 *   also its mm not flagged) is marked TIF_MEMDIE and nobody is killed
 *   (the shortcut; the reaper is woken only if the design says so);
 * - selection aborts while an earlier victim blocks it; with the timeout
 *   designs each abort is charged to that victim, which is skipped (or
 *   the kernel panics) once its count reaches the knob;
 * - no eligible process: panic;
 * - the chosen thread already exiting (PF_EXITING): mark it only, per
 *   `killExitingShortcut`;
 * - otherwise SIGKILL to every thread of the chosen process,
 *   mark_oom_victim() on its first thread that still has the mm
 *   (find_lock_task_mm()), wake_oom_reaper() on it.
 */
export function outOfMemoryStep(ctx: Context, s: KernelState, t: number, pages: number): Step {
  const { knobs, layout } = ctx;
  const name = taskName(ctx, t);
  const unlock = (d: KernelState) => {
    d.oomLock = -1;
    d.tasks[t].alloc = AllocStage.Retry;
  };
  const parts = (...xs: string[]) => ['out_of_memory()', ...xs.filter((x) => x !== ''), 'mutex_unlock(&oom_lock)'].join('; ');
  const ownMm = s.mms[layout.tasks[t].process];
  if (s.tasks[t].fatalSignal && !(knobs.shortcutRequiresUnflaggedMm && ownMm.flagged)) {
    const wake = knobs.shortcutWakesReaper ? wakeOomReaper(ctx, s, t) : undefined;
    const already = s.tasks[t].memdie;
    return {
      label: parts(`current ${name} has a fatal signal pending: ${already ? 'already TIF_MEMDIE' : `mark_oom_victim(${name})`}`, wake?.label ?? ''),
      apply: (d) => {
        if (!already) {
          d.tasks[t].memdie = true;
          d.tasks[t].memdieAborts = 0;
          d.mms[layout.tasks[t].process].victim = true;
        }
        wake?.apply(d);
        unlock(d);
      },
    };
  }
  const selection = selectBadProcess(ctx, s);
  if (selection.kind === 'abort') {
    const u = selection.blocker;
    const limit = Math.max(knobs.memdieSkipAfter, knobs.memdiePanicAfter);
    const aborts = s.tasks[u].memdieAborts + 1;
    const panics = knobs.memdiePanicAfter > 0 && aborts >= knobs.memdiePanicAfter;
    const timed = limit > 0 ? ` (${aborts} of ${limit})` : '';
    return {
      label: parts(`select_bad_process() aborts: ${taskName(ctx, u)} has TIF_MEMDIE${timed}`, panics ? `${taskName(ctx, u)} timed out: panic` : ''),
      apply: (d) => {
        // Count only when a timeout design needs the count; otherwise it would grow without bound.
        if (limit > 0) d.tasks[u].memdieAborts = Math.min(aborts, limit);
        if (panics) d.panicked = true;
        unlock(d);
      },
    };
  }
  if (selection.kind === 'none') {
    return { label: parts('no killable process: panic("Out of memory and no killable processes")'), apply: (d) => ((d.panicked = true), unlock(d)) };
  }
  const process = layout.processes[selection.process];
  const victim = process.tasks.find((u) => !s.tasks[u].exited)!;
  if (s.tasks[victim].exiting && knobs.killExitingShortcut !== 'none') {
    // oom_kill_process(): "If the task is already exiting, don't alarm the
    // sysadmin or kill its children or threads, just set TIF_MEMDIE".
    return {
      label: parts(
        `select_bad_process() picks ${process.name} (${selection.points} points)`,
        `${taskName(ctx, victim)} is already exiting: mark_oom_victim(${taskName(ctx, victim)}) only, no SIGKILL, no reaper`,
      ),
      apply: (d) => {
        d.tasks[victim].memdie = true;
        d.tasks[victim].memdieAborts = 0;
        d.mms[selection.process].victim = true;
        unlock(d);
      },
    };
  }
  const wake = wakeOomReaper(ctx, s, victim);
  const isNeedless = needless(ctx, s, pages, selection.process);
  return {
    label: parts(
      `select_bad_process() picks ${process.name} (${selection.points} points)`,
      `SIGKILL to ${process.name}`,
      `mark_oom_victim(${taskName(ctx, victim)})`,
      wake.label,
      isNeedless ? 'needless: memory is free or being reaped' : '',
    ),
    apply: (d) => {
      for (const u of process.tasks) if (!d.tasks[u].exited) d.tasks[u].fatalSignal = true;
      d.tasks[victim].memdie = true;
      d.tasks[victim].memdieAborts = 0;
      d.mms[selection.process].victim = true;
      wake.apply(d);
      if (isNeedless) d.needlessKill = true;
      unlock(d);
    },
  };
}
