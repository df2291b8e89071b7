import { defineKnob } from '../knob.js';

/**
 * Which OOM victims may dip into the memory reserves, and how far. Up to
 * 4.13 only a thread marked TIF_MEMDIE (the victim's first thread with an
 * mm, or a dying current through the shortcut), and it may take all of
 * them (ALLOC_NO_WATERMARKS); another thread of the killed process — a
 * GFP_NOFS allocation, say, holding a lock the marked thread waits for —
 * gets none. cd04ae1e2dc8 (Michal Hocko, 4.14, "mm, oom: do not rely on
 * TIF_MEMDIE for memory reserves access"): every task for which
 * `tsk_is_oom_victim()` holds (its process's `signal->oom_mm` is set)
 * gets ALLOC_OOM, which lowers the min watermark by half ("min -= min /
 * 2"): of R reserve pages it may take ⌊R/2⌋, leaving ⌈R/2⌉; when that does
 * not suffice the allocation fails (goto nopage), unless `__GFP_NOFAIL`.
 * The model reads `signal->oom_mm` from the mm (`mms[].victim`), so a
 * process sharing a victim's mm qualifies here before it is marked
 * (docs/model.md).
 */
export const oomReserves = defineKnob({
  name: 'oomReserves',
  description:
    'which victims use the reserves: the TIF_MEMDIE thread, all of them (memdie, ALLOC_NO_WATERMARKS) or every thread of a victim process (tsk_is_oom_victim), half of them (alloc-oom, ALLOC_OOM, 4.14, cd04ae1e2dc8)',
  values: ['memdie', 'alloc-oom'],
  defaultValue: 'memdie',
  sinceTraceVersion: 3,
});
