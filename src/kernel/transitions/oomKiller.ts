import type { AllocOp, MmInfo } from '../layout.js';
import { AllocStage, ExitMmapStage, type KernelState } from '../state.js';
import { allocError, errnoText, failAlloc } from './allocEnd.js';
import { exitMmBlocks, hasMm, pastExitMm } from './exit.js';
import { reapablePages, wakeOomReaper } from './reaper.js';
import { processDying, sharerKill, sharerNotDying } from './sharedMm.js';
import { mmOfTask, pagesText, taskName, type Context, type Step } from './step.js';
import { event, type StepEvent } from './stepEvent.js';

/**
 * Whether allocation `op` may have the OOM killer kill for it: it needs
 * `__GFP_FS` ("The OOM killer does not compensate for IO-less reclaim"),
 * unless `__GFP_NOFAIL` overrides that (≤ 4.10, `nofailForcesOom`) or
 * Tetsuo Handa's `__GFP_MAY_OOMKILL` is honoured. Before 4.7 one that may
 * not never calls out_of_memory(); from 4.7 (`nofsCallsOutOfMemory`) it
 * does, for the dying-task shortcut only.
 */
export function mayInvokeOom(ctx: Context, op: AllocOp): boolean {
  const { gfp } = op;
  return gfp.fs || (gfp.nofail && ctx.knobs.nofailForcesOom) || (gfp.mayOomkill && ctx.knobs.tetsuoGfpFlags);
}

/** The events of an OOM killer call: `oom-entered`, what the OOM killer did (moved to its lane), `oom-left`. */
type OomEvents = (...done: readonly StepEvent[]) => StepEvent[];

/** The victim-selection outcome of select_bad_process(), decided on a state. */
type Selection = { readonly kind: 'abort'; readonly blocker: number } | { readonly kind: 'none' } | { readonly kind: 'kill'; readonly process: number; readonly points: number };

/**
 * Whether task `u` makes victim selection abort under the design: a live
 * TIF_MEMDIE task (its mm unflagged, for `memdie-unflagged`); for
 * `victim-unflagged` (4.9) any live thread of a process marked as a victim
 * whose mm is not flagged. A timed-out victim no longer blocks.
 */
function blocksSelection(ctx: Context, s: KernelState, u: number, memcg: number): boolean {
  const { knobs } = ctx;
  const task = s.tasks[u];
  const mm = s.mms[mmOfTask(ctx, u)];
  if (task.exited || !inScope(ctx, ctx.layout.tasks[u].process, memcg)) return false;
  if (knobs.victimAbortsSelection === 'victim-unflagged') {
    // A torn-down mm counts as flagged: 4.9's __mmput() sets MMF_OOM_SKIP after exit_mmap().
    if (!mm.victim || mm.flagged || mm.freed) return false;
  } else if (!task.memdie || (knobs.victimAbortsSelection === 'memdie-unflagged' && mm.flagged)) {
    return false;
  }
  return !timedOut(ctx, s, u);
}

/** Whether task `u` is a live TIF_MEMDIE victim whose wait has run out (`memdieSkipAfter`). */
function timedOut(ctx: Context, s: KernelState, u: number): boolean {
  const task = s.tasks[u];
  return ctx.knobs.memdieSkipAfter > 0 && task.memdie && !task.exited && task.memdieAborts >= ctx.knobs.memdieSkipAfter;
}

/** Whether process `p` is in the OOM killer's scope: everything, or one memcg (`memcg` ≥ 0). */
function inScope(ctx: Context, p: number, memcg: number): boolean {
  return memcg === -1 || ctx.layout.processes[p].memcg === memcg;
}

/**
 * select_bad_process() (for a memcg OOM: mem_cgroup_scan_tasks() over the
 * group): abort while an earlier victim still blocks
 * selection (OOM_SCAN_ABORT); otherwise the process with the most points —
 * oom_badness(): the pages of the mm it uses (shared or not) not yet
 * reaped, plus its own oom_score_adj × total / 1000 —
 * among those with a live thread, not OOM_SCORE_ADJ_MIN, not a vfork
 * child (`vforkSkip`), whose mm is not flagged by the reaper and without a
 * timed-out victim; the first one on a tie, or the last (`selectTieBreak`,
 * 5.3 on).
 */
