/**
 * What a step did, as typed data: one event per `; `-separated fragment of
 * the step's label, whose text is that fragment. The label is the join of
 * the texts ({@link labelOf}), so label and events cannot disagree; a
 * reader of a trace asks the events, never the label's words.
 */

/**
 * Who acts: the step's actor itself, or the OOM killer inside the
 * actor's `out_of_memory()` / `mem_cgroup_out_of_memory()` call (the
 * events between `oom-entered` and `oom-left`).
 */
export type Lane = 'actor' | 'oom-killer';

/** What an allocation's caller sees when it fails (see `errnoText`). */
export type AllocError = '-ENOMEM' | '-EFAULT' | 'VM_FAULT_OOM';

/** Why an allocation or a charge fails. */
export type AllocFailure =
  | 'noretry'
  | 'retry-mayfail'
  | 'reserves-exhausted'
  | 'killable'
  /** mem_cgroup_oom() deferred to the end of a user fault, but this is no user fault (seed 000). */
  | 'memcg-oom-not-a-fault';

/** Where allocated pages came from. */
export type PageSource = 'freelist' | 'last-second' | 'reserves' | 'nofail-reserves';

/** What lets a charge over the limit through (try_charge()). */
export type ForceReason = 'TIF_MEMDIE' | 'SIGKILL pending' | 'PF_EXITING' | '__GFP_NOFAIL';

/** What the oom_reaper does with TIF_MEMDIE and the mm flag when it is done with a victim (per the design's knobs). */
export interface ReaperFinish {
  /** The victim's TIF_MEMDIE is cleared (`reaperClearsMemdie`). */
  readonly memdieCleared: boolean;
  /** The mm gets MMF_OOM_REAPED / MMF_OOM_SKIP (`mmFlagOnReap`, `mmFlagOnGiveUp`): the OOM killer ignores it from now on. */
  readonly mmFlagged: boolean;
  /** The mm gets MMF_OOM_NOT_REAPABLE (4.8, `mmFlagOnGiveUp: second-give-up`): a first give-up, which leaves it selectable. */
  readonly notReapableSet: boolean;
}

/** The fields every event has; `K` is its kind, `F` its typed facts. */
type Event<K extends string, F = unknown> = { readonly kind: K; readonly text: string; readonly lane: Lane } & Readonly<F>;

/**
 * One thing a step did. Indices are the layout's: `task`, `process`,
 * `lock`, `memcg` (−1 for the global OOM). Grouped by where they happen:
 * locks and faults; the page allocator; the memcg charge; the OOM killer
 * (lane `oom-killer`); user space; exit; the oom_reaper.
 */
