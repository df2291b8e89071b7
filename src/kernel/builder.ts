/**
 * Scenarios in code: a fluent, immutable builder producing the same
 * {@link Scenario} objects as scenario files, checked by the same
 * validation (problems name the file `<builder>`).
 *
 * ```ts
 * scenario('t1-t3')
 *   .describe('T1 exits while T3 allocates holding mmap_sem')
 *   .memory({ free: 0, reserves: 1 })
 *   .process('victim', { pages: 8 }, (p) =>
 *     p.thread('T1', [exit()], { memdie: true })
 *      .thread('T3', [alloc(1), upWrite('mmap_sem'), exit()], { holds: [{ lock: 'mmap_sem', mode: 'write' }], fatalSignal: true }))
 *   .design('reaper-slot')
 *   .properties('no-oom-livelock')
 *   .expect('reaper-slot', { 'no-oom-livelock': 'violated' })
 *   .build();
 * ```
 */
import type { Knobs } from './design/knobs/index.js';
import type { OpName } from './ops/index.js';
import { validateScenario } from './load/validateScenario.js';
import type { PropertyName } from './propertyNames.js';
import type { AllocContext, DesignChoice, LockRef, LockSpec, MemcgSpec, MemorySpec, Op, ProcessSpec, ReachQuery, Scenario, ThreadSpec, ThreadStart } from './scenario.js';

/** The file name in problems of scenarios built in code. */
export const builderFile = '<builder>';

/**
 * Any operation, by its name and operands as a scenario file writes them:
 * `op('kill', { process: 'victim' })`, `op('alloc', { pages: 1, gfp: 'GFP_NOFS' })`.
 * The helpers below are shorthands for it; an operation declared in
 * `ops/` needs none to be used here.
 */
export function op<N extends OpName>(name: N, operands: Omit<Extract<Op, { readonly op: N }>, 'op'>): Op {
  return { op: name, ...operands } as Op;
}

/** `mutex_lock(lock)`: sleep until the mutex is free, then take it. */
export const mutexLock = (lock: LockRef): Op => ({ op: 'mutex_lock', lock });
/** `mutex_unlock(lock)`. */
export const mutexUnlock = (lock: LockRef): Op => ({ op: 'mutex_unlock', lock });
/** `down_read(lock)` on `mmap_sem` or `<process>.mmap_sem`. */
export const downRead = (lock: LockRef): Op => ({ op: 'down_read', lock });
/** `up_read(lock)`. */
export const upRead = (lock: LockRef): Op => ({ op: 'up_read', lock });
/** `down_write(lock)` on `mmap_sem` or `<process>.mmap_sem`. */
export const downWrite = (lock: LockRef): Op => ({ op: 'down_write', lock });
/** `up_write(lock)`. */
export const upWrite = (lock: LockRef): Op => ({ op: 'up_write', lock });
/** How an allocation is made: its GFP mask (default `GFP_KERNEL`) and where it happens (default `syscall`). */
export interface AllocOptions {
  /** A mask as `parseGfp` reads it: `GFP_NOFS | __GFP_NOFAIL`. */
  readonly gfp?: string;
  readonly context?: AllocContext;
}

/**
 * Allocate `pages` pages (≥ 1), charged first to the process's memcg if
 * it has one; `options` set the GFP mask and the context (default
 * GFP_KERNEL from a system call: retries until it succeeds).
 */
export const alloc = (pages: number, options: AllocOptions = {}): Op => ({
  op: 'alloc',
  pages,
  ...(options.gfp === undefined ? {} : { gfp: options.gfp }),
  ...(options.context === undefined ? {} : { context: options.context }),
});
/** `do_exit()`; a thread must not hold locks when it exits. */
export const exit = (): Op => ({ op: 'exit' });
/** User space: block in read() on `memcg`'s OOM eventfd until a task of the group sleeps in its OOM; no lock may be held. */
export const waitOomEvent = (memcg: string): Op => ({ op: 'wait_oom_event', memcg });
/** User space: kill(2) SIGKILL to every thread of `process`; no lock may be held. */
export const kill = (process: string): Op => ({ op: 'kill', process });
/** User space: raise `memcg`'s memory.limit_in_bytes to `pages` (not below its declared limit); no lock may be held. */
export const setLimit = (memcg: string, pages: number): Op => ({ op: 'set_limit', memcg, pages });