function selectBadProcess(ctx: Context, s: KernelState, memcg: number): Selection {
  const blocker = s.tasks.findIndex((_, u) => blocksSelection(ctx, s, u, memcg));
  if (blocker !== -1) return { kind: 'abort', blocker };
  let best: Selection = { kind: 'none' };
  ctx.layout.processes.forEach((p, pi) => {
    if (!inScope(ctx, pi, memcg)) return;
    const mm = s.mms[p.mm];
    // A reaped mm is never chosen again: the first reaper set its oom_score_adj
    // to OOM_SCORE_ADJ_MIN, 4.7's MMF_OOM_REAPED made its badness 0.
    // oom_badness() is 0 when find_lock_task_mm() finds no thread with the mm (all exited or past exit_mm()).
    if (p.oomScoreAdj === -1000 || mm.flagged || mm.reaped || !p.tasks.some((u) => hasMm(ctx.layout, s, u))) return;
    // 4.8 (b18dc5f291c0): "in the middle of vfork": its mm is the parent's.
    if (p.vfork && ctx.knobs.vforkSkip) return;
    // A timed-out victim is skipped (OOM_SCAN_CONTINUE), so that the next one can be chosen.
    if (p.tasks.some((u) => timedOut(ctx, s, u))) return;
    const points = Math.max(1, ctx.layout.mms[p.mm].pages + Math.trunc((p.oomScoreAdj * ctx.layout.totalPages) / 1000));
    // On a tie, 3.x–5.2 keep the process met first, 5.3 on the later one (`selectTieBreak`).
    if (best.kind !== 'kill' || points > best.points || (points === best.points && ctx.knobs.selectTieBreak === 'last')) best = { kind: 'kill', process: pi, points };
  });
  return best;
}

/** Why a new victim is needless (`no-needless-kill`): which earlier victim's memory is certain to come back, and how. */
type NeedlessReason = { readonly kind: 'reaping'; readonly task: number } | { readonly kind: 'tearing-down'; readonly task: number; readonly pages: number } | { readonly kind: 'reaped-in-window' };

/**
 * Whether killing `process` now is needless (`no-needless-kill`) because
 * the memory of an earlier victim — another mm, marked a victim — is
 * certain to come back without any allocation, and enough of it to make
 * the request of `pages` fit (in free memory, or under the limit of
 * `memcg` if the mm is charged there):
 * - `reaping`: the victim is in the reaper's hands or queued for it
 *   (oom_reaper_list, the slot), its mm not yet reaped nor torn down and
 *   reapable right now (not flagged, its mmap_sem not held for write); the
 *   reaper frees all but the pages it skips (mlocked, hugetlb, shared file
 *   mappings);
 * - `tearing-down`: the mm's teardown by its last user is under way —
 *   __mmput() has begun (`exitMmap` designs other than `atomic`, where
 *   PF_EXITING alone does not count: do_exit() has still to reach exit_mm()),
 *   or, where exit_mm() is one step (`atomic`), the last user is PF_EXITING and its exit_mm() does
 *   not wait (no writer holds the mmap_sem; nobody else uses the mm to take
 *   it later) — whatever MMF_OOM_SKIP says; it frees what the reaper (or
 *   exit_mmap() itself, 4.17) has not. This is the kill issue 11 calls
 *   blind: MMF_OOM_SKIP set by the reaper on a victim whose exit_mmap() is
 *   still going to free its mlocked pages (4.9, 10 steps), or by 4.9's
 *   reaper finding mm_users 0 before exit_mmap() freed anything.
 * Choosing the same process again kills nobody new.
 */
