import type { Preset } from '../preset.js';

/** 4.7: a reaped mm is flagged MMF_OOM_REAPED and its victims no longer block selection. */
export const mmfOomReaped: Preset = {
  name: 'mmf-oom-reaped',
  title: 'MMF_OOM_REAPED (4.7): a reaped victim no longer blocks victim selection',
  cite: 'Linux 4.7 mm/oom_kill.c (MMF_OOM_REAPED)',
  knobs: { reaper: 'queue', reaperQueueOrder: 'lifo', reaperClearsMemdie: 'after-reap', mmFlagOnReap: 'flag', victimAbortsSelection: 'memdie-unflagged' },
};
