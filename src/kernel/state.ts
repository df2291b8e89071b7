import { lockOfTask, type Layout } from './layout.js';

/**
 * Where a task is in an allocation's slow path (0: not in it).
 * Page allocator:
 * 1 `Retry`: about to try the freelist (and reserves, for a victim), then
 *   `mutex_trylock(&oom_lock)`;
 * 2 `LastSecond`: holds oom_lock, about to try the freelist once more;
 * 3 `OutOfMemory`: holds oom_lock, about to call out_of_memory().
 * memcg charge (try_charge() over the limit):
 * 4 `ChargeOom`: the charge failed and the task is not dying: about to
 *   handle the memcg OOM the design's way (mem_cgroup_oom());
 * 5 `MemcgOom`: holds the memcg's OOM lock, about to call
 *   mem_cgroup_out_of_memory();
 * 6 `MemcgWait`: asleep on memcg_oom_waitq (TASK_KILLABLE) until the OOM
 *   lock is released, the group's usage drops or its limit is raised;
 * 7 `FaultUnwound`: a user fault that recorded the memcg OOM (3.12) has
 *   unwound with VM_FAULT_OOM, dropping its mmap_sem; about to call
 *   mem_cgroup_oom_synchronize() from pagefault_out_of_memory();
 * 8 `ChargeRetry`: about to try the charge again; for a user fault, about
 *   to fault again (it takes its mmap_sem first) — also after a failed
 *   page allocation (VM_FAULT_OOM), memcg or not.
 * Sleeps of the page allocator, modelled only in a scenario with `cpus`
 * (see `transitions/scheduler.ts`; without it they fold into the steps
 * around them): the sleeper is not runnable until its timer fires:
 * 9 `RetrySleep`: lost `mutex_trylock(&oom_lock)`: asleep in
 *   schedule_timeout_uninterruptible(1), then back to `Retry`
 *   (did_some_progress = 1: "somebody else is making progress for us");
 * 10 `OomSleep`: holds oom_lock, asleep in schedule_timeout_killable(1)
 *   after out_of_memory() killed (before 4.19, `oomLockHolderSleeps`);
 * 11 `OomUnlock`: holds oom_lock, awake after that sleep, about to return
 *   from out_of_memory() and `mutex_unlock(&oom_lock)`.
 */
export const AllocStage = {
  None: 0,
  Retry: 1,
  LastSecond: 2,
  OutOfMemory: 3,
  ChargeOom: 4,
  MemcgOom: 5,
  MemcgWait: 6,
  FaultUnwound: 7,
  ChargeRetry: 8,
  RetrySleep: 9,
  OomSleep: 10,
  OomUnlock: 11,
} as const;

/** Whether a task in allocation stage `stage` sleeps until its timer fires (schedule_timeout()): a step of its own ends the sleep, and it needs no CPU for it. */
export function inTimedSleep(stage: AllocStage): boolean {
  return stage === AllocStage.RetrySleep || stage === AllocStage.OomSleep;
}

/** One of {@link AllocStage}'s values. */
export type AllocStage = (typeof AllocStage)[keyof typeof AllocStage];

/**
 * Where an mm's teardown by its last user stands (`exitMmap` designs;
 * always `None` under `atomic`, whose exit_mm() tears down in one step):
 * 0 `None`: not begun (or done: see `freed`);
 * 1 `Begun`: mmput() dropped mm_users to 0: the last user is in
 *   __mmput()/exit_mmap(), which has freed nothing yet;
 * 2 `Skipped` (27ae357fa82b, 4.17): exit_mmap() reaped the victim's mm
 *   itself and set MMF_OOM_SKIP; what the reaper skips (mlocked, hugetlb,
 *   shared file mappings) is not yet unmapped.
 */
export const ExitMmapStage = { None: 0, Begun: 1, Skipped: 2 } as const;

/** One of {@link ExitMmapStage}'s values. */
export type ExitMmapStage = (typeof ExitMmapStage)[keyof typeof ExitMmapStage];