/** A property name, or a per-task property for one thread: `no-oom-livelock[H]`. */
export type PropertyRefName = PropertyName | `${PropertyName}[${string}]`;

/** Where and how a thread is scheduled (a scenario with `cpus`): as a file's thread fields `cpu`, `policy`, `rtPriority`. */
export type ThreadSched = Pick<ThreadSpec, 'cpu' | 'policy' | 'rtPriority'>;

/** The threads of one process, added in order. */
export class ProcessBuilder {
  /** @internal use {@link ScenarioBuilder.process} */
  constructor(readonly threads: readonly ThreadSpec[] = []) {}

  /**
   * Adds thread `name` running `program`, starting as `start` says (default:
   * at pc 0, no lock, no signal), scheduled as `sched` says (its `cpu`,
   * `policy` and `rtPriority`; only with the scenario's {@link ScenarioBuilder.cpus}).
   */
  thread(name: string, program: readonly Op[], start?: ThreadStart, sched: ThreadSched = {}): ProcessBuilder {
    const thread: ThreadSpec = {
      name,
      program,
      ...(start === undefined ? {} : { start }),
      ...(sched.cpu === undefined ? {} : { cpu: sched.cpu }),
      ...(sched.policy === undefined ? {} : { policy: sched.policy }),
      ...(sched.rtPriority === undefined ? {} : { rtPriority: sched.rtPriority }),
    };
    return new ProcessBuilder([...this.threads, thread]);
  }
}

interface Draft {
  readonly name: string;
  readonly description?: string;
  readonly source?: string;
  readonly processes: readonly ProcessSpec[];
  readonly locks: readonly LockSpec[];
  readonly memcgs?: readonly MemcgSpec[];
  readonly memory?: MemorySpec;
  readonly designs?: readonly DesignChoice[];
  readonly properties?: readonly string[];
  readonly expect?: Readonly<Record<string, Readonly<Record<string, 'holds' | 'violated'>>>>;
  readonly reach?: readonly ReachQuery[];
  readonly cpus?: number;
}

/** A scenario under construction. Every method returns a new builder; none changes this one. */
export class ScenarioBuilder {
  /** @internal use {@link scenario} */
  constructor(private readonly draft: Draft) {}

  private with(change: Partial<Draft>): ScenarioBuilder {
    return new ScenarioBuilder({ ...this.draft, ...change });
  }

  /** Sets the one-line description (required). */
  describe(description: string): ScenarioBuilder {
    return this.with({ description });
  }

  /** Sets where the scenario comes from: a seed, a commit, a post. */
  source(source: string): ScenarioBuilder {
    return this.with({ source });
  }

  /** Sets free pages and TIF_MEMDIE reserves (required). */
  memory(memory: MemorySpec): ScenarioBuilder {
    return this.with({ memory: { free: memory.free, reserves: memory.reserves } });
  }

  /**
   * Gives the machine `cpus` CPUs: threads then run where their `cpu` says,
   * at their `policy`, and the scheduler decides who may step (see
   * docs/model.md, "CPUs, priorities and sleeps"). Without it every thread
   * has a CPU of its own.
   */
  cpus(cpus: number): ScenarioBuilder {
    return this.with({ cpus });
  }

  /** Declares a mutex such as `i_mutex`. */
  mutex(name: string): ScenarioBuilder {
    return this.with({ locks: [...this.draft.locks, { name, kind: 'mutex' }] });
  }

  /**
   * Declares a memory cgroup with `memory.limit_in_bytes` of `options.limit`
   * pages (`oomKillDisable` default false, `maxOvercharge` default 0).
   */
  memcg(name: string, options: { readonly limit: number; readonly oomKillDisable?: boolean; readonly maxOvercharge?: number }): ScenarioBuilder {
    const spec: MemcgSpec = {
      name,
      limit: options.limit,
      ...(options.oomKillDisable === undefined ? {} : { oomKillDisable: options.oomKillDisable }),
      ...(options.maxOvercharge === undefined ? {} : { maxOvercharge: options.maxOvercharge }),
    };
    return this.with({ memcgs: [...(this.draft.memcgs ?? []), spec] });
  }