function needless(ctx: Context, s: KernelState, process: number, pages: number, memcg: number): NeedlessReason | undefined {
  const target = ctx.layout.processes[process].mm;
  for (const v of reaperVictims(ctx, s)) {
    const m = mmOfTask(ctx, v);
    const mm = s.mms[m];
    const info = ctx.layout.mms[m];
    const reapable = !mm.flagged && s.locks[info.mmapSem].writer === -1 && !mm.reaped && !mm.freed && mm.exitMmap === ExitMmapStage.None;
    if (m !== target && reapable && fitsAfter(s, pages, memcg, info, reapablePages(info))) return { kind: 'reaping', task: v };
  }
  for (let m = 0; m < s.mms.length; m++) {
    const t = tearingDown(ctx, s, m);
    const left = exitPagesLeft(ctx, s, m);
    if (m !== target && t !== -1 && fitsAfter(s, pages, memcg, ctx.layout.mms[m], left)) return { kind: 'tearing-down', task: t, pages: left };
  }
  return undefined;
}

/** The victims the reaper has in hand or will take: the slot or the task it reaps, then oom_reaper_list from its head (a self-cycle visits each once). */
function reaperVictims(ctx: Context, s: KernelState): number[] {
  const out = s.reaper.current === -1 ? [] : [s.reaper.current];
  for (let t = s.reaper.head; t !== -1 && !out.includes(t); t = s.reaper.next[t]) out.push(t);
  return ctx.knobs.reaper === 'none' ? [] : out;
}

/**
 * The last user of victim mm `m` if its teardown is certain and under way
 * (see {@link needless}, `tearing-down`), else −1.
 */
function tearingDown(ctx: Context, s: KernelState, m: number): number {
  const mm = s.mms[m];
  if (!mm.victim || mm.freed) return -1;
  const users = ctx.layout.mms[m].users.flatMap((p) => ctx.layout.processes[p].tasks);
  const live = users.filter((u) => !s.tasks[u].exited && !pastExitMm(ctx.layout, s, u));
  if (live.length !== 1) return -1;
  const [t] = live;
  if (mm.exitMmap !== ExitMmapStage.None) return t;
  // Only where exit_mmap() is one step does PF_EXITING stand for it: elsewhere do_exit() has still
  // to reach exit_mm() (taskstats_exit() allocates on the way) and __mmput() to reach exit_mmap().
  return ctx.knobs.exitMmap === 'atomic' && s.tasks[t].exiting && !exitMmBlocks(ctx, s, t) ? t : -1;
}

/** The pages mm `m`'s teardown has still to free: what the reaper (or exit_mmap()'s own reap) left, or all of them. */
function exitPagesLeft(ctx: Context, s: KernelState, m: number): number {
  const info = ctx.layout.mms[m];
  return s.mms[m].reaped ? info.unreapable : info.pages;
}

/** Whether a request of `pages` fits once `back` pages of mm `info` come back (see {@link requestFits}). */
function fitsAfter(s: KernelState, pages: number, memcg: number, info: MmInfo, back: number): boolean {
  if (memcg === -1) return s.free + back >= pages;
  return s.memcgs[memcg].usage - (info.memcg === memcg ? back : 0) + pages <= s.memcgs[memcg].limit;
}

/** The `needless-kill` event's words, naming the case of `no-needless-kill`. */
function needlessText(ctx: Context, s: KernelState, why: NeedlessReason, pages: number, memcg: number): string {
  switch (why.kind) {
    case 'reaped-in-window': {
      // What is there now against what the request needs (the reaper may have freed more, or less with others' frees).
      const now = memcg === -1 ? `${pagesText(s.free)} free now` : `memcg usage ${s.memcgs[memcg].usage} of limit ${s.memcgs[memcg].limit} now`;
      return `needless (reaped-in-window): the reaper freed memory since its last attempt: ${now}, the request needs ${pagesText(pages)}`;
    }
    case 'reaping':
      return `needless (reaping): the oom_reaper is to reap earlier victim ${taskName(ctx, why.task)}'s mm`;
    case 'tearing-down': {
      const mm = ctx.layout.processes[ctx.layout.tasks[why.task].process].name;
      // Under `atomic` the last user is only PF_EXITING: its exit_mm() (and exit_mmap() with it) is the next step.
      const atomic = s.mms[mmOfTask(ctx, why.task)].exitMmap === ExitMmapStage.None;
      const where = `earlier victim ${taskName(ctx, why.task)} ${atomic ? 'is PF_EXITING, about to exit_mm()' : 'is in __mmput()'}`;
      if (why.pages === 0) return `needless (tearing-down): ${where}, nothing of ${mm}'s mm left to free: the request fits already`;
      return `needless (tearing-down): ${where}, ${atomic ? 'which frees' : 'whose exit_mmap() frees'} the ${pagesText(why.pages)} of ${mm}'s mm the request needs`;
    }
  }
}

