import type { MmInfo } from '../layout.js';
import { AllocStage, ExitMmapStage, type KernelState } from '../state.js';
import { noteReapedPages } from './reapWindow.js';
import { freeMmPages, lockName, mmOfTask, pagesText, taskName, type Context, type Step } from './step.js';
import { event, type ReaperFinish, type StepEvent } from './stepEvent.js';

/** The effect of wake_oom_reaper(t): its events (none without a reaper; built when asked, as a {@link Step}'s) and a recipe. */
export interface Wake {
  readonly events: () => readonly StepEvent[];
  readonly apply: (draft: KernelState) => void;
}

const nothing = (): void => {};

/**
 * wake_oom_reaper(t), decided on state `s`. Slot design: the slot takes
 * `t` unless busy, in which case the wake-up is dropped. Queue design: `t`
 * is pushed at the head of oom_reaper_list unless the "already queued?"
 * test says it is there: `mm-once` (29c696e1) queues an mm only the first
 * time the OOM killer chooses it; `head-or-next` (af8e15cc85a2) looks at
 * the head and at t's next pointer; `next-only` (bb29902a7515) only at
 * the next pointer, which is NULL for a task alone on the list — pushing
 * it again links it to itself.
 */
export function wakeOomReaper(ctx: Context, s: KernelState, t: number): Wake {
  const name = taskName(ctx, t);
  const { reaper } = s;
  switch (ctx.knobs.reaper) {
    case 'none':
      return { events: () => [], apply: nothing };
    case 'slot':
      if (reaper.current !== -1) {
        const busyWith = reaper.current;
        return {
          events: () => [event('reaper-wakeup-dropped', `wake_oom_reaper(${name}): slot busy with ${taskName(ctx, busyWith)}, dropped`, { task: t, reason: 'slot-busy', busyWith })],
          apply: nothing,
        };
      }
      return {
        events: () => [event('reaper-woken', `wake_oom_reaper(${name}): task_to_reap = ${name}`, { task: t, via: 'slot', selfCycle: false, mmOomKilled: false })],
        apply: (d) => void (d.reaper.current = t),
      };
    case 'queue': {
      if (ctx.knobs.reaperEnqueueCheck === 'mm-once') {
        const mm = mmOfTask(ctx, t);
        if (s.mms[mm].oomKilled) {
          return { events: () => [event('reaper-wakeup-dropped', `mm of ${name} chosen before (MMF_OOM_KILLED): not queued`, { task: t, reason: 'mm-chosen-before', busyWith: -1 })], apply: nothing };
        }
        return {
          events: () => [event('reaper-woken', `wake_oom_reaper(${name}): pushed on oom_reaper_list`, { task: t, via: 'list', selfCycle: false, mmOomKilled: true })],
          apply: (d) => {
            d.mms[mm].oomKilled = true;
            d.reaper.next[t] = d.reaper.head;
            d.reaper.head = t;
          },
        };
      }
      const queued = ctx.knobs.reaperEnqueueCheck === 'head-or-next' ? reaper.head === t || reaper.next[t] !== -1 : reaper.next[t] !== -1;
      if (queued) return { events: () => [event('reaper-wakeup-dropped', `wake_oom_reaper(${name}): already queued`, { task: t, reason: 'already-queued', busyWith: -1 })], apply: nothing };
      const selfCycle = reaper.head === t;
      return {
        events: () => [
          event('reaper-woken', `wake_oom_reaper(${name}): pushed on oom_reaper_list${selfCycle ? ' (onto itself: self-cycle)' : ''}`, { task: t, via: 'list', selfCycle, mmOomKilled: false }),
        ],
        apply: (d) => {
          d.reaper.next[t] = d.reaper.head;
          d.reaper.head = t;
        },
      };
    }
  }
}

/** Whether the reaper has nothing to do: no victim in hand, nothing queued. */
export function reaperIdle(s: KernelState): boolean {
  return s.reaper.current === -1 && s.reaper.head === -1;
}

/**
 * The OOM reaper kthread's next step, if it can move. With a queue it
 * first takes a victim off oom_reaper_list (LIFO: the head; FIFO: the
 * tail). With a victim in hand, one oom_reap_task() attempt: if the mm is
 * already gone there is nothing to do; `down_read_trylock(&mm->mmap_sem)`
 * either succeeds and the pages it can reap are freed (not those `unreapable`: exit_mmap() frees them), or fails — after
 * `reaperRetries` failures the reaper gives up. When done (reaped or gave
 * up) TIF_MEMDIE and the mm flag follow the design's knobs.
 */