/** One task (thread). */
export interface TaskState {
  /** Index of the next operation; `program.length` once the program is done. */
  pc: number;
  /** PF_EXITING: inside do_exit(), not yet through exit_mm(). */
  exiting: boolean;
  /** do_exit() has run: the task no longer uses its mm. */
  exited: boolean;
  alloc: AllocStage;
  /** SIGKILL pending (fatal_signal_pending()). */
  fatalSignal: boolean;
  /** TIF_MEMDIE: an OOM victim, allowed into memory reserves. */
  memdie: boolean;
  /** Victim selections this victim has aborted (time, for the timeout designs). */
  memdieAborts: number;
  /** The current allocation is charged to the memcg (or bypassed to the root): only the page allocator is left. */
  charged: boolean;
  /** Inside a user page fault: holds its own mmap_sem for read (handle_mm_fault()). */
  inFault: boolean;
  /**
   * The OOM reaper freed pages that count for this task's request since
   * its last failed freelist attempt (or failed charge), while it is on
   * its way to the OOM killer: what makes a kill there the design's
   * (no-needless-kill), not the exit race (no-kill-after-race).
   */
  reapedSinceAttempt: boolean;
}

/** One memory cgroup. */
export interface MemcgState {
  /** Pages charged (page_counter usage). */
  usage: number;
  /** memory.limit_in_bytes, in pages (user space may raise it). */
  limit: number;
  /** Task holding the memcg's OOM lock (mem_cgroup_oom_trylock()), or -1. */
  oomLock: number;
}

/** One mm (an address space, used by one process or shared by several). */
export interface MmState {
  /** Torn down: the last user exited and its pages were freed. */
  freed: boolean;
  /** Reaped by the OOM reaper: its anonymous pages were freed. */
  reaped: boolean;
  /** MMF_OOM_REAPED / MMF_OOM_SKIP: the OOM killer ignores it. */
  flagged: boolean;
  /** MMF_OOM_KILLED: chosen by the OOM killer once (the `mm-once` enqueue rule). */
  oomKilled: boolean;
  /** A process using it was marked an OOM victim (`signal->oom_mm`, 4.9): sticky. Kept per mm, not per process (docs/model.md). */
  victim: boolean;
  /** Its teardown by the last user, when exit_mmap() runs in stages ({@link ExitMmapStage}). */
  exitMmap: ExitMmapStage;
  /** MMF_OOM_NOT_REAPABLE (4.8): the reaper gave up on it once; the next give-up flags it (`mmFlagOnGiveUp: second-give-up`). */
  notReapable: boolean;
}

/** A lock: a mutex uses `writer` only; an rwsem also `readers`. */
export interface LockState {
  /** Task index holding it for write (a mutex owner), or -1. */
  writer: number;
  /** Bitmask of task indices holding it for read. */
  readers: number;
}

/** The OOM reaper kthread. */
export interface ReaperState {
  /** Victim being reaped (the slot, or the task popped from the queue), or -1. */
  current: number;
  /** Failed mmap_sem trylocks on `current`. */
  attempts: number;
  /** Head of oom_reaper_list (queue designs), or -1. */
  head: number;
  /** Per task: its `oom_reaper_list` next pointer, or -1 (NULL). */
  next: number[];
}

/** The whole kernel state the model explores. */
export interface KernelState {
  tasks: TaskState[];
  mms: MmState[];
  locks: LockState[];
  memcgs: MemcgState[];
  /** Task holding oom_lock, or -1. */
  oomLock: number;
  /** Free pages above the watermarks. */
  free: number;
  /** Reserve pages below the min watermark (TIF_MEMDIE only). */
  reserves: number;
  reaper: ReaperState;
  /** The kernel panicked (no killable process, or a panic timeout): everything stops. */
  panicked: boolean;
  /** Set by a kill the no-needless-kill property objects to (sticky). */
  needlessKill: boolean;
  /** Set when a system call or uaccess saw -ENOMEM/-EFAULT only because of a memcg OOM (sticky; no-spurious-enomem). */
  spuriousError: boolean;
  /** Set by a kill while the request already fits in free memory (sticky; no-kill-after-race). */
  raceKill: boolean;
}

