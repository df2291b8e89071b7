import type { KnobSpec } from '../knob.js';

/**
 * When an existing victim makes `select_bad_process()` abort (nobody new is
 * killed): any task with TIF_MEMDIE, or only one whose mm is not flagged
 * by the reaper (MMF_OOM_REAPED / MMF_OOM_SKIP).
 */
export const victimAbortsSelection: KnobSpec<'any-memdie' | 'memdie-unflagged'> = {
  name: 'victimAbortsSelection',
  description: 'a TIF_MEMDIE task aborts victim selection: always (any-memdie) or only while its mm is not flagged (memdie-unflagged)',
  values: ['any-memdie', 'memdie-unflagged'],
  defaultValue: 'any-memdie',
};