export function reaperStep(ctx: Context, s: KernelState): Step | undefined {
  const { knobs } = ctx;
  const { reaper } = s;
  if (knobs.reaper === 'none' || s.panicked) return undefined;
  if (reaper.current === -1) {
    if (reaper.head === -1) return undefined;
    return popStep(ctx, s);
  }
  if (knobs.reaperTakesOomLock && s.oomLock !== -1) return undefined;
  const v = reaper.current;
  const name = taskName(ctx, v);
  const process = ctx.layout.tasks[v].process;
  const mmIndex = mmOfTask(ctx, v);
  const info = ctx.layout.mms[mmIndex];
  const mm = s.mms[mmIndex];
  const lock = (): StepEvent[] => (knobs.reaperTakesOomLock ? [event('oom-lock-taken', 'mutex_lock(&oom_lock)', { memcg: -1, how: 'mutex_lock' })] : []);
  // 4.9-4.13: mmget_not_zero() fails once the last user's mmput() dropped mm_users to 0; the reaper counts the mm as done.
  const exiting = knobs.exitMmap === 'mmget' && mm.exitMmap === ExitMmapStage.Begun;
  if (mm.freed || mm.reaped || exiting) {
    const what = mm.freed ? 'gone' : mm.reaped ? 'reaped' : 'exiting';
    const why = {
      gone: 'mm already gone',
      reaped: mm.exitMmap === ExitMmapStage.Skipped ? 'MMF_OOM_SKIP already set by exit_mmap()' : 'mm already reaped',
      exiting: 'mmget_not_zero() fails: mm_users 0, exit_mmap() runs',
    }[what];
    return {
      events: () => [...lock(), event('reap-skipped', `oom_reap_task(${name}): ${why}, nothing to reap${finishText(ctx, name, true)}`, { task: v, mm: what, ...finishing(ctx, true) })],
      apply: (d) => finish(ctx, d, v, true),
    };
  }
  const sem = () => lockName(ctx, info.mmapSem);
  if (s.locks[info.mmapSem].writer === -1) {
    return {
      events: () => [
        ...lock(),
        event('reaped', `oom_reap_task(${name}): down_read_trylock(${sem()}) ok, reaps ${reapText(info)}${finishText(ctx, name, true)}`, {
          task: v,
          process,
          pages: reapablePages(info),
          ...finishing(ctx, true),
        }),
      ],
      apply: (d) => {
        d.mms[mmIndex].reaped = true;
        freeMmPages(ctx, d, mmIndex, reapablePages(info));
        if (reapablePages(info) > 0) noteReapedPages(ctx, d, mmIndex);
        finish(ctx, d, v, true);
      },
    };
  }
  // The HZ/10 sleep after a failed trylock outlasts a runnable victim's next allocation step.
  if (reaper.attempts > 0 && knobs.reaperSleepOutlastsTaskStep && s.tasks.some((t) => t.memdie && !t.exited && t.alloc === AllocStage.Retry)) return undefined;
  const attempt = reaper.attempts + 1;
  if (attempt >= knobs.reaperRetries) {
    const text = () => `oom_reap_task(${name}): down_read_trylock(${sem()}) fails (attempt ${attempt}/${knobs.reaperRetries}): gives up${finishText(ctx, name, false, mm.notReapable)}`;
    return {
      events: () => [...lock(), event('reaper-gave-up', text(), { task: v, attempts: attempt, ...finishing(ctx, false, mm.notReapable) })],
      apply: (d) => finish(ctx, d, v, false, mm.notReapable),
    };
  }
  return {
    events: () => [
      ...lock(),
      event('reaper-trylock-failed', `oom_reap_task(${name}): down_read_trylock(${sem()}) fails (attempt ${attempt}/${knobs.reaperRetries}), sleeps HZ/10`, {
        task: v,
        attempt,
        retries: knobs.reaperRetries,
      }),
    ],
    apply: (d) => void (d.reaper.attempts = attempt),
  };
}

