/**
 * The scenario format, as loaded and validated: tasks (threads) grouped in
 * processes that share an mm, locks, memory, each thread's program and
 * starting situation, the design under test, the properties to check and
 * the verdicts the author expects. Files are YAML or JSON
 * (`schema/scenario.schema.json`); `builder.ts` makes the same objects in code.
 *
 * Names are kernel names: a thread is a task, a process a thread group,
 * each process has one `mm` with its `mmap_sem`, `oom_lock` is implicit.
 */

import type { Op } from './ops/index.js';

/** A named sleeping lock shared by tasks: a mutex such as `i_mutex`. */
export interface LockSpec {
  readonly name: string;
  /** Only `mutex` for now; every mm's `mmap_sem` is an implicit rw-semaphore. */
  readonly kind: 'mutex';
}

/**
 * A lock operand: a mutex name, `mmap_sem` (the task's own mm) or
 * `<process>.mmap_sem` (the mm that process uses, its own or shared).
 */
export type LockRef = string;

/**
 * One operation of a task's program: derived from the declarations in
 * `ops/` (one per operation), e.g. `{ op: 'mutex_lock', lock: 'i_mutex' }`,
 * `{ op: 'alloc', pages: 1 }`, `{ op: 'kill', process: 'victim' }`.
 */
export type { Op };

/**
 * Where an allocation happens, which decides who may invoke the memcg OOM
 * killer (3.12 allowed only user faults) and the error a failure returns:
 * `syscall` (e.g. page cache in write(): -ENOMEM), `user-fault` (a page
 * fault from user space: handle_mm_fault() under the task's own mmap_sem
 * for read, taken and dropped by the fault itself; a failure ends in
 * pagefault_out_of_memory() and the fault is restarted), `kernel-fault`
 * (get_user_pages() and the like: -ENOMEM), `put_user` (a uaccess fault:
 * the system call sees -EFAULT, which user space cannot tell from a bad
 * pointer — seed 000).
 */
export type AllocContext = 'syscall' | 'user-fault' | 'kernel-fault' | 'put_user';

/** A lock a thread holds when the scenario starts. */
export interface HeldLock {
  readonly lock: LockRef;
  /** `write` for a mutex or `down_write`; `read` for `down_read`. */
  readonly mode: 'read' | 'write';
}

/** Where a thread stands when the scenario starts. */
export interface ThreadStart {
  /** Index of the next operation (default 0). */
  readonly pc?: number;
  /** Locks already held (they must match the program: released later, not taken again). */
  readonly holds?: readonly HeldLock[];
  /** SIGKILL already pending (default false). */
  readonly fatalSignal?: boolean;
  /** Already an OOM victim with TIF_MEMDIE (default false); implies `fatalSignal`. */
  readonly memdie?: boolean;
}

/**
 * A scheduling policy (sched_setscheduler()): the fair class (`SCHED_NORMAL`,
 * `SCHED_BATCH`), `SCHED_IDLE`, or a real-time one (`SCHED_FIFO`,
 * `SCHED_RR`, with an `rtPriority`).
 */
export type SchedPolicy = 'SCHED_NORMAL' | 'SCHED_BATCH' | 'SCHED_IDLE' | 'SCHED_FIFO' | 'SCHED_RR';

/** A thread (task). A thread whose program ends returns to user space: it is finished (a killed one exits). */
export interface ThreadSpec {
  readonly name: string;
  readonly program: readonly Op[];
  readonly start?: ThreadStart;
  /**
   * The CPU it runs on (0..cpus-1, as pinned by sched_setaffinity()), or
   * `any` (the default): only with the scenario's `cpus`.
   */
  readonly cpu?: number | 'any';
  /** Its scheduling policy (default `SCHED_NORMAL`): only with the scenario's `cpus`. */
  readonly policy?: SchedPolicy;
  /** sched_priority 1..99 of a `SCHED_FIFO` or `SCHED_RR` task (required with them, not allowed otherwise). */
  readonly rtPriority?: number;
}

/**
 * A process (thread group): its threads share one mm. By default the
 * process has an mm of its own; with `mm` it uses another process's
 * (clone(CLONE_VM) without CLONE_THREAD, or a vfork child before it execs).
 */
