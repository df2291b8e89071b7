import { AllocStage, type KernelState } from '../state.js';
import { outOfMemoryStep } from './oomKiller.js';
import { pagesText, type Context, type Step } from './step.js';

/**
 * The next step of task `t` allocating `pages` pages (GFP_KERNEL, a small
 * order: it retries until it succeeds). Fast path: the freelist. Slow
 * path, one step per stage (see {@link AllocStage}): retry the freelist,
 * or the reserves for a TIF_MEMDIE task (ALLOC_NO_WATERMARKS) — which,
 * if they do not suffice, fails the allocation instead of looping;
 * `mutex_trylock(&oom_lock)`, whose loser sleeps a tick and retries —
 * modelled as waiting (no step) until oom_lock is free or memory appears;
 * under oom_lock a last-second freelist attempt (if the design
 * has it), then out_of_memory().
 */
export function allocStep(ctx: Context, s: KernelState, t: number, pages: number): Step | undefined {
  const task = s.tasks[t];
  const done = (d: KernelState) => {
    d.tasks[t].alloc = AllocStage.None;
    d.tasks[t].pc++;
  };
  switch (task.alloc) {
    case AllocStage.None:
      if (s.free >= pages) return { label: `alloc(${pages}): get_page_from_freelist() ok`, apply: (d) => ((d.free -= pages), done(d)) };
      return { label: `alloc(${pages}): get_page_from_freelist() fails: __alloc_pages_slowpath()`, apply: (d) => void (d.tasks[t].alloc = AllocStage.Retry) };
    case AllocStage.Retry:
      if (s.free >= pages) return { label: `retry: get_page_from_freelist() ok`, apply: (d) => ((d.free -= pages), done(d)) };
      if (task.memdie) {
        if (s.reserves >= pages) {
          return { label: `TIF_MEMDIE: ${pagesText(pages)} from the reserves (ALLOC_NO_WATERMARKS)`, apply: (d) => ((d.reserves -= pages), done(d)) };
        }
        // "Avoid allocations with no watermarks from looping endlessly": a
        // victim whose reserve allocation fails gets NULL (4.5-4.13).
        return { label: 'TIF_MEMDIE: reserves exhausted, the allocation fails (goto nopage)', apply: done };
      }
      if (s.oomLock === -1) {
        const next = ctx.knobs.lastSecondAllocation ? AllocStage.LastSecond : AllocStage.OutOfMemory;
        return { label: 'no memory: mutex_trylock(&oom_lock) ok', apply: (d) => ((d.oomLock = t), void (d.tasks[t].alloc = next)) };
      }
      // The trylock loser sleeps and retries; modelled as waiting until
      // oom_lock is released (or memory appears), so that a fairness
      // assumption can say it does not lose the race forever.
      return undefined;
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
    default:
      return outOfMemoryStep(ctx, s, t, pages);
  }
}
