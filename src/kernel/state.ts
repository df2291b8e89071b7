import { lockOfTask, type Layout } from './layout.js';

/**
 * Where a task is in the page allocator's slow path (0: not in it).
 * 1 `retry`: about to try the freelist (and reserves, for a victim), then
 *   `mutex_trylock(&oom_lock)`;
 * 2 `lastSecond`: holds oom_lock, about to try the freelist once more;
 * 3 `outOfMemory`: holds oom_lock, about to call out_of_memory().
 */
export const AllocStage = { None: 0, Retry: 1, LastSecond: 2, OutOfMemory: 3 } as const;

/** One of {@link AllocStage}'s values. */
export type AllocStage = (typeof AllocStage)[keyof typeof AllocStage];

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
}

/** One mm (a process's address space). */
export interface MmState {
  /** Torn down: the last user exited and its pages were freed. */
  freed: boolean;
  /** Reaped by the OOM reaper: its anonymous pages were freed. */
  reaped: boolean;
  /** MMF_OOM_REAPED / MMF_OOM_SKIP: the OOM killer ignores it. */
  flagged: boolean;
  /** MMF_OOM_KILLED: chosen by the OOM killer once (the `mm-once` enqueue rule). */
  oomKilled: boolean;
  /** The process was marked an OOM victim (`signal->oom_mm`, 4.9): sticky. */
  victim: boolean;
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
    })),
    mms: layout.processes.map((_, p) => ({
      freed: false,
      reaped: false,
      flagged: false,
      oomKilled: false,
      victim: layout.processes[p].tasks.some((t) => threads[t].start?.memdie === true),
    })),
    locks,
    oomLock: -1,
    free: scenario.memory.free,
    reserves: scenario.memory.reserves,
    reaper: { current: -1, attempts: 0, head: -1, next: threads.map(() => -1) },
    panicked: false,
    needlessKill: false,
  };
}
