import type { Preset } from '../preset.js';

/**
 * 4.9: MMF_OOM_SKIP after reaping or giving up; a victim process (marked
 * for good, `signal->oom_mm`) aborts selection only while its mm is
 * unflagged; the reaper no longer clears TIF_MEMDIE; the shortcut is not
 * taken for a flagged mm (4.8's fortified task_will_free_mem). What 4.8
 * brought for processes sharing an mm stays (`linux-4.8`): every sharer
 * killed, an mm shared with init or a kthread flagged, vfork children
 * skipped, the shortcut only when every sharer is dying, a dying process
 * chosen again only marked and queued (task_will_free_mem(p)); and 4.7's
 * GFP_NOFS call of out_of_memory(). 4.9's reaper; exit_mmap() is kept
 * `atomic` although 4.9 had the mmget_not_zero() window: see
 * `exitMmap=mmget` for 4.9–4.13's exit window.
 */
export const mmfOomSkip: Preset = {
  name: 'mmf-oom-skip',
  title: 'MMF_OOM_SKIP (4.9): after reaping or giving up, the victim no longer blocks selection; exit_mmap() one step (4.9–4.13 had a window: exitMmap=mmget)',
  cite: '862e3073b3ee "mm, oom: get rid of signal_struct::oom_victims"; "mm,oom_reaper: do not attempt to reap a task twice"; "oom, suspend: fix oom_killer_disable vs. pm suspend properly"',
  release: '4.9',
  knobs: {
    reaper: 'queue',
    reaperQueueOrder: 'lifo',
    reaperEnqueueCheck: 'head-or-next',
    reaperClearsNextPointer: true,
    reaperClearsMemdie: 'never',
    mmFlagOnReap: 'flag',
    mmFlagOnGiveUp: 'flag',
    victimAbortsSelection: 'victim-unflagged',
    shortcutWakesReaper: true,
    shortcutRequiresUnflaggedMm: true,
    killExitingShortcut: 'task-will-free-mem',
    reaperTakesOomLock: true,
    dyingCurrentShortcut: 'task-will-free-mem',
    killSharers: 'all',
    sharedUnkillableMm: 'flag-skip',
    vforkSkip: true,
    shortcutNeedsSharersDying: true,
    nofsCallsOutOfMemory: true,
  },
};
