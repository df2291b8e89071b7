import { gfpText } from '../gfp.js';
import type { AllocOp } from '../layout.js';
import { AllocStage, type KernelState } from '../state.js';
import { chargeStep } from './charge.js';
import { aboutToFault, allocFailed, completeAlloc, failAlloc } from './allocEnd.js';
import { mayInvokeOom, outOfMemoryStep } from './oomKiller.js';
import { lockName, mmOfTask, pagesText, taskName, type Context, type Step } from './step.js';
import { event } from './stepEvent.js';

/**
 * The next step of task `t` in allocation `op`. A user fault first takes
 * its own mmap_sem for read (handle_mm_fault() runs under it); a task of
 * a memcg then charges the pages (see `charge.ts`); then the page
 * allocator (see {@link pageAllocatorStep}).
 */
export function allocStep(ctx: Context, s: KernelState, t: number, op: AllocOp): Step | undefined {
  const task = s.tasks[t];
  const process = ctx.layout.processes[ctx.layout.tasks[t].process];
  if (aboutToFault(task, op)) {
    if (s.locks[process.mmapSem].writer !== -1) return undefined;
    const retry = task.alloc !== AllocStage.None;
    return {
      events: () => [event('fault-entered', `${retry ? 'the fault is retried' : 'page fault'}: down_read(${lockName(ctx, process.mmapSem)})`, { lock: process.mmapSem, retry })],
      apply: (d) => {
        d.locks[process.mmapSem].readers |= 1 << t;
        d.tasks[t].inFault = true;
      },
    };
  }
  if (process.memcg !== -1 && !task.charged) return chargeStep(ctx, s, t, op, process.memcg);
  return pageAllocatorStep(ctx, s, t, op);
}

/**
 * The page allocator for task `t` (the pages are already charged, if the
 * task is in a memcg). Fast path: the freelist; `__GFP_NORETRY` fails
 * there. Slow path, one step per stage (see {@link AllocStage}): retry
 * the freelist, or the reserves for an OOM victim ({@link reserveStep}) —
 * which, if they do not suffice, fail the allocation instead of looping,
 * unless `__GFP_NOFAIL`; `__GFP_KILLABLE` (if honoured) gives up
 * on SIGKILL; `__GFP_RETRY_MAYFAIL` gives up; an allocation that may not
 * OOM-kill (GFP_NOFS) keeps looping "as per tradition", or takes reserves
 * if it is `__GFP_NOFAIL` and the design allows (4.11); otherwise
 * `mutex_trylock(&oom_lock)`, whose loser sleeps a tick and retries —
 * modelled as waiting (no step) until oom_lock is free or memory appears;
 * under oom_lock a last-second freelist attempt (if the design has it),
 * then out_of_memory().
 */
