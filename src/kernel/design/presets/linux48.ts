import type { Preset } from '../preset.js';
import { mmfOomReaped } from './mmfOomReaped.js';

/**
 * 4.8: Michal Hocko's series on processes sharing an mm ("mmotm git tree
 * since-4.7 branch" shortlog, 2016-07-29) on top of 4.7. Every process
 * using the victim's mm is killed, OOM_SCORE_ADJ_MIN or not; an mm that
 * global init or a kthread still uses is flagged MMF_OOM_REAPED so that
 * selection moves on; a vfork child is never selected; the dying-task
 * shortcut is `task_will_free_mem(current)`, false while a sharer is not
 * dying or once the mm is flagged; a TIF_MEMDIE victim whose mm is
 * flagged no longer aborts selection. The reaper still clears TIF_MEMDIE
 * (until 4.9). Not modelled: "do not attempt to reap a task more than
 * twice" (MMF_OOM_NOT_REAPABLE: the first give-up leaves the mm
 * selectable, only the second flags it), and 44a70adec910's one
 * oom_score_adj for every user of an mm, which only constrains how
 * scenarios may start (docs/model.md).
 */
export const linux48: Preset = {
  name: 'linux-4.8',
  title: '4.8: kill every process sharing the mm, hide an mm shared with init or a kthread, skip vfork children, task_will_free_mem shortcut',
  cite: '97fd49c2355f "mm, oom: kill all tasks sharing the mm"; 1af8bb432695 "mm, oom: fortify task_will_free_mem()"; b18dc5f291c0; "mm, oom: hide mm which is shared with kthread or global init"',
  knobs: {
    ...mmfOomReaped.knobs,
    victimAbortsSelection: 'memdie-unflagged',
    shortcutRequiresUnflaggedMm: true,
    killSharers: 'all',
    sharedUnkillableMm: 'flag-skip',
    vforkSkip: true,
    shortcutNeedsSharersDying: true,
  },
  commits: [
    { id: 'aac453635549', subject: 'mm, oom: introduce oom reaper', release: '4.6' },
    { id: '36324a990cf5', subject: 'oom: clear TIF_MEMDIE after oom_reaper managed to unmap the address space', release: '4.6' },
    { id: 'bb29902a7515', subject: 'oom, oom_reaper: protect oom_reaper_list using simpler way', release: '4.6' },
    { id: 'af8e15cc85a2', subject: 'oom, oom_reaper: do not enqueue task if it is on the oom_reaper_list head', release: '4.6' },
    { id: '3da88fb3bacf', subject: 'mm, oom: move GFP_NOFS check to out_of_memory', release: '4.7' },
    { id: '3ef22dfff239', subject: 'oom, oom_reaper: try to reap tasks which skip regular OOM killer path', release: '4.7' },
    { id: '449d777d7ad6', subject: 'mm, oom_reaper: clear TIF_MEMDIE for all tasks queued for oom_reaper', release: '4.7' },
    { id: 'e2fe14564d33', subject: 'oom_reaper: close race with exiting task', release: '4.7' },
    { id: '44a70adec910', subject: 'mm, oom_adj: make sure processes sharing mm have same view of oom_score_adj', release: '4.8' },
    { id: 'b18dc5f291c0', subject: 'mm, oom: skip vforked tasks from being selected', release: '4.8' },
    { id: '97fd49c2355f', subject: 'mm, oom: kill all tasks sharing the mm', release: '4.8' },
    { id: '1af8bb432695', subject: 'mm, oom: fortify task_will_free_mem()', release: '4.8' },
  ],
};