/** `1 point`, `8 points`. */
function pointsText(points: number): string {
  return points === 1 ? '1 point' : `${points} points`;
}

/** The kernel's check that made select_bad_process() abort on victim `u`, per `victimAbortsSelection`. */
function abortReason(ctx: Context, u: number): string {
  const name = taskName(ctx, u);
  switch (ctx.knobs.victimAbortsSelection) {
    case 'any-memdie':
      return `${name} has TIF_MEMDIE`;
    case 'memdie-unflagged':
      // 4.8's oom_scan_process_thread(): atomic_read(&task->signal->oom_victims), unless find_lock_task_mm() finds the mm MMF_OOM_REAPED.
      return `signal->oom_victims of ${ctx.layout.processes[ctx.layout.tasks[u].process].name} (${name} has TIF_MEMDIE), its mm not ${ctx.names.mmFlag}`;
    case 'victim-unflagged':
      return `tsk_is_oom_victim(${name}), its mm not ${ctx.names.mmFlag}`;
  }
}

/** Whether the request already fits: in free memory, or (memcg OOM) in the memcg's room under its limit. */
function requestFits(s: KernelState, pages: number, memcg: number): boolean {
  return memcg === -1 ? s.free >= pages : s.memcgs[memcg].usage + pages <= s.memcgs[memcg].limit;
}

/**
 * Whether current (task `t`) takes out_of_memory()'s dying-task shortcut,
 * per `dyingCurrentShortcut`: a fatal signal pending or PF_EXITING, with
 * or without an mm (< 4.0; the memcg OOM until 4.8); only while current
 * still has its mm (d7a94e7e11ba, 4.0, global OOM); task_will_free_mem()
 * (4.8): current still has its mm, and its group is dying — killed
 * (SIGNAL_GROUP_EXIT), or exiting when it is alone.
 */
function currentIsDying(ctx: Context, s: KernelState, t: number, memcg: number): boolean {
  const { layout } = ctx;
  const task = s.tasks[t];
  const dying = task.fatalSignal || task.exiting;
  switch (ctx.knobs.dyingCurrentShortcut) {
    case 'any-dying':
      return dying;
    case 'current-mm':
      return dying && (memcg !== -1 || hasMm(layout, s, t));
    case 'task-will-free-mem': {
      // 4.8 as merged: `struct mm_struct *mm = task->mm; … if (!mm) return false;` (the
      // find_lock_task_mm() of the posted patch was dropped by mm-oom-fortify-task_will_free_mem-fix,
      // linux-mm 29 Jun 2016), then the group must be going down (SIGNAL_GROUP_EXIT) unless alone.
      // thread_group_empty() counts the threads still in the group: those that have not exited.
      const live = layout.processes[layout.tasks[t].process].tasks.filter((u) => !s.tasks[u].exited);
      return hasMm(layout, s, t) && (task.fatalSignal || (task.exiting && live.length === 1));
    }
  }
}

/**
 * task_will_free_mem(p) in oom_kill_process() (4.8) for the chosen
 * process, p its leader: p still has its mm, its group is dying (killed,
 * or p exiting alone), the mm is not flagged (with
 * `shortcutRequiresUnflaggedMm`), and every other process using the mm is
 * dying too.
 */
function chosenWillFreeMem(ctx: Context, s: KernelState, process: number): boolean {
  const { layout, knobs } = ctx;
  const leader = layout.processes[process].tasks[0];
  if (!hasMm(layout, s, leader) || !processDying(ctx, s, process)) return false;
  if (knobs.shortcutRequiresUnflaggedMm && s.mms[layout.processes[process].mm].flagged) return false;
  return sharerNotDying(ctx, s, leader) === -1;
}

