import { defineKnob } from '../knob.js';

/**
 * Which of two processes with equal points select_bad_process() chooses
 * (for a memcg OOM, mem_cgroup_scan_tasks() with the same
 * oom_evaluate_task()). `first`: the one met first in for_each_process()
 * order (the scenario's order) — 3.x–5.2: a strict `>` up to 3.13, then
 * David Rientjes's "prefer thread group leaders for display purposes"
 * (d49ad9355420), under which every candidate of for_each_process() is a
 * leader already chosen and kept. `last`: the later one replaces it —
 * Tetsuo Handa's "mm: oom: Remove thread group leader check in
 * oom_evaluate_task()" (posted 2019-06-18; release 5.3 inferred, its id
 * not found), after which `points < chosen_points` alone skips a task.
 */
export const selectTieBreak = defineKnob({
  name: 'selectTieBreak',
  description: 'select_bad_process() on a tie of points: keep the first process (3.x-5.2) or take the last (5.3: the thread group leader check removed from oom_evaluate_task())',
  values: ['first', 'last'],
  defaultValue: 'first',
  sinceTraceVersion: 5,
});
