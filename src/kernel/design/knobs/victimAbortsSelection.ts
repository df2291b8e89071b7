import { defineKnob } from '../knob.js';

/**
 * When an existing victim makes `select_bad_process()` abort (nobody new is
 * killed): any live task with TIF_MEMDIE (≤ 4.7); such a task only while
 * its mm is not flagged by the reaper (4.8, "hide mm which is shared with
 * kthread or global init"); or, from 4.9, any live process ever marked as
 * a victim (`signal->oom_mm`, which TIF_MEMDIE being cleared does not
 * undo) while its mm lacks MMF_OOM_SKIP.
 */
export const victimAbortsSelection = defineKnob({
  name: 'victimAbortsSelection',
  description: 'what aborts victim selection: a TIF_MEMDIE task (any-memdie), one whose mm is unflagged (memdie-unflagged, 4.8), a victim process whose mm is unflagged (victim-unflagged, 4.9)',
  values: ['any-memdie', 'memdie-unflagged', 'victim-unflagged'],
  defaultValue: 'any-memdie',
});