  /**
   * Adds a process (its threads share one mm), charged to `options.memcg`
   * if given, whose threads `threads` adds. With `options.mm` it uses that
   * process's mm instead of one of its own (then no `pages`, `unreapable`
   * or `memcg`; `vfork` marks a vfork child). `unreapable`: of its pages,
   * those the OOM reaper skips (mlocked, hugetlb, shared file mappings).
   */
  process(
    name: string,
    options: { readonly pages?: number; readonly unreapable?: number; readonly memcg?: string; readonly oomScoreAdj?: number; readonly mm?: string; readonly vfork?: boolean },
    threads: (p: ProcessBuilder) => ProcessBuilder,
  ): ScenarioBuilder {
    const spec: ProcessSpec = {
      name,
      ...(options.memcg === undefined ? {} : { memcg: options.memcg }),
      ...(options.pages === undefined ? {} : { pages: options.pages }),
      ...(options.unreapable === undefined ? {} : { unreapable: options.unreapable }),
      ...(options.mm === undefined ? {} : { mm: options.mm }),
      ...(options.vfork === undefined ? {} : { vfork: options.vfork }),
      ...(options.oomScoreAdj === undefined ? {} : { oomScoreAdj: options.oomScoreAdj }),
      threads: threads(new ProcessBuilder()).threads,
    };
    return this.with({ processes: [...this.draft.processes, spec] });
  }

  /** Adds a design to check: a preset and knob overrides (default: every preset, if no design is added). */
  design(preset: string, knobs?: Partial<Knobs>): ScenarioBuilder {
    const choice: DesignChoice = knobs === undefined ? { preset } : { preset, knobs: { ...knobs } as Record<string, string | number | boolean> };
    return this.with({ designs: [...(this.draft.designs ?? []), choice] });
  }

  /** Adds properties to check (default: all, if none is added). */
  properties(...names: PropertyRefName[]): ScenarioBuilder {
    return this.with({ properties: [...(this.draft.properties ?? []), ...names] });
  }

  /** Adds expected verdicts for `design` (as `resolveDesign(...).name` prints it, e.g. `reaper-slot+reaperRetries=3`). */
  expect(design: string, verdicts: Partial<Record<PropertyRefName, 'holds' | 'violated'>>): ScenarioBuilder {
    const before = this.draft.expect ?? {};
    const merged = { ...(Object.hasOwn(before, design) ? before[design] : {}), ...(verdicts as Record<string, 'holds' | 'violated'>) };
    // defineProperty: a design named __proto__ stays a key (and gets reported as unknown).
    const expect = Object.defineProperty({ ...before }, design, { value: merged, enumerable: true, writable: true, configurable: true });
    return this.with({ expect });
  }

  /** Adds a reach query: can the system get into a state where `condition` holds (see docs/scenarios.md)? `expect` as in a file's `reach:`. */
  reach(name: string, condition: string, expect?: ReachQuery['expect']): ScenarioBuilder {
    return this.with({ reach: [...(this.draft.reach ?? []), { name, condition, ...(expect !== undefined ? { expect } : {}) }] });
  }

  /**
   * The scenario, validated exactly as a loaded file is.
   * @throws {ScenarioError} every problem, at its path (no line numbers: file `<builder>`)
   */
  build(): Scenario {
    const { draft } = this;
    const value: Record<string, unknown> = { name: draft.name, processes: draft.processes, locks: draft.locks };
    for (const field of ['description', 'source', 'memcgs', 'memory', 'designs', 'properties', 'expect', 'reach', 'cpus'] as const) {
      if (draft[field] !== undefined) value[field] = draft[field];
    }
    return validateScenario(value, { file: builderFile });
  }
}

/** Starts a scenario named `name`. */
export function scenario(name: string): ScenarioBuilder {
  return new ScenarioBuilder({ name, processes: [], locks: [] });
}
