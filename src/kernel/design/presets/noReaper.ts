import type { Preset } from '../preset.js';

/** Before 4.6: no reaper; a victim's memory is freed only when its last thread exits. */
export const noReaper: Preset = {
  name: 'no-reaper',
  title: 'no OOM reaper (before 4.6): memory comes back only when the victim exits',
  cite: 'Linux 4.5 mm/oom_kill.c',
  release: '4.5',
  knobs: { reaper: 'none' },
};