/** Why current counts as dying, for the shortcut's text. */
function dyingText(ctx: Context, s: KernelState, t: number): string {
  const task = s.tasks[t];
  const why = task.fatalSignal ? 'has a fatal signal pending' : 'is exiting (PF_EXITING)';
  return hasMm(ctx.layout, s, t) ? why : `${why}, past exit_mm() with no mm`;
}

/**
 * out_of_memory() called by task `t`, which holds oom_lock, then
 * mutex_unlock(&oom_lock) and back to the allocator's retry loop — or,
 * for `memcg` ≥ 0, mem_cgroup_out_of_memory() under that group's OOM
 * lock (from 4.19, `memcgOomLock: oom-lock`, under oom_lock; in 4.2-4.18,
 * `memcg-trylock+oom-lock`, under both), choosing
 * among its processes, then back to retrying the charge:
 * - a dying current (see {@link currentIsDying}; with `shortcutRequiresUnflaggedMm`
 *   also its mm not flagged, with `shortcutNeedsSharersDying` also every
 *   process sharing its mm dying) is marked TIF_MEMDIE and nobody is killed
 *   (the shortcut; the reaper is woken only if the design says so);
 * - a GFP_NOFS allocation (`nofsCallsOutOfMemory`, 4.7) kills nobody;
 * - selection aborts while an earlier victim blocks it; with the timeout
 *   designs each abort is charged to that victim, which is skipped (or
 *   the kernel panics) once its count reaches the knob;
 * - no eligible process: panic; in a memcg, per `memcgNoVictim`, retry
 *   the charge, fail it, or force it over the limit (4.19 OOM_FAILED);
 *   a GFP_NOFS charge kills nobody under `memcgNofsOom: no-kill` (4.19);
 * - the chosen thread already exiting (PF_EXITING): mark it only, per
 *   `killExitingShortcut`;
 * - otherwise SIGKILL to every thread of the chosen process,
 *   mark_oom_victim() on its first thread that still has the mm
 *   (find_lock_task_mm()), SIGKILL to the other processes using the mm
 *   (`killSharers`), and wake_oom_reaper() on the victim unless a sharer
 *   was spared (can_oom_reap false; `sharedUnkillableMm: flag-skip` also
 *   flags the mm).
 */
