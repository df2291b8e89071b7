import { GFP_KERNEL, parseGfp } from './gfp.js';
import { operandsOf, type OperandName, type ResolvedOp, type ResolvedOperandTypes } from './ops/index.js';
import type { Op, Scenario } from './scenario.js';

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
}

/** A process (thread group): its tasks share one mm. */
export interface ProcessInfo {
  readonly name: string;
  readonly pages: number;
  readonly oomScoreAdj: number;
  /** Index of its memcg in {@link Layout.memcgs}, or -1 (the root: not limited). */
  readonly memcg: number;
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
 * The static part of a scenario, indexed for the model: tasks, processes
 * and locks by number. Locks are the declared mutexes, then one mmap_sem
 * per process.
 */
export interface Layout {
  readonly scenario: Scenario;
  readonly tasks: readonly TaskInfo[];
  readonly processes: readonly ProcessInfo[];
  readonly locks: readonly LockInfo[];
  readonly memcgs: readonly MemcgInfo[];
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
  const processes: ProcessInfo[] = scenario.processes.map((p, pi) => {
    const indices = p.threads.map((t) => {
      tasks.push({ name: t.name, process: pi, program: t.program.map((op) => resolveOp(scenario, op, pi)), exitMmAt: t.program.findIndex((op) => op.op === 'exit_mm') });
      return tasks.length - 1;
    });
    const memcg = p.memcg === undefined ? -1 : memcgIndex(scenario, p.memcg);
    return { name: p.name, pages: p.pages, oomScoreAdj: p.oomScoreAdj ?? 0, memcg, tasks: indices, mmapSem: scenario.locks.length + pi };
  });
  const memcgs: MemcgInfo[] = (scenario.memcgs ?? []).map((m, mi) => {
    const members = processes.filter((p) => p.memcg === mi);
    return {
      name: m.name,
      limit: m.limit,
      oomKillDisable: m.oomKillDisable === true,
      maxOvercharge: m.maxOvercharge ?? 0,
      processes: members.map((p) => processes.indexOf(p)),
      usage: members.reduce((sum, p) => sum + p.pages, 0),
    };
  });
  const locks: LockInfo[] = [...scenario.locks.map((l) => ({ name: l.name, kind: 'mutex' as const })), ...scenario.processes.map((p) => ({ name: `${p.name}.mmap_sem`, kind: 'rwsem' as const }))];
  const totalPages = scenario.memory.free + scenario.processes.reduce((sum, p) => sum + p.pages, 0);
  return { scenario, tasks, processes, locks, memcgs, totalPages };
}

/** Resolves a lock operand of task `task` (for the scenario's `start.holds`). */
export function lockOfTask(layout: Layout, ref: string, task: number): number {
  return lockIndex(layout.scenario, ref, layout.tasks[task].process);
}
