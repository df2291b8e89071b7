import { GFP_KERNEL, parseGfp } from './gfp.js';
import { operandsOf, type OperandName, type ResolvedOp, type ResolvedOperandTypes } from './ops/index.js';
import type { Op, Scenario, ThreadSpec } from './scenario.js';

export type { ResolvedOp } from './ops/index.js';

/** An allocation operation, resolved. */
export type AllocOp = Extract<ResolvedOp, { readonly op: 'alloc' }>;

/** A task (thread), with its process and program resolved. */
export interface TaskInfo {
  readonly name: string;
  readonly process: number;
  readonly program: readonly ResolvedOp[];
  /** Index of its program's `exit_mm` operation, or -1: past it, the task is alive without an mm. */
  readonly exitMmAt: number;
  /** The CPU it is pinned to, or -1: any CPU (see {@link Layout.cpus}). */
  readonly cpu: number;
  /** Its scheduling priority, higher runs first (see {@link schedRank}). */
  readonly rank: number;
}

/**
 * A task's scheduling priority as one number, higher first: SCHED_IDLE 0,
 * the fair class (SCHED_NORMAL, SCHED_BATCH) 1, SCHED_FIFO and SCHED_RR
 * 1 + sched_priority (the real-time classes run before the fair class,
 * and the fair class before SCHED_IDLE). Nice levels are not modelled:
 * the fair class shares its CPU in proportion to them, it does not keep
 * one task from running while another is runnable.
 */
export function schedRank(policy: ThreadSpec['policy'], rtPriority: number | undefined): number {
  switch (policy) {
    case 'SCHED_IDLE':
      return 0;
    case 'SCHED_FIFO':
    case 'SCHED_RR':
      return 1 + (rtPriority ?? 1);
    default:
      return 1;
  }
}

/** A process (thread group): its tasks share one mm, its own or another process's. */
export interface ProcessInfo {
  readonly name: string;
  /** Its own oom_score_adj (`signal->oom_score_adj`): sharers of an mm may differ. */
  readonly oomScoreAdj: number;
  /** Index of its memcg in {@link Layout.memcgs}, or -1 (the root: not limited); a sharer's is its mm's. */
  readonly memcg: number;
  /** Task indices, leader first (find_lock_task_mm() tries them in this order). */
  readonly tasks: readonly number[];
  /** Index of the mm it uses in {@link Layout.mms}. */
  readonly mm: number;
  /** A vfork child that has not exec'd yet (in_vfork()). */
  readonly vfork: boolean;
  /** Index of its mm's mmap_sem in {@link Layout.locks}. */
  readonly mmapSem: number;
}

/**
 * An mm (address space): one per process that has its own, in process
 * order, named after that process (its owner); processes that share it
 * (`mm:` in the scenario) are further users.
 */
export interface MmInfo {
  /** The owning process's name. */
  readonly name: string;
  /** Anonymous pages (MM_ANONPAGES): freed when the mm is reaped or torn down. */
  readonly pages: number;
  /** Of {@link pages}, those the reaper skips (mlocked, hugetlb, shared file mappings): only exit_mmap() frees them. */
  readonly unreapable: number;
  /** Index of its memcg in {@link Layout.memcgs}, or -1 (charges follow mm->owner). */
  readonly memcg: number;
  /** The processes using it, owner first. */
  readonly users: readonly number[];
  /** Index of its mmap_sem in {@link Layout.locks}. */
  readonly mmapSem: number;
}

/** A lock: a mutex, or an mm's mmap_sem (a read/write semaphore). */
export interface LockInfo {
  readonly name: string;
  readonly kind: 'mutex' | 'rwsem';
}

/** A memory cgroup. */
export interface MemcgInfo {
  readonly name: string;
  /** The limit at the start, in pages (user space may raise it). */
  readonly limit: number;
  readonly oomKillDisable: boolean;
  readonly maxOvercharge: number;
  /** Its processes' indices. */
  readonly processes: readonly number[];
  /** Pages charged at the start: its processes' pages. */
  readonly usage: number;
}

/**
 * The static part of a scenario, indexed for the model: tasks, processes,
 * mms and locks by number. Locks are the declared mutexes, then one
 * mmap_sem per mm. Without shared mms there is one mm per process, with
 * the process's index.
 */
export interface Layout {
  readonly scenario: Scenario;
  readonly tasks: readonly TaskInfo[];
  readonly processes: readonly ProcessInfo[];
  readonly mms: readonly MmInfo[];
  readonly locks: readonly LockInfo[];
  readonly memcgs: readonly MemcgInfo[];
  /** Total anonymous pages of all mms plus free memory (an upper bound on free pages). */
  readonly totalPages: number;
  /**
   * The scenario's `cpus`, or 0 when it gives none: then every task has a
   * CPU of its own, nobody is kept from running, and sleeps are not
   * steps (`transitions/scheduler.ts`).
   */
  readonly cpus: number;
}

/** The processes that have an mm of their own, in order: the owners of the mms, whose indices are the mms'. */
function mmOwners(scenario: Scenario): number[] {
  return scenario.processes.flatMap((p, i) => (p.mm === undefined ? [i] : []));
}

/** Index in the layout's mms of the mm process `process` uses. */
function mmIndex(scenario: Scenario, process: number): number {
  const owners = mmOwners(scenario);
  const { mm } = scenario.processes[process];
  const owner = mm === undefined ? process : scenario.processes.findIndex((p) => p.name === mm);
  const index = owners.indexOf(owner);
  if (index < 0) throw new Error(`layout: process "${scenario.processes[process].name}" uses no known mm (the scenario should have been validated)`);
  return index;
}

