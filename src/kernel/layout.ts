import type { Op, Scenario } from './scenario.js';

/** An operation with its lock resolved to an index (see {@link Layout.locks}). */
export type ResolvedOp =
  | { readonly op: 'mutex_lock' | 'mutex_unlock' | 'down_read' | 'up_read' | 'down_write' | 'up_write'; readonly lock: number }
  | { readonly op: 'alloc'; readonly pages: number }
  | { readonly op: 'exit' };

/** A task (thread), with its process and program resolved. */
export interface TaskInfo {
  readonly name: string;
  readonly process: number;
  readonly program: readonly ResolvedOp[];
}

/** A process (thread group): its tasks share one mm. */
export interface ProcessInfo {
  readonly name: string;
  readonly pages: number;
  readonly oomScoreAdj: number;
  /** Task indices, leader first (find_lock_task_mm() tries them in this order). */
  readonly tasks: readonly number[];
  /** Index of this mm's mmap_sem in {@link Layout.locks}. */
  readonly mmapSem: number;
}

/** A lock: a mutex, or an mm's mmap_sem (a read/write semaphore). */
export interface LockInfo {
  readonly name: string;
  readonly kind: 'mutex' | 'rwsem';
}

/**
 * The static part of a scenario, indexed for the model: tasks, processes
 * and locks by number. Locks are the declared mutexes, then one mmap_sem
 * per process.
 */
export interface Layout {
  readonly scenario: Scenario;
  readonly tasks: readonly TaskInfo[];
  readonly processes: readonly ProcessInfo[];
  readonly locks: readonly LockInfo[];
  /** Total anonymous pages of all processes plus free memory (an upper bound on free pages). */
  readonly totalPages: number;
}

/** Resolves a lock operand (`i_mutex`, `mmap_sem`, `proc.mmap_sem`) for a task of process `process`. */
function lockIndex(scenario: Scenario, ref: string, process: number): number {
  const mutex = scenario.locks.findIndex((l) => l.name === ref);
  if (mutex >= 0) return mutex;
  const base = scenario.locks.length;
  if (ref === 'mmap_sem') return base + process;
  const owner = scenario.processes.findIndex((p) => `${p.name}.mmap_sem` === ref);
  if (owner >= 0) return base + owner;
  throw new Error(`layout: unknown lock "${ref}" (the scenario should have been validated)`);
}

function resolveOp(scenario: Scenario, op: Op, process: number): ResolvedOp {
  if (op.op === 'alloc' || op.op === 'exit') return op;
  return { op: op.op, lock: lockIndex(scenario, op.lock, process) };
}

/** Indexes a validated scenario. */
export function layoutOf(scenario: Scenario): Layout {
  const tasks: TaskInfo[] = [];
  const processes: ProcessInfo[] = scenario.processes.map((p, pi) => {
    const indices = p.threads.map((t) => {
      tasks.push({ name: t.name, process: pi, program: t.program.map((op) => resolveOp(scenario, op, pi)) });
      return tasks.length - 1;
    });
    return { name: p.name, pages: p.pages, oomScoreAdj: p.oomScoreAdj ?? 0, tasks: indices, mmapSem: scenario.locks.length + pi };
  });
  const locks: LockInfo[] = [
    ...scenario.locks.map((l) => ({ name: l.name, kind: 'mutex' as const })),
    ...scenario.processes.map((p) => ({ name: `${p.name}.mmap_sem`, kind: 'rwsem' as const })),
  ];
  const totalPages = scenario.memory.free + scenario.processes.reduce((sum, p) => sum + p.pages, 0);
  return { scenario, tasks, processes, locks, totalPages };
}

/** Resolves a lock operand of task `task` (for the scenario's `start.holds`). */
export function lockOfTask(layout: Layout, ref: string, task: number): number {
  return lockIndex(layout.scenario, ref, layout.tasks[task].process);
}