export function pageAllocatorStep(ctx: Context, s: KernelState, t: number, op: AllocOp): Step | undefined {
  const task = s.tasks[t];
  const { pages, gfp } = op;
  const done = (d: KernelState) => completeAlloc(ctx, d, t);
  switch (task.alloc) {
    case AllocStage.Retry:
      break;
    case AllocStage.LastSecond:
      if (s.free >= pages) {
        return {
          events: () => [
            event('page-allocated', `get_page_from_freelist(ALLOC_WMARK_HIGH) ok under ${ctx.names.oomLockName}`, { pages, from: 'last-second' }),
            event('oom-lock-released', ctx.names.oomUnlock),
          ],
          apply: (d) => {
            d.free -= pages;
            d.oomLock = -1;
            done(d);
          },
        };
      }
      return {
        events: () => [event('last-second-allocation-failed', `get_page_from_freelist(ALLOC_WMARK_HIGH) fails under ${ctx.names.oomLockName}`)],
        apply: (d) => void (d.tasks[t].alloc = AllocStage.OutOfMemory),
      };
    case AllocStage.OutOfMemory:
      return outOfMemoryStep(ctx, s, t, op, -1);
    case AllocStage.RetrySleep:
    case AllocStage.OomSleep:
    case AllocStage.OomUnlock:
      return oomLockSleepStep(ctx, s, t);
    default: {
      const what = () => `alloc(${pages}${gfp.fs && !gfp.nofail && !gfp.noretry && !gfp.retryMayfail ? '' : `, ${gfpText(op.gfp)}`})`;
      if (s.free >= pages) return { events: () => [event('page-allocated', `${what()}: get_page_from_freelist() ok`, { pages, from: 'freelist' })], apply: (d) => ((d.free -= pages), done(d)) };
      if (gfp.noretry) {
        return {
          events: () => [event('freelist-failed', `${what()}: get_page_from_freelist() fails`, { pages }), allocFailed('noretry', '__GFP_NORETRY', op, task)],
          apply: (d) => failAlloc(ctx, d, t, op, false),
        };
      }
      return { events: () => [event('slowpath-entered', `${what()}: get_page_from_freelist() fails: __alloc_pages_slowpath()`, { pages })], apply: (d) => void (d.tasks[t].alloc = AllocStage.Retry) };
    }
  }
  if (s.free >= pages) return { events: () => [event('page-allocated', 'retry: get_page_from_freelist() ok', { pages, from: 'freelist' })], apply: (d) => ((d.free -= pages), done(d)) };
  const reserves = reserveStep(ctx, s, t, op);
  if (reserves !== undefined) return reserves;
  if (gfp.killable && ctx.knobs.tetsuoGfpFlags && task.fatalSignal) {
    return { events: () => [allocFailed('killable', '__GFP_KILLABLE: SIGKILL pending, the allocation gives up', op, task)], apply: (d) => failAlloc(ctx, d, t, op, false) };
  }
  if (gfp.retryMayfail) return { events: () => [allocFailed('retry-mayfail', '__GFP_RETRY_MAYFAIL: no progress, no OOM killer', op, task)], apply: (d) => failAlloc(ctx, d, t, op, false) };
  if (!mayInvokeOom(ctx, op)) {
    if (gfp.nofail && ctx.knobs.nofailUsesReserves && s.reserves >= pages) {
      return {
        events: () => [event('page-allocated', `__GFP_NOFAIL: __alloc_pages_cpuset_fallback(): ${pagesText(pages)} from the reserves`, { pages, from: 'nofail-reserves' })],
        apply: (d) => ((d.reserves -= pages), done(d)),
      };
    }
    // From 4.7 the allocation goes on to out_of_memory() (under oom_lock, below), for its dying-task shortcut only.
    if (!ctx.knobs.nofsCallsOutOfMemory) return loopsWithoutOom(op);
  }
  if (s.oomLock === -1) {
    const next = ctx.knobs.lastSecondAllocation ? AllocStage.LastSecond : AllocStage.OutOfMemory;
    return { events: () => [event('oom-lock-taken', `no memory: ${ctx.names.oomTrylock} ok`, { memcg: -1, how: 'trylock' })], apply: (d) => ((d.oomLock = t), void (d.tasks[t].alloc = next)) };
  }
  // The trylock loser sleeps a tick and retries (did_some_progress = 1).
  // With CPUs modelled that is what it does (and it may keep a task of
  // lower priority off its CPU while it retries); without them it is
  // modelled as waiting until oom_lock is released (or memory appears),
  // so that a fairness assumption can say it does not lose the race forever.
  if (ctx.layout.cpus > 0) {
    const holder = s.oomLock;
    return {
      events: () => [event('oom-lock-busy', `no memory: ${ctx.names.oomTrylock} fails (${taskName(ctx, holder)} holds it): schedule_timeout_uninterruptible(1)`, { holder })],
      apply: (d) => void (d.tasks[t].alloc = AllocStage.RetrySleep),
    };
  }
  return undefined;
}