export interface ProcessSpec {
  readonly name: string;
  /** The memory cgroup its pages are charged to (default: none, the root); not with `mm` (charges follow the mm's owner). */
  readonly memcg?: string;
  /**
   * Anonymous pages of its own mm: freed when the mm is reaped or torn
   * down; the OOM killer picks the biggest. Required unless `mm` is given:
   * a process that shares another's mm has no pages of its own.
   */
  readonly pages?: number;
  /**
   * Of `pages`, how many the OOM reaper skips (0..pages, default 0): pages
   * in mlocked (VM_LOCKED) or hugetlb VMAs, or in shared file mappings
   * (`__oom_reap_task_mm()` unmaps only anonymous and private VMAs). Only
   * exit_mmap() frees them. Not with `mm`: the pages belong to the mm.
   */
  readonly unreapable?: number;
  /**
   * The process whose mm this one uses (its `mmap_sem` too): the pages
   * belong to that mm, which is torn down when its last user exits. The
   * named process must have an mm of its own.
   */
  readonly mm?: string;
  /** A vfork child that has not exec'd yet (needs `mm`: the parent's); default false. */
  readonly vfork?: boolean;
  /** oom_score_adj of this process: -1000 (OOM_SCORE_ADJ_MIN) is never selected; default 0. */
  readonly oomScoreAdj?: number;
  readonly threads: readonly ThreadSpec[];
}

/** Memory outside any process, in pages. */
export interface MemorySpec {
  /** Free pages at the start. */
  readonly free: number;
  /** Pages below the min watermark that only TIF_MEMDIE tasks may use (ALLOC_NO_WATERMARKS). */
  readonly reserves: number;
}

/**
 * A memory cgroup (v1 `memory` controller): the pages of its processes
 * are charged to it at the start, and every allocation of their tasks is
 * charged before it is allocated.
 */
export interface MemcgSpec {
  readonly name: string;
  /** `memory.limit_in_bytes`, in pages; the starting usage (its processes' pages) must not exceed it. */
  readonly limit: number;
  /** cgroup v1 `memory.oom_control` `oom_kill_disable`: no kernel OOM kill; a userspace handler decides (default false). */
  readonly oomKillDisable?: boolean;
  /** For `bounded-overcharge`: pages forced charges may put the group over its limit (default 0). */
  readonly maxOvercharge?: number;
}

/**
 * Verdicts the author expects: design name as `resolveDesign(...).name`
 * prints it (`reaper-slot+exitTakesMmapSem=false`) → property reference
 * (`no-oom-livelock` or `no-oom-livelock[H]`) → verdict.
 */
export type ExpectedVerdicts = Readonly<Record<string, Readonly<Record<string, 'holds' | 'violated'>>>>;

/** A design to check: a preset and knob overrides. */
export interface DesignChoice {
  readonly preset: string;
  readonly knobs?: Readonly<Record<string, number | boolean | string>>;
}

/** A validated scenario. */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  /** Where the scenario comes from: a seed, a commit, a post. */
  readonly source?: string;
  readonly processes: readonly ProcessSpec[];
  readonly locks: readonly LockSpec[];
  /** Memory cgroups (default: none). */
  readonly memcgs?: readonly MemcgSpec[];
  readonly memory: MemorySpec;
  /**
   * The number of CPUs the tasks share (default: none given: every task
   * has a CPU of its own and nobody is ever kept from running). With it,
   * each thread runs on its `cpu` at its `policy`, the scheduler runs
   * only the tasks of the highest priority that is runnable on a CPU,
   * and tasks sleep where the kernel sleeps (docs/model.md, "CPUs").
   */
  readonly cpus?: number;
  /** Designs to check it against (default: every preset). */
  readonly designs?: readonly DesignChoice[];
  /** Property references (see properties/): `name`, or `name[task]` for one task of a per-task property; default: all. */
  readonly properties?: readonly string[];
  readonly expect?: ExpectedVerdicts;
  /** Witness queries, checked in the same search as the properties (default: none). */
  readonly reach?: readonly ReachQuery[];
}

/** The answer a reach query can have: a state where its condition holds is reachable, or none is. */
export type ReachAnswer = 'reachable' | 'unreachable';

/**
 * A witness query: can the system get into a state where `condition`
 * holds (see `reach/atoms.ts` for its words)? `expect` is the answer the
 * author expects, the same under every design or per design (design name
 * as `resolveDesign(...).name` prints it → answer; designs left out
 * expect nothing).
 */
export interface ReachQuery {
  readonly name: string;
  readonly condition: string;
  readonly expect?: ReachAnswer | Readonly<Record<string, ReachAnswer>>;
}
