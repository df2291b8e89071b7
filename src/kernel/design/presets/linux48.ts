import type { Preset } from '../preset.js';
import { kernelAt } from '../kernelCommits.js';

const at = kernelAt('4.8');

/**
 * 4.8: Michal Hocko's series on processes sharing an mm ("mmotm git tree
 * since-4.7 branch" shortlog, 2016-07-29) on top of 4.7. Every process
 * using the victim's mm is killed, OOM_SCORE_ADJ_MIN or not; an mm that
 * global init or a kthread still uses is flagged MMF_OOM_REAPED so that
 * selection moves on; a vfork child is never selected; the dying-task
 * shortcut is `task_will_free_mem(current)`, false while a sharer is not
 * dying or once the mm is flagged; a TIF_MEMDIE victim whose mm is
 * flagged no longer aborts selection. The reaper still clears TIF_MEMDIE
 * (until 4.9) and flags an mm it could not reap only on its second
 * give-up ("do not attempt to reap a task more than twice":
 * MMF_OOM_NOT_REAPABLE, then MMF_OOM_REAPED). Not modelled:
 * 44a70adec910's one oom_score_adj for every user of an mm, which only
 * constrains how scenarios may start (docs/model.md). Built from the
 * table of modelled commits (`kernelAt`), like every `linux-X.Y` preset.
 */
export const linux48: Preset = {
  name: 'linux-4.8',
  title: '4.8: kill every process sharing the mm, hide an mm shared with init or a kthread, skip vfork children, task_will_free_mem shortcut',
  cite: '97fd49c2355f "mm, oom: kill all tasks sharing the mm"; 1af8bb432695 "mm, oom: fortify task_will_free_mem()"; b18dc5f291c0; "mm, oom: hide mm which is shared with kthread or global init"; "mm, oom_reaper: do not attempt to reap a task more than twice"',
  knobs: at.knobs,
  commits: at.commits,
};