/**
 * The sleeps around oom_lock, as steps (a scenario with `cpus` only): the
 * timer of a trylock loser's schedule_timeout_uninterruptible(1) fires
 * and wakes it (runnable; its next step, on a CPU, retries); the timer of the holder's schedule_timeout_killable(1)
 * in out_of_memory() fires (or SIGKILL ends it early); the woken holder
 * returns from out_of_memory() and releases oom_lock — a step that needs
 * its CPU again.
 */
function oomLockSleepStep(ctx: Context, s: KernelState, t: number): Step {
  switch (s.tasks[t].alloc) {
    case AllocStage.RetrySleep:
      return {
        events: () => [event('sleep-ended', `timer fires: ${taskName(ctx, t)} woken (runnable), to retry the allocation`, { after: 'trylock-lost' })],
        apply: (d) => void (d.tasks[t].alloc = AllocStage.Retry),
      };
    case AllocStage.OomSleep:
      return {
        events: () => [event('sleep-ended', `timer fires: ${taskName(ctx, t)} woken (runnable), ${ctx.names.oomLockName} still held`, { after: 'oom-kill' })],
        apply: (d) => void (d.tasks[t].alloc = AllocStage.OomUnlock),
      };
    default:
      return {
        events: () => [event('oom-left', `schedule_timeout_killable(1) returns; out_of_memory() returns: ${ctx.names.oomUnlock}`, { memcg: -1 })],
        apply: (d) => {
          d.oomLock = -1;
          d.tasks[t].alloc = AllocStage.Retry;
        },
      };
  }
}

/**
 * The reserves for an OOM victim, if task `t` is one (`oomReserves`): up
 * to 4.13 a TIF_MEMDIE task, with all of them (ALLOC_NO_WATERMARKS); from
 * 4.14 any task of a victim process (`tsk_is_oom_victim()`, read from the
 * mm's `victim`), with ALLOC_OOM: the min watermark halved, so of the
 * scenario's R reserve pages ⌈R/2⌉ stay out of reach. When they do not
 * suffice, "avoid allocations with no watermarks from looping endlessly":
 * the allocation fails (goto nopage; 4.5 on), unless `__GFP_NOFAIL`,
 * which loops on (no step here).
 */
function reserveStep(ctx: Context, s: KernelState, t: number, op: AllocOp): Step | undefined {
  const task = s.tasks[t];
  const { pages, gfp } = op;
  const allocOom = ctx.knobs.oomReserves === 'alloc-oom';
  if (allocOom ? !s.mms[mmOfTask(ctx, t)].victim : !task.memdie) return undefined;
  const who = allocOom ? 'tsk_is_oom_victim' : 'TIF_MEMDIE';
  const flags = allocOom ? 'ALLOC_OOM' : 'ALLOC_NO_WATERMARKS';
  const floor = allocOom ? Math.ceil(ctx.layout.scenario.memory.reserves / 2) : 0;
  if (s.reserves - pages >= floor) {
    return {
      events: () => [event('page-allocated', `${who}: ${pagesText(pages)} from the reserves (${flags})`, { pages, from: 'reserves' })],
      apply: (d) => ((d.reserves -= pages), completeAlloc(ctx, d, t)),
    };
  }
  if (gfp.nofail) return undefined;
  return {
    events: () => [allocFailed('reserves-exhausted', `${who}: ${allocOom ? 'its half of the reserves' : 'reserves'} exhausted, the allocation fails (goto nopage)`, op, task)],
    apply: (d) => failAlloc(ctx, d, t, op, false),
  };
}

/** An allocation that may not call the OOM killer, before 4.7: did_some_progress = 1, "keep looping as per tradition". A step that changes nothing. */
function loopsWithoutOom(op: AllocOp): Step {
  const { gfp } = op;
  const why = gfp.nofail ? `${gfpText(gfp)}: no OOM killer for !__GFP_FS, no reserves left` : `${gfpText(gfp)}: the OOM killer does not compensate for IO-less reclaim`;
  return { events: () => [event('alloc-loops', `${why}: keeps looping`, { nofail: gfp.nofail })], apply: () => {} };
}
