import type { Preset } from '../preset.js';

/** 4.9: MMF_OOM_SKIP after reaping or giving up; only an unflagged victim aborts selection. */
export const mmfOomSkip: Preset = {
  name: 'mmf-oom-skip',
  title: 'MMF_OOM_SKIP (4.9): after reaping or giving up, the victim no longer blocks selection',
  cite: 'Linux 4.9 mm/oom_kill.c (MMF_OOM_SKIP)',
  knobs: {
    reaper: 'queue',
    reaperQueueOrder: 'lifo',
    reaperClearsMemdie: 'always',
    mmFlagOnReap: 'flag',
    mmFlagOnGiveUp: 'flag',
    victimAbortsSelection: 'memdie-unflagged',
    shortcutWakesReaper: true,
  },
};