export function outOfMemoryStep(ctx: Context, s: KernelState, t: number, op: AllocOp, memcg: number): Step {
  const { pages } = op;
  const { knobs, layout } = ctx;
  const name = taskName(ctx, t);
  const global = memcg === -1;
  // A memcg OOM holds its group's OOM lock (<4.19), or from 4.19 (`memcgOomLock: oom-lock`) the global oom_lock, or both in 4.2-4.18 (`memcg-trylock+oom-lock`).
  const onOomLock = global || s.oomLock === t;
  const onMemcgLock = !global && s.memcgs[memcg].oomLock === t;
  const unlock = (d: KernelState) => {
    if (onOomLock) d.oomLock = -1;
    if (onMemcgLock) d.memcgs[memcg].oomLock = -1;
    d.tasks[t].alloc = global ? AllocStage.Retry : AllocStage.ChargeRetry;
  };
  const call = global ? 'out_of_memory()' : 'mem_cgroup_out_of_memory()';
  const release = [...(onOomLock ? [ctx.names.oomUnlock] : []), ...(onMemcgLock ? ['mem_cgroup_oom_unlock()'] : [])].join(', ');
  const ownMm = s.mms[mmOfTask(ctx, t)];
  const self = s.tasks[t];
  const dying = self.memdie ? 'TIF_MEMDIE' : self.fatalSignal ? 'SIGKILL pending' : self.exiting ? 'PF_EXITING' : undefined;
  // A panic does not return: no release after it.
  const base: OomEvents = (...done) => [
    event('oom-entered', call, { memcg }),
    ...done.map((e): StepEvent => ({ ...e, lane: 'oom-killer' })),
    ...(done.some((e) => e.kind === 'panic') ? [] : [event('oom-left', release, { memcg })]),
  ];
  if (!global && knobs.memcgOomSkipsDying && dying !== undefined) {
    // 5.1 (7775face2079): should_force_charge() || out_of_memory(): a dying caller kills nobody and forces its charge on the retry.
    return {
      events: () => base(event('dying-no-kill', `should_force_charge(): current ${name} has ${dying}: nobody killed`, { memcg, task: t, why: dying })),
      apply: unlock,
    };
  }
  const dyingCurrent = currentIsDying(ctx, s, t, memcg);
  const liveSharer = dyingCurrent && knobs.shortcutNeedsSharersDying ? sharerNotDying(ctx, s, t) : -1;
  // task_will_free_mem(current) said no (4.8): the OOM killer goes on as for anyone, and says why first.
  const parts: OomEvents = (...done) =>
    liveSharer === -1
      ? base(...done)
      : base(event('shortcut-refused', `task_will_free_mem(${name}) is false: ${layout.processes[liveSharer].name} shares the mm and is not dying`, { task: t, sharer: liveSharer }), ...done);
  if (dyingCurrent && !(knobs.shortcutRequiresUnflaggedMm && ownMm.flagged) && liveSharer === -1) {
    const wake = knobs.shortcutWakesReaper ? wakeOomReaper(ctx, s, t) : undefined;
    const already = s.tasks[t].memdie;
    return {
      events: () =>
        parts(
          event('dying-current', `current ${name} ${dyingText(ctx, s, t)}: ${already ? 'already TIF_MEMDIE' : ctx.names.markVictim(name)}`, { task: t, marked: !already }),
          ...(wake?.events() ?? []),
        ),
      apply: (d) => {
        if (!already) {
          d.tasks[t].memdie = true;
          d.tasks[t].memdieAborts = 0;
          d.mms[mmOfTask(ctx, t)].victim = true;
        }
        wake?.apply(d);
        unlock(d);
      },
    };
  }
  if (global && !mayInvokeOom(ctx, op)) {
    // 4.7 (3da88fb3bacf): "The OOM killer does not compensate for IO-less reclaim" — after the shortcut.
    return { events: () => parts(event('nofs-no-kill', '!__GFP_FS: the OOM killer does not compensate for IO-less reclaim: out_of_memory() returns true, nobody killed', { memcg })), apply: unlock };
  }
  if (!global && !op.gfp.fs && knobs.memcgNofsOom === 'no-kill') {
    // 4.19-5.3: out_of_memory() returns true for !__GFP_FS without killing, and try_charge() takes that as OOM_SUCCESS.
    return { events: () => parts(event('nofs-no-kill', 'GFP_NOFS: "The OOM killer does not compensate for IO-less reclaim": nobody killed, OOM_SUCCESS', { memcg })), apply: unlock };
  }
  const selection = selectBadProcess(ctx, s, memcg);
  if (selection.kind === 'abort') {
    const u = selection.blocker;
    const limit = Math.max(knobs.memdieSkipAfter, knobs.memdiePanicAfter);
    const aborts = s.tasks[u].memdieAborts + 1;
    const panics = knobs.memdiePanicAfter > 0 && aborts >= knobs.memdiePanicAfter;
    const timed = limit > 0 ? ` (${aborts} of ${limit})` : '';
    return {
      events: () =>
        parts(
          event('selection-aborted', `select_bad_process() aborts: ${abortReason(ctx, u)}${timed}`, { blocker: u, aborts: limit > 0 ? aborts : 0, limit }),
          ...(panics ? [event('panic', `${taskName(ctx, u)} timed out: panic`, { reason: 'victim-timed-out', task: u })] : []),
        ),
      apply: (d) => {
        // Count only when a timeout design needs the count; otherwise it would grow without bound.
        if (limit > 0) d.tasks[u].memdieAborts = Math.min(aborts, limit);
        if (panics) d.panicked = true;
        unlock(d);
      },
    };
  }
  if (selection.kind === 'none') {
    if (global) {
      const panic = event('panic', `no killable process: ${ctx.names.noVictimPanic}`, { reason: 'no-killable-process', task: -1 });
      return { events: () => parts(panic), apply: (d) => ((d.panicked = true), unlock(d)) };
    }
    return noVictimStep(ctx, s, t, op, memcg, parts, unlock);
  }
  // Before 9bfe5ded054b (4.19) out_of_memory() sleeps after a kill, with
  // oom_lock held: schedule_timeout_killable(1) ("Give the killed process a
  // good chance to exit"); a step of its own with CPUs modelled, after which
  // the holder needs its CPU again to unlock (allocator.ts).
  const sleeps = global && knobs.oomLockHolderSleeps && layout.cpus > 0;
  const killed: OomEvents = sleeps ? (...done) => [...parts(...done).slice(0, -1), event('oom-sleep', `schedule_timeout_killable(1) with ${ctx.names.oomLockName} held`)] : parts;
  const afterKill = sleeps ? (d: KernelState) => void (d.tasks[t].alloc = AllocStage.OomSleep) : unlock;
  const process = layout.processes[selection.process];
  // find_lock_task_mm(): the first thread that still has the mm.
  const victim = process.tasks.find((u) => hasMm(layout, s, u))!;
  const leader = process.tasks[0];
  if (knobs.killExitingShortcut === 'task-will-free-mem' && chosenWillFreeMem(ctx, s, selection.process)) {
    // 4.8 (1af8bb432695): task_will_free_mem(p) → mark_oom_victim(p); wake_oom_reaper(p); return — no new kill.
    const wake = wakeOomReaper(ctx, s, leader);
    const name = taskName(ctx, leader);
    return {
      events: () =>
        parts(
          event('victim-selected', `select_bad_process() picks ${process.name} (${pointsText(selection.points)})`, { process: selection.process, points: selection.points }),
          event('victim-marked', `task_will_free_mem(${name}): ${s.tasks[leader].memdie ? `${name} already TIF_MEMDIE` : ctx.names.markVictim(name)} only, no new SIGKILL`, {
            task: leader,
            exiting: true,
          }),
          ...wake.events(),
        ),
      apply: (d) => {
        d.tasks[leader].memdie = true;
        d.tasks[leader].memdieAborts = 0;
        d.mms[process.mm].victim = true;
        wake.apply(d);
        unlock(d);
      },
    };
  }
  if (s.tasks[victim].exiting && knobs.killExitingShortcut === 'mark-only') {
    // oom_kill_process(): "If the task is already exiting, don't alarm the
    // sysadmin or kill its children or threads, just set TIF_MEMDIE".
    return {
      events: () =>
        killed(
          event('victim-selected', `select_bad_process() picks ${process.name} (${pointsText(selection.points)})`, { process: selection.process, points: selection.points }),
          event('victim-marked', `${taskName(ctx, victim)} is already exiting: ${ctx.names.markVictim(taskName(ctx, victim))} only, no SIGKILL, no reaper`, { task: victim, exiting: true }),
        ),
      apply: (d) => {
        d.tasks[victim].memdie = true;
        d.tasks[victim].memdieAborts = 0;
        d.mms[process.mm].victim = true;
        afterKill(d);
      },
    };
  }
  const sharers = sharerKill(ctx, s, selection.process);
  // can_oom_reap: false while a process using the mm is spared (it would go on using the memory).
  const canOomReap = sharers.spared.length === 0;
  const flagShared = !canOomReap && knobs.sharedUnkillableMm === 'flag-skip';
  const wake = canOomReap ? wakeOomReaper(ctx, s, victim) : undefined;
  const sharerName = (p: number): string => layout.processes[p].name;
  const fits = requestFits(s, pages, memcg);
  // The reaper freed memory for this request since its last attempt (reapWindow.ts): the kill is the design's, not the exit race's.
  const why: NeedlessReason | undefined = fits && s.tasks[t].reapedSinceAttempt ? { kind: 'reaped-in-window' } : needless(ctx, s, selection.process, pages, memcg);
  const isNeedless = why !== undefined;
  const afterRace = fits && why?.kind !== 'reaped-in-window';
  return {
    events: () =>
      killed(
        event('victim-selected', `select_bad_process() picks ${process.name} (${pointsText(selection.points)})`, { process: selection.process, points: selection.points }),
        event('sigkill-sent', `SIGKILL to ${process.name}`, { process: selection.process }),
        event('victim-marked', ctx.names.markVictim(taskName(ctx, victim)), { task: victim, exiting: false }),
        ...sharers.killed.map((p) => event('sharer-killed', `kills ${sharerName(p)} sharing the mm: SIGKILL to ${sharerName(p)}`, { process: p })),
        ...sharers.spared.map((p) =>
          event(
            'sharer-spared',
            // Without an OOM reaper (before 4.6) there is no can_oom_reap: the loop only skips the process.
            knobs.reaper === 'none'
              ? `spares unkillable process ${sharerName(p)} sharing the mm (OOM_SCORE_ADJ_MIN)`
              : `can_oom_reap is false: mm shared with unkillable process ${sharerName(p)} (OOM_SCORE_ADJ_MIN), the reaper is not woken`,
            { process: p },
          ),
        ),
        ...(flagShared
          ? [event('shared-mm-flagged', `${ctx.names.mmFlag} set on the mm shared with ${sharers.spared.map(sharerName).join(', ')}: the OOM killer ignores it`, { process: sharers.spared[0] })]
          : []),
        ...(wake?.events() ?? []),
        ...(why !== undefined
          ? [
              event('needless-kill', needlessText(ctx, s, why, pages, memcg), {
                case: why.kind,
                task: why.kind === 'reaped-in-window' ? -1 : why.task,
                pages: why.kind === 'tearing-down' ? why.pages : pages,
              }),
            ]
          : []),
        ...(afterRace ? [event('race-kill', `the ${pagesText(pages)} it needs are already free (freed since its last attempt)`, { pages })] : []),
      ),
    apply: (d) => {
      for (const u of process.tasks) if (!d.tasks[u].exited) d.tasks[u].fatalSignal = true;
      for (const p of sharers.killed) for (const u of layout.processes[p].tasks) if (!d.tasks[u].exited) d.tasks[u].fatalSignal = true;
      d.tasks[victim].memdie = true;
      d.tasks[victim].memdieAborts = 0;
      d.mms[process.mm].victim = true;
      if (flagShared) d.mms[process.mm].flagged = true;
      wake?.apply(d);
      if (isNeedless) d.needlessKill = true;
      if (afterRace) d.raceKill = true;
      afterKill(d);
    },
  };
}