export type StepEvent =
  | Event<'lock-acquired', { op: 'mutex_lock' | 'down_read' | 'down_write'; lock: number }>
  | Event<'lock-released', { op: 'mutex_unlock' | 'up_read' | 'up_write'; lock: number }>
  /** A user fault takes its own mmap_sem for read (`retry`: after pagefault_out_of_memory() or VM_FAULT_OOM). */
  | Event<'fault-entered', { lock: number; retry: boolean }>
  /** A user fault unwinds with VM_FAULT_OOM, dropping its mmap_sem (memcg OOM deferred, 3.12). */
  | Event<'fault-unwound', { lock: number }>
  | Event<'page-allocated', { pages: number; from: PageSource }>
  /** The fast path's get_page_from_freelist() fails (and the allocation fails: `__GFP_NORETRY`). */
  | Event<'freelist-failed', { pages: number }>
  | Event<'slowpath-entered', { pages: number }>
  /** The allocation (or the charge) fails: the caller sees `error`. */
  | Event<'alloc-failed', { reason: AllocFailure; error: AllocError }>
  /** An allocation that may not call the OOM killer loops "as per tradition". */
  | Event<'alloc-loops', { nofail: boolean }>
  /** oom_lock (`memcg` −1) or a memcg's OOM lock is taken: by a trylock in the allocator, or by the reaper's mutex_lock(). */
  | Event<'oom-lock-taken', { memcg: number; how: 'trylock' | 'mutex_lock' }>
  /** oom_lock released after a successful last-second allocation. */
  | Event<'oom-lock-released'>
  /** mutex_trylock(&oom_lock) fails (`holder` has it): schedule_timeout_uninterruptible(1), then retry (modelled with `cpus` only). */
  | Event<'oom-lock-busy', { holder: number }>
  /** out_of_memory() killed and sleeps in schedule_timeout_killable(1) with oom_lock held (before 9bfe5ded054b, with `cpus` only). */
  | Event<'oom-sleep'>
  /** The timer of a schedule_timeout() fires: the sleeper is runnable again (`after`: the trylock it lost, or out_of_memory()'s kill). */
  | Event<'sleep-ended', { after: 'trylock-lost' | 'oom-kill' }>
  | Event<'last-second-allocation-failed'>
  /** out_of_memory() (`memcg` −1) or mem_cgroup_out_of_memory() is called. */
  | Event<'oom-entered', { memcg: number }>
  /** ... and returns, releasing its lock. */
  | Event<'oom-left', { memcg: number }>
  | Event<'charged', { memcg: number; pages: number; retry: boolean }>
  /** try_charge() is over the limit; `memcgOom`: it goes on to mem_cgroup_oom(). */
  | Event<'charge-over-limit', { memcg: number; pages: number; retry: boolean; memcgOom: boolean }>
  /** A charge over the limit goes through: bypassed to the root, or forced (`why` lets it; `no-victim`: 4.19's OOM_FAILED). */
  | Event<'charge-forced', { memcg: number; mode: 'bypass' | 'force'; why: ForceReason | 'no-victim' }>
  /** mem_cgroup_oom() records the OOM in current->memcg_in_oom, for the end of the fault. */
  | Event<'memcg-oom-deferred', { memcg: number }>
  /** Asleep on memcg_oom_waitq: `oom_kill_disable`, or `holder` has the memcg's OOM lock. */
  | Event<'memcg-oom-sleep', { memcg: number; reason: 'oom-kill-disable' | 'lock-held'; holder: number }>
  | Event<'memcg-oom-woken', { memcg: number; by: 'sigkill' | 'recover' | 'unlock' }>
  /** The OOM killer's shortcut: current is dying; it is marked TIF_MEMDIE unless it already is. */
  | Event<'dying-current', { task: number; marked: boolean }>
  /** 5.1 (7775face2079): a memcg OOM whose caller is dying (`why`) kills nobody; the charge is retried, and forced. */
  | Event<'dying-no-kill', { memcg: number; task: number; why: ForceReason }>
  /** A GFP_NOFS OOM kills nobody: 4.19's memcg OOM (reports success), and from 4.7 out_of_memory() after the dying-task shortcut (`memcg` −1). */
  | Event<'nofs-no-kill', { memcg: number }>
  /** select_bad_process() aborts: `blocker` is an earlier victim; `aborts` of `limit` when a timeout design counts them (`limit` 0 otherwise). */
  | Event<'selection-aborted', { blocker: number; aborts: number; limit: number }>
  | Event<'victim-selected', { process: number; points: number }>
  | Event<'sigkill-sent', { process: number }>
  /** mark_oom_victim(): TIF_MEMDIE; `exiting`: the chosen thread is already exiting, so only this (no SIGKILL, no reaper). */
  | Event<'victim-marked', { task: number; exiting: boolean }>
  /** wake_oom_reaper(task) hands it to the reaper (`slot`, or `list` with `selfCycle` when it is pushed onto itself; `mmOomKilled`: MMF_OOM_KILLED set). */
  | Event<'reaper-woken', { task: number; via: 'slot' | 'list'; selfCycle: boolean; mmOomKilled: boolean }>
  /** wake_oom_reaper(task) is lost: the slot is busy with `busyWith`, the task is (taken as) already queued, or its mm was chosen before. */
  | Event<'reaper-wakeup-dropped', { task: number; reason: 'slot-busy' | 'already-queued' | 'mm-chosen-before'; busyWith: number }>
  /**
   * The kill is needless (`no-needless-kill`), by `case`: an earlier victim `task`'s memory is being reaped (`reaping`), or torn
   * down by its last user with `pages` still to free (`tearing-down`), or the reaper freed the request's `pages` in the caller's
   * window (`reaped-in-window`, `task` −1).
   */
  | Event<'needless-kill', { case: 'reaping' | 'tearing-down' | 'reaped-in-window'; task: number; pages: number }>
  /** The kill comes after the race: the `pages` requested are already free (`no-kill-after-race`). */
  | Event<'race-kill', { pages: number }>
  /** A memcg OOM finds no victim: retry the charge, fail it, or force it (OOM_FAILED). */
  | Event<'no-victim', { memcg: number; outcome: 'retry' | 'fail' | 'force'; error: AllocError | undefined }>
  | Event<'panic', { reason: 'no-killable-process' | 'victim-timed-out'; task: number }>
  | Event<'oom-event-read', { memcg: number }>
  | Event<'limit-set', { memcg: number; pages: number }>
  /** do_exit() sets PF_EXITING: the program's exit, or SIGKILL in (or on the return to) user space. */
  | Event<'exiting', { cause: 'do_exit' | 'sigkill-in-user-space' | 'sigkill-on-return' }>
  /** exit_mm(); `lock` is the mmap_sem it takes for read first, or −1. */
  | Event<'mm-released', { process: number; lock: number }>
  /** The last user's mmput() drops mm_users to 0: __mmput() begins, exit_mmap() in it (exit_mmap() in stages, `exitMmap`; no AIO, so nothing before exit_mmap() blocks). */
  | Event<'exit-mmap-begun', { process: number }>
  /** 27ae357fa82b (4.17): exit_mmap() of a victim's mm reaps it itself (`pages` freed) and sets MMF_OOM_SKIP before unmapping the rest. */
  | Event<'exit-mmap-reaped', { process: number; pages: number }>
  /** The last user tears the mm down, freeing what the reaper left. */
  | Event<'mm-torn-down', { process: number; pages: number }>
  | Event<'mm-still-used', { process: number }>
  | Event<'victim-exited', { task: number }>
  /** The end of do_exit() for a task past exit_mm(): exit_notify(), the final schedule(); `memdie`: it had TIF_MEMDIE (set after exit_mm()). */
  | Event<'task-gone', { task: number; memdie: boolean }>
  | Event<'reaper-took', { task: number; end: 'head' | 'tail' }>
  /** oom_reap_task() finds the mm already gone or reaped, or (4.9–4.13) mm_users 0: mmget_not_zero() fails while exit_mmap() runs. */
  | Event<'reap-skipped', { task: number; mm: 'gone' | 'reaped' | 'exiting' } & ReaperFinish>
  | Event<'reaped', { task: number; process: number; pages: number } & ReaperFinish>
  | Event<'reaper-trylock-failed', { task: number; attempt: number; retries: number }>
  | Event<'reaper-gave-up', { task: number; attempts: number } & ReaperFinish>
  /** 4.8's task_will_free_mem(current) is false: `sharer` uses current's mm and is not dying, so the shortcut is not taken. */
  | Event<'shortcut-refused', { task: number; sharer: number }>
  /** oom_kill_process() kills `process` too: it shares the victim's mm outside its thread group. */
  | Event<'sharer-killed', { process: number }>
  /** oom_kill_process() spares `process`, which shares the victim's mm (OOM_SCORE_ADJ_MIN): can_oom_reap is false, the reaper is not woken (a design without a reaper only spares it). */
  | Event<'sharer-spared', { process: number }>
  /** 4.8: the mm a spared process shares is flagged (MMF_OOM_REAPED, MMF_OOM_SKIP from 4.9), so the OOM killer ignores it. */
  | Event<'shared-mm-flagged', { process: number }>;

/** The kinds of {@link StepEvent}. */
export type StepEventKind = StepEvent['kind'];

/** The event of kind `K`. */
export type StepEventOf<K extends StepEventKind> = Extract<StepEvent, { readonly kind: K }>;

/** The typed facts of an event of kind `K` (everything but kind, text and lane). */
export type StepEventFields<K extends StepEventKind> = Omit<StepEventOf<K>, 'kind' | 'text' | 'lane'>;

/** An event of kind `kind` in the actor's lane (`out_of_memory()` moves its events to the OOM killer's). */
export function event<K extends StepEventKind>(kind: K, text: string, ...fields: keyof StepEventFields<K> extends never ? [] : [StepEventFields<K>]): StepEventOf<K> {
  return { kind, text, lane: 'actor', ...fields[0] } as unknown as StepEventOf<K>;
}

/** A step's label: its events' texts joined by `; `. */
export function labelOf(events: readonly StepEvent[]): string {
  return events.map((e) => e.text).join('; ');
}