/** The scenario's starting situation. */
export function initialState(layout: Layout): KernelState {
  const { scenario } = layout;
  const threads = scenario.processes.flatMap((p) => p.threads);
  const locks: LockState[] = layout.locks.map(() => ({ writer: -1, readers: 0 }));
  threads.forEach((thread, t) => {
    for (const held of thread.start?.holds ?? []) {
      const lock = locks[lockOfTask(layout, held.lock, t)];
      if (held.mode === 'write') lock.writer = t;
      else lock.readers |= 1 << t;
    }
  });
  return {
    tasks: threads.map((thread) => ({
      pc: thread.start?.pc ?? 0,
      exiting: false,
      exited: false,
      alloc: AllocStage.None,
      fatalSignal: thread.start?.fatalSignal === true || thread.start?.memdie === true,
      memdie: thread.start?.memdie === true,
      memdieAborts: 0,
      charged: false,
      inFault: false,
      reapedSinceAttempt: false,
    })),
    mms: layout.mms.map((mm) => ({
      freed: false,
      reaped: false,
      flagged: false,
      oomKilled: false,
      victim: mm.users.some((p) => layout.processes[p].tasks.some((t) => threads[t].start?.memdie === true)),
      exitMmap: ExitMmapStage.None,
      notReapable: false,
    })),
    locks,
    memcgs: layout.memcgs.map((m) => ({ usage: m.usage, limit: m.limit, oomLock: -1 })),
    oomLock: -1,
    free: scenario.memory.free,
    reserves: scenario.memory.reserves,
    reaper: { current: -1, attempts: 0, head: -1, next: threads.map(() => -1) },
    panicked: false,
    needlessKill: false,
    spuriousError: false,
    raceKill: false,
  };
}

/**
 * A deep copy of `s` for a transition to change in place (a step's
 * `apply`). It stands where immer's `produce` stood: the state is a few
 * dozen small records, and copying them all outright costs the search
 * less than immer's proxies and copy-on-write did (issue 15). Written
 * out field by field in the codec's order, so that copies and decoded
 * states share one shape (and traces keep their field order).
 */
export function copyState(s: KernelState): KernelState {
  const { reaper } = s;
  return {
    tasks: s.tasks.map((t) => ({
      pc: t.pc,
      exiting: t.exiting,
      exited: t.exited,
      fatalSignal: t.fatalSignal,
      memdie: t.memdie,
      alloc: t.alloc,
      memdieAborts: t.memdieAborts,
      charged: t.charged,
      inFault: t.inFault,
      reapedSinceAttempt: t.reapedSinceAttempt,
    })),
    mms: s.mms.map((m) => ({ freed: m.freed, reaped: m.reaped, flagged: m.flagged, oomKilled: m.oomKilled, victim: m.victim, exitMmap: m.exitMmap, notReapable: m.notReapable })),
    locks: s.locks.map((l) => ({ writer: l.writer, readers: l.readers })),
    memcgs: s.memcgs.map((m) => ({ usage: m.usage, limit: m.limit, oomLock: m.oomLock })),
    oomLock: s.oomLock,
    free: s.free,
    reserves: s.reserves,
    reaper: { current: reaper.current, attempts: reaper.attempts, head: reaper.head, next: reaper.next.slice() },
    panicked: s.panicked,
    needlessKill: s.needlessKill,
    spuriousError: s.spuriousError,
    raceKill: s.raceKill,
  };
}

/**
 * Writes every field of `s` into `d`, a state of the same layout (its
 * records already there): how a plain state is packed into a
 * `PackedState`'s words. Lists the fields `copyState` lists.
 */
export function assignState(d: KernelState, s: KernelState): void {
  s.tasks.forEach((t, i) => {
    const o = d.tasks[i];
    o.pc = t.pc;
    o.exiting = t.exiting;
    o.exited = t.exited;
    o.fatalSignal = t.fatalSignal;
    o.memdie = t.memdie;
    o.alloc = t.alloc;
    o.memdieAborts = t.memdieAborts;
    o.charged = t.charged;
    o.inFault = t.inFault;
    o.reapedSinceAttempt = t.reapedSinceAttempt;
    d.reaper.next[i] = s.reaper.next[i];
  });
  s.mms.forEach((m, i) => {
    const o = d.mms[i];
    o.freed = m.freed;
    o.reaped = m.reaped;
    o.flagged = m.flagged;
    o.oomKilled = m.oomKilled;
    o.victim = m.victim;
    o.exitMmap = m.exitMmap;
    o.notReapable = m.notReapable;
  });
  s.locks.forEach((l, i) => {
    d.locks[i].writer = l.writer;
    d.locks[i].readers = l.readers;
  });
  s.memcgs.forEach((m, i) => {
    d.memcgs[i].usage = m.usage;
    d.memcgs[i].limit = m.limit;
    d.memcgs[i].oomLock = m.oomLock;
  });
  d.oomLock = s.oomLock;
  d.free = s.free;
  d.reserves = s.reserves;
  d.reaper.current = s.reaper.current;
  d.reaper.attempts = s.reaper.attempts;
  d.reaper.head = s.reaper.head;
  d.panicked = s.panicked;
  d.needlessKill = s.needlessKill;
  d.spuriousError = s.spuriousError;
  d.raceKill = s.raceKill;
}
