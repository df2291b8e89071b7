import type { Preset } from '../preset.js';

/**
 * 4.7: the reaper works under oom_lock, clears TIF_MEMDIE whether it
 * reaped or gave up, flags a reaped mm MMF_OOM_REAPED (never selected
 * again) and clears the next pointer; the dying-task shortcut queues
 * current too. A TIF_MEMDIE task still aborts selection. A GFP_NOFS
 * allocation now calls out_of_memory(), for the dying-task shortcut only
 * (3da88fb3bacf). Processes sharing the victim's mm: as before 4.8, an
 * OOM_SCORE_ADJ_MIN one is spared and the reaper is not woken (the
 * defaults of `killSharers` and `sharedUnkillableMm`).
 */
export const mmfOomReaped: Preset = {
  name: 'mmf-oom-reaped',
  title: 'MMF_OOM_REAPED (4.7): reaper under oom_lock, TIF_MEMDIE cleared after reap or give-up, shortcut wakes the reaper',
  cite: '449d777d7ad6 "mm, oom_reaper: clear TIF_MEMDIE for all tasks queued for oom_reaper"; e2fe14564d33 "oom_reaper: close race with exiting task"; 3ef22dfff239 "oom, oom_reaper: try to reap tasks which skip regular OOM killer path"; 3da88fb3bacf "mm, oom: move GFP_NOFS check to out_of_memory"',
  release: '4.7',
  knobs: {
    reaper: 'queue',
    reaperQueueOrder: 'lifo',
    reaperEnqueueCheck: 'head-or-next',
    reaperClearsNextPointer: true,
    reaperClearsMemdie: 'always',
    mmFlagOnReap: 'flag',
    victimAbortsSelection: 'any-memdie',
    shortcutWakesReaper: true,
    killExitingShortcut: 'none',
    reaperTakesOomLock: true,
    nofsCallsOutOfMemory: true,
  },
};