/** Resolves a lock operand (`i_mutex`, `mmap_sem`, `proc.mmap_sem`: the mmap_sem of the mm that process uses) for a task of process `process`. */
function lockIndex(scenario: Scenario, ref: string, process: number): number {
  const mutex = scenario.locks.findIndex((l) => l.name === ref);
  if (mutex >= 0) return mutex;
  const base = scenario.locks.length;
  if (ref === 'mmap_sem') return base + mmIndex(scenario, process);
  const user = scenario.processes.findIndex((p) => `${p.name}.mmap_sem` === ref);
  if (user >= 0) return base + mmIndex(scenario, user);
  throw new Error(`layout: unknown lock "${ref}" (the scenario should have been validated)`);
}

function memcgIndex(scenario: Scenario, name: string): number {
  const i = (scenario.memcgs ?? []).findIndex((m) => m.name === name);
  if (i < 0) throw new Error(`layout: unknown memcg "${name}" (the scenario should have been validated)`);
  return i;
}

function processIndex(scenario: Scenario, name: string): number {
  const i = scenario.processes.findIndex((p) => p.name === name);
  if (i < 0) throw new Error(`layout: unknown process "${name}" (the scenario should have been validated)`);
  return i;
}

/** Operand `name` of an operation of a task of process `process`, resolved; `value` is `undefined` when an optional operand is absent. */
function resolveOperand(scenario: Scenario, name: OperandName, value: unknown, process: number): ResolvedOperandTypes[OperandName] {
  switch (name) {
    case 'lock':
      return lockIndex(scenario, value as string, process);
    case 'memcg':
      return memcgIndex(scenario, value as string);
    case 'process':
      return processIndex(scenario, value as string);
    case 'pages':
      return value as number;
    case 'gfp': {
      const gfp = value === undefined ? GFP_KERNEL : parseGfp(value as string);
      if ('error' in gfp) throw new Error(`layout: ${gfp.error} (the scenario should have been validated)`);
      return gfp;
    }
    case 'context':
      return (value as ResolvedOperandTypes['context'] | undefined) ?? 'syscall';
  }
}

/** `op` with every operand resolved (see {@link resolveOperand}), in the order its declaration lists them. */
function resolveOp(scenario: Scenario, op: Op, process: number): ResolvedOp {
  const operands = op as Readonly<Record<string, unknown>>;
  const resolved: Record<string, unknown> = { op: op.op };
  for (const name of operandsOf(op.op)) resolved[name] = resolveOperand(scenario, name, operands[name], process);
  return resolved as ResolvedOp;
}

/** Indexes a validated scenario. */
export function layoutOf(scenario: Scenario): Layout {
  const tasks: TaskInfo[] = [];
  const owners = mmOwners(scenario);
  const ownerMemcg = (owner: number): number => {
    const name = scenario.processes[owner].memcg;
    return name === undefined ? -1 : memcgIndex(scenario, name);
  };
  const processes: ProcessInfo[] = scenario.processes.map((p, pi) => {
    const indices = p.threads.map((t) => {
      tasks.push({
        name: t.name,
        process: pi,
        program: t.program.map((op) => resolveOp(scenario, op, pi)),
        exitMmAt: t.program.findIndex((op) => op.op === 'exit_mm'),
        cpu: typeof t.cpu === 'number' ? t.cpu : -1,
        rank: schedRank(t.policy, t.rtPriority),
      });
      return tasks.length - 1;
    });
    const mm = mmIndex(scenario, pi);
    return { name: p.name, oomScoreAdj: p.oomScoreAdj ?? 0, memcg: ownerMemcg(owners[mm]), tasks: indices, mm, vfork: p.vfork === true, mmapSem: scenario.locks.length + mm };
  });
  const mms: MmInfo[] = owners.map((owner, m) => ({
    name: scenario.processes[owner].name,
    pages: scenario.processes[owner].pages ?? 0,
    unreapable: scenario.processes[owner].unreapable ?? 0,
    memcg: ownerMemcg(owner),
    users: [owner, ...processes.flatMap((p, pi) => (p.mm === m && pi !== owner ? [pi] : []))],
    mmapSem: scenario.locks.length + m,
  }));
  const memcgs: MemcgInfo[] = (scenario.memcgs ?? []).map((m, mi) => {
    const members = processes.filter((p) => p.memcg === mi);
    return {
      name: m.name,
      limit: m.limit,
      oomKillDisable: m.oomKillDisable === true,
      maxOvercharge: m.maxOvercharge ?? 0,
      processes: members.map((p) => processes.indexOf(p)),
      usage: mms.filter((mm) => mm.memcg === mi).reduce((sum, mm) => sum + mm.pages, 0),
    };
  });
  const locks: LockInfo[] = [...scenario.locks.map((l) => ({ name: l.name, kind: 'mutex' as const })), ...mms.map((mm) => ({ name: `${mm.name}.mmap_sem`, kind: 'rwsem' as const }))];
  const totalPages = scenario.memory.free + mms.reduce((sum, mm) => sum + mm.pages, 0);
  return { scenario, tasks, processes, mms, locks, memcgs, totalPages, cpus: scenario.cpus ?? 0 };
}

/** Resolves a lock operand of task `task` (for the scenario's `start.holds`). */
export function lockOfTask(layout: Layout, ref: string, task: number): number {
  return lockIndex(layout.scenario, ref, layout.tasks[task].process);
}