/**
 * mem_cgroup_out_of_memory() found no victim in the group: retry the
 * charge; fail it (Weiner 2015); or (4.19, OOM_FAILED) force it over the
 * limit — the case Greg Thelen (seed 001) says is normal when the
 * caller's mm was already reaped — then the page allocator.
 */
function noVictimStep(ctx: Context, s: KernelState, t: number, op: AllocOp, m: number, parts: OomEvents, unlock: (d: KernelState) => void): Step {
  const name = ctx.layout.memcgs[m].name;
  const { pages } = op;
  if (ctx.knobs.memcgNoVictim === 'retry') return { events: () => parts(event('no-victim', `no killable task in memcg ${name}`, { memcg: m, outcome: 'retry', error: undefined })), apply: unlock };
  if (ctx.knobs.memcgNoVictim === 'fail') {
    return {
      events: () => parts(event('no-victim', `no killable task in memcg ${name}: the charge fails: ${errnoText(op)}`, { memcg: m, outcome: 'fail', error: allocError(op) })),
      apply: (d) => {
        unlock(d);
        failAlloc(ctx, d, t, op, true);
      },
    };
  }
  const usage = s.memcgs[m].usage + pages;
  return {
    events: () =>
      parts(
        event('no-victim', `no killable task in memcg ${name}: OOM_FAILED`, { memcg: m, outcome: 'force', error: undefined }),
        event('charge-forced', `force: charged${usage > s.memcgs[m].limit ? ' over the limit' : ''} (usage ${usage}/${s.memcgs[m].limit})`, { memcg: m, mode: 'force', why: 'no-victim' }),
      ),
    apply: (d) => {
      unlock(d);
      d.memcgs[m].usage += pages;
      d.tasks[t].charged = true;
      d.tasks[t].alloc = AllocStage.Retry;
    },
  };
}