/** The pages `__oom_reap_task_mm()` frees: all but those in VMAs it skips (mlocked, hugetlb, shared file mappings). */
export function reapablePages(info: MmInfo): number {
  return info.pages - info.unreapable;
}

/** `6 pages`, or `6 pages, 2 left (mlocked/hugetlb/shared)` when it skips some. */
function reapText(info: MmInfo): string {
  return `${pagesText(reapablePages(info))}${info.unreapable > 0 ? `, ${info.unreapable} left (mlocked/hugetlb/shared)` : ''}`;
}

function popStep(ctx: Context, s: KernelState): Step {
  const { head, next } = s.reaper;
  if (ctx.knobs.reaperQueueOrder === 'lifo') {
    return {
      events: () => [event('reaper-took', `takes ${taskName(ctx, head)} off the head of oom_reaper_list`, { task: head, end: 'head' })],
      apply: (d) => {
        d.reaper.current = head;
        d.reaper.head = next[head];
      },
    };
  }
  // FIFO: the tail is the task whose next pointer is NULL (or, on a self-cycle, the head itself).
  let prev = -1;
  let tail = head;
  while (next[tail] !== -1 && next[tail] !== tail) {
    prev = tail;
    tail = next[tail];
  }
  return {
    events: () => [event('reaper-took', `takes ${taskName(ctx, tail)} off the tail of oom_reaper_list`, { task: tail, end: 'tail' })],
    apply: (d) => {
      d.reaper.current = tail;
      if (prev === -1) d.reaper.head = next[tail] === tail ? tail : -1;
      else d.reaper.next[prev] = -1;
    },
  };
}

/**
 * What the end of oom_reap_task() does, per the design: after a reap (or
 * an mm already gone), or after giving up — on an mm the reaper gave up
 * on once before (`notReapable`: MMF_OOM_NOT_REAPABLE) or not.
 */
function finishing(ctx: Context, reaped: boolean, notReapable = false): ReaperFinish {
  const { knobs } = ctx;
  // 4.8 ("mm, oom_reaper: do not attempt to reap a task more than twice"): test_and_set_bit(MMF_OOM_NOT_REAPABLE),
  // and only if it was already set, set_bit(MMF_OOM_REAPED).
  const secondTry = knobs.mmFlagOnGiveUp === 'second-give-up';
  return {
    memdieCleared: knobs.reaperClearsMemdie === 'always' || (reaped && knobs.reaperClearsMemdie === 'after-reap'),
    mmFlagged: reaped ? knobs.mmFlagOnReap === 'flag' : knobs.mmFlagOnGiveUp === 'flag' || (secondTry && notReapable),
    notReapableSet: !reaped && secondTry && !notReapable,
  };
}

/** What the end of oom_reap_task() does, in words: `, MMF_OOM_SKIP set`, `, exit_oom_victim(T2)` (empty when it does neither). */
function finishText(ctx: Context, name: string, reaped: boolean, notReapable = false): string {
  const { memdieCleared, mmFlagged, notReapableSet } = finishing(ctx, reaped, notReapable);
  const flag = mmFlagged ? `, ${ctx.names.mmFlag} set${notReapable ? ' (MMF_OOM_NOT_REAPABLE already: giving up)' : ''}` : '';
  return `${notReapableSet ? ', MMF_OOM_NOT_REAPABLE set' : ''}${flag}${memdieCleared ? `, ${ctx.names.exitVictim(name)}` : ''}`;
}

/** The end of oom_reap_task(v): TIF_MEMDIE and the mm flags per the design (see {@link finishing}); the reaper is free again. */
function finish(ctx: Context, d: KernelState, v: number, reaped: boolean, notReapable = false): void {
  const { knobs } = ctx;
  const { memdieCleared, mmFlagged, notReapableSet } = finishing(ctx, reaped, notReapable);
  if (memdieCleared) d.tasks[v].memdie = false;
  if (mmFlagged) d.mms[mmOfTask(ctx, v)].flagged = true;
  if (notReapableSet) d.mms[mmOfTask(ctx, v)].notReapable = true;
  d.reaper.current = -1;
  d.reaper.attempts = 0;
  // 4.7 ends oom_reap_task() with tsk->oom_reaper_list = NULL; 4.6 left it stale.
  if (knobs.reaperClearsNextPointer) d.reaper.next[v] = -1;
}
