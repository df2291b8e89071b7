import { gfpText } from '../gfp.js';
import type { AllocOp } from '../layout.js';
import { AllocStage, type KernelState } from '../state.js';
import { chargeStep } from './charge.js';
import { aboutToFault, completeAlloc, errnoText, failAlloc } from './allocEnd.js';
import { outOfMemoryStep } from './oomKiller.js';
import { lockName, pagesText, type Context, type Step } from './step.js';

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
    const what = task.alloc === AllocStage.None ? 'page fault' : 'the fault is retried';
    return {
      label: `${what}: down_read(${lockName(ctx, process.mmapSem)})`,
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
 * Whether the allocation may call the OOM killer: it needs `__GFP_FS`
 * ("The OOM killer does not compensate for IO-less reclaim"), unless
 * `__GFP_NOFAIL` overrides that (≤ 4.10, `nofailForcesOom`) or Tetsuo
 * Handa's `__GFP_MAY_OOMKILL` is honoured.
 */
function mayInvokeOom(ctx: Context, op: AllocOp): boolean {
  const { gfp } = op;
  return gfp.fs || (gfp.nofail && ctx.knobs.nofailForcesOom) || (gfp.mayOomkill && ctx.knobs.tetsuoGfpFlags);
}

/**
 * The page allocator for task `t` (the pages are already charged, if the
 * task is in a memcg). Fast path: the freelist; `__GFP_NORETRY` fails
 * there. Slow path, one step per stage (see {@link AllocStage}): retry
 * the freelist, or the reserves for a TIF_MEMDIE task (ALLOC_NO_WATERMARKS)
 * — which, if they do not suffice, fails the allocation instead of
 * looping, unless `__GFP_NOFAIL`; `__GFP_KILLABLE` (if honoured) gives up
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
          label: 'get_page_from_freelist(ALLOC_WMARK_HIGH) ok under oom_lock; mutex_unlock(&oom_lock)',
          apply: (d) => {
            d.free -= pages;
            d.oomLock = -1;
            done(d);
          },
        };
      }
      return { label: 'get_page_from_freelist(ALLOC_WMARK_HIGH) fails under oom_lock', apply: (d) => void (d.tasks[t].alloc = AllocStage.OutOfMemory) };
    case AllocStage.OutOfMemory:
      return outOfMemoryStep(ctx, s, t, op, -1);
    default: {
      const what = `alloc(${pages}${gfp.fs && !gfp.nofail && !gfp.noretry && !gfp.retryMayfail ? '' : `, ${gfpText(op.gfp)}`})`;
      if (s.free >= pages) return { label: `${what}: get_page_from_freelist() ok`, apply: (d) => ((d.free -= pages), done(d)) };
      if (gfp.noretry) return { label: `${what}: get_page_from_freelist() fails; __GFP_NORETRY: ${errnoText(op)}`, apply: (d) => failAlloc(ctx, d, t, op, false) };
      return { label: `${what}: get_page_from_freelist() fails: __alloc_pages_slowpath()`, apply: (d) => void (d.tasks[t].alloc = AllocStage.Retry) };
    }
  }
  if (s.free >= pages) return { label: `retry: get_page_from_freelist() ok`, apply: (d) => ((d.free -= pages), done(d)) };
  if (task.memdie) {
    if (s.reserves >= pages) {
      return { label: `TIF_MEMDIE: ${pagesText(pages)} from the reserves (ALLOC_NO_WATERMARKS)`, apply: (d) => ((d.reserves -= pages), done(d)) };
    }
    // "Avoid allocations with no watermarks from looping endlessly": a
    // victim whose reserve allocation fails gets NULL (4.5-4.13), unless
    // __GFP_NOFAIL, which loops on.
    if (!gfp.nofail) return { label: `TIF_MEMDIE: reserves exhausted, the allocation fails (goto nopage): ${errnoText(op)}`, apply: (d) => failAlloc(ctx, d, t, op, false) };
  }
  if (gfp.killable && ctx.knobs.tetsuoGfpFlags && task.fatalSignal) {
    return { label: `__GFP_KILLABLE: SIGKILL pending, the allocation gives up: ${errnoText(op)}`, apply: (d) => failAlloc(ctx, d, t, op, false) };
  }
  if (gfp.retryMayfail) return { label: `__GFP_RETRY_MAYFAIL: no progress, no OOM killer: ${errnoText(op)}`, apply: (d) => failAlloc(ctx, d, t, op, false) };
  if (!mayInvokeOom(ctx, op)) {
    if (gfp.nofail && ctx.knobs.nofailUsesReserves && s.reserves >= pages) {
      return { label: `__GFP_NOFAIL: __alloc_pages_cpuset_fallback(): ${pagesText(pages)} from the reserves`, apply: (d) => ((d.reserves -= pages), done(d)) };
    }
    const why = gfp.nofail ? `${gfpText(op.gfp)}: no OOM killer for !__GFP_FS, no reserves left` : `${gfpText(op.gfp)}: the OOM killer does not compensate for IO-less reclaim`;
    // did_some_progress = 1: "keep looping as per tradition". A step that changes nothing.
    return { label: `${why}: keeps looping`, apply: () => {} };
  }
  if (s.oomLock === -1) {
    const next = ctx.knobs.lastSecondAllocation ? AllocStage.LastSecond : AllocStage.OutOfMemory;
    return { label: 'no memory: mutex_trylock(&oom_lock) ok', apply: (d) => ((d.oomLock = t), void (d.tasks[t].alloc = next)) };
  }
  // The trylock loser sleeps and retries; modelled as waiting until
  // oom_lock is released (or memory appears), so that a fairness
  // assumption can say it does not lose the race forever.
  return undefined;
}
