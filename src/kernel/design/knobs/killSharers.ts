import { defineKnob } from '../knob.js';

/**
 * What `oom_kill_process()` does to the other processes that use the
 * victim's mm (clone(CLONE_VM) without CLONE_THREAD, a vfork child): up to
 * 4.7 each gets SIGKILL unless it is OOM_SCORE_ADJ_MIN, and such a sharer
 * makes `can_oom_reap` false (`spare-adj-min`); from 4.8, 97fd49c2355f
 * "mm, oom: kill all tasks sharing the mm" kills every one of them
 * (`all`), OOM_SCORE_ADJ_MIN or not — only global init and kthreads,
 * which the model does not have, are spared. Sharers get SIGKILL, not
 * TIF_MEMDIE: they reach the reserves through the dying-task shortcut.
 */
export const killSharers = defineKnob({
  name: 'killSharers',
  description:
    "oom_kill_process() and the other processes using the victim's mm: SIGKILL to each unless it is OOM_SCORE_ADJ_MIN, which then makes can_oom_reap false (spare-adj-min, <=4.7), or to every one (all, 97fd49c2355f, 4.8)",
  values: ['spare-adj-min', 'all'],
  defaultValue: 'spare-adj-min',
  sinceTraceVersion: 3,
});
