import type { KernelState } from '../state.js';
import { AllocStage, ExitMmapStage } from '../state.js';
import { blockedOn } from '../taskSituation.js';
import type { Context } from '../transitions/step.js';
import { hasMm } from '../transitions/exit.js';
import { reaperIdle } from '../transitions/reaper.js';
import { taskFinished } from '../transitions/taskStep.js';

/*
 * The atoms of a reach condition, declared once: every part of the
 * condition language (parser, name checks, evaluation, printing, the
 * manual's list) reads this table. An atom is a short sentence in kernel
 * words — `T1 has TIF_MEMDIE`, `mm victim has MMF_OOM_SKIP`,
 * `memcg A usage >= 3` — whose words are literals and operand slots.
 */

/**
 * An operand slot of an atom's sentence:
 * - `subject`: a task name, or a quantifier over tasks (`any task`,
 *   `every task`, `no task`, `N tasks` — at least N); the atom then holds
 *   of each task as its subject;
 * - `task`, `process`, `memcg`: a declared name;
 * - `lock`: a mutex, `<process>.mmap_sem`, `mmap_sem` (the subject's own
 *   mm), `oom_lock`, or `<memcg>.oom_lock` (that memcg's OOM lock);
 * - `compare` and `number`: `==`, `!=`, `<`, `<=`, `>`, `>=` and an integer.
 */
export type SlotKind = 'subject' | 'task' | 'process' | 'memcg' | 'lock' | 'compare' | 'number';

/** One word of an atom's sentence: a literal (alternatives: the first is how it prints, e.g. `has` for `has|have`) or a slot. */
export type AtomWord = string | readonly [string, ...string[]] | { readonly slot: SlotKind };

/** A comparison operator. */
export type Compare = '==' | '!=' | '<' | '<=' | '>' | '>=';

/** A lock operand, resolved against the layout. */
export type LockTarget =
  | { readonly kind: 'lock'; readonly index: number }
  | { readonly kind: 'own-mmap_sem' }
  | { readonly kind: 'oom_lock' }
  | { readonly kind: 'memcg-oom-lock'; readonly memcg: number };

/** The operands of one atom, resolved to indices: a slot's value is here when its atom has that slot. */
export interface AtomOperands {
  readonly task?: number;
  readonly process?: number;
  readonly memcg?: number;
  readonly lock?: LockTarget;
  readonly compare?: Compare;
  readonly number?: number;
}

/**
 * An atom's meaning: whether it holds in `s`; `t` is the subject task
 * (atoms without a `subject` slot get -1).
 */
export type AtomHolds = (ctx: Context, s: KernelState, o: AtomOperands, t: number) => boolean;

/** One atom of the condition language. */
export interface AtomSpec {
  /** A short id, for docs and tests. */
  readonly name: string;
  /** The sentence: literals and slots, in order; it prints as written here (first alternative of each literal). */
  readonly words: readonly AtomWord[];
  /** What part of the kernel state it reads (`KernelState` field names). */
  readonly reads: string;
  /** What it means in the kernel, in a line. */
  readonly meaning: string;
  readonly holds: AtomHolds;
}

const subject = { slot: 'subject' } as const;
const slot = (kind: SlotKind) => ({ slot: kind }) as const;
const has = ['has', 'have'] as const;
const is = ['is', 'are'] as const;

/** `a OP b`. */
export function compare(a: number, op: Compare, b: number): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

/** The lock index a lock operand names for subject task `t`, or -1 for `oom_lock` and memcg OOM locks (not in `locks`). */
function lockIndex(ctx: Context, target: LockTarget, t: number): number {
  if (target.kind === 'lock') return target.index;
  if (target.kind === 'own-mmap_sem') return ctx.layout.processes[ctx.layout.tasks[t].process].mmapSem;
  return -1;
}

/** Whether task `t` holds the lock (for read or write). */
function holdsLock(ctx: Context, s: KernelState, target: LockTarget, t: number): boolean {
  if (target.kind === 'oom_lock') return s.oomLock === t;
  if (target.kind === 'memcg-oom-lock') return s.memcgs[target.memcg].oomLock === t;
  const lock = s.locks[lockIndex(ctx, target, t)];
  return lock.writer === t || ((lock.readers >> t) & 1) === 1;
}

/** Whether anyone holds the lock. */
function lockHeld(s: KernelState, target: LockTarget): boolean {
  if (target.kind === 'oom_lock') return s.oomLock !== -1;
  if (target.kind === 'memcg-oom-lock') return s.memcgs[target.memcg].oomLock !== -1;
  if (target.kind === 'own-mmap_sem') return false;
  const lock = s.locks[target.index];
  return lock.writer !== -1 || lock.readers !== 0;
}

/** A task atom that holds when the task's allocation stage is one of `stages`. */
function inStage(name: string, word: string, stages: readonly AllocStage[], meaning: string): AtomSpec {
  return { name, words: [subject, is, 'in', word], reads: 'tasks[t].alloc', meaning, holds: (_c, s, _o, t) => stages.includes(s.tasks[t].alloc) };
}

/** Walks oom_reaper_list from its head (bounded: a corrupt queue cannot loop). */
function queued(s: KernelState, t: number): boolean {
  for (let at = s.reaper.head, n = 0; at !== -1 && n <= s.tasks.length; at = s.reaper.next[at], n++) if (at === t) return true;
  return false;
}

/**
 * Every atom, in the order the manual lists them. To add one (a new
 * state field, a new stage): one entry here, with its sentence, what it
 * reads, its kernel meaning and `holds`; parser, name checks, printing,
 * schema text and the manual's table follow.
 */
export const atomSpecs: readonly AtomSpec[] = [
  {
    name: 'tif-memdie',
    words: [subject, has, 'TIF_MEMDIE'],
    reads: 'tasks[t].memdie',
    meaning: 'an OOM victim allowed into the memory reserves (mark_oom_victim())',
    holds: (_c, s, _o, t) => s.tasks[t].memdie,
  },
  {
    name: 'sigkill',
    words: [subject, has, 'SIGKILL'],
    reads: 'tasks[t].fatalSignal',
    meaning: 'SIGKILL pending: fatal_signal_pending()',
    holds: (_c, s, _o, t) => s.tasks[t].fatalSignal && !s.tasks[t].exited,
  },
  {
    name: 'pf-exiting',
    words: [subject, is, 'PF_EXITING'],
    reads: 'tasks[t].exiting',
    meaning: 'inside do_exit() (PF_EXITING set), not yet gone: before exit_mm(), or past it with no mm',
    holds: (_c, s, _o, t) => s.tasks[t].exiting && !s.tasks[t].exited,
  },
  {
    name: 'no-mm',
    words: [subject, has, 'no', 'mm'],
    reads: 'tasks[t] (exited, pc past exit_mm)',
    meaning: 'past exit_mm() (the `exit_mm` op, or the whole of do_exit()): the task no longer uses its mm',
    holds: (c, s, _o, t) => !hasMm(c.layout, s, t),
  },
  { name: 'exited', words: [subject, has, 'exited'], reads: 'tasks[t].exited', meaning: 'gone: through the end of do_exit() (exit_notify())', holds: (_c, s, _o, t) => s.tasks[t].exited },
  {
    name: 'finished',
    words: [subject, has, 'finished'],
    reads: 'tasks[t] (exited, pc, fatalSignal)',
    meaning: 'exited, or back in user space with its program done (or waiting for a memcg OOM event) and no SIGKILL pending',
    holds: (c, s, _o, t) => taskFinished(c, s, t),
  },
  {
    name: 'holds',
    words: [subject, ['holds', 'hold'], slot('lock')],
    reads: 'locks, oomLock, memcgs[m].oomLock',
    meaning: 'holds the lock (a rw-semaphore for read or write)',
    holds: (c, s, o, t) => holdsLock(c, s, o.lock!, t),
  },
  {
    name: 'waits',
    words: [subject, ['waits', 'wait'], 'on', slot('lock')],
    reads: 'tasks[t], locks (blockedOn)',
    meaning: "sleeps on the lock: in mutex_lock()/down_read()/down_write(), a user fault's down_read(&mm->mmap_sem), or exit_mm()'s",
    holds: (c, s, o, t) => blockedOn(c.layout, c.knobs, s, t)?.lock === lockIndex(c, o.lock!, t),
  },
  inStage(
    'in-slowpath',
    '__alloc_pages_slowpath',
    [AllocStage.Retry, AllocStage.LastSecond, AllocStage.OutOfMemory, AllocStage.RetrySleep, AllocStage.OomSleep, AllocStage.OomUnlock],
    "in the page allocator's slow path (retrying, sleeping a tick, or under oom_lock)",
  ),
  inStage(
    'in-may-oom',
    '__alloc_pages_may_oom',
    [AllocStage.LastSecond, AllocStage.OutOfMemory, AllocStage.OomSleep, AllocStage.OomUnlock],
    'holds oom_lock in the page allocator: last-second allocation or out_of_memory() (asleep in it too, before 4.19)',
  ),
  inStage('in-out-of-memory', 'out_of_memory', [AllocStage.OutOfMemory], 'about to call out_of_memory() under oom_lock'),
  inStage(
    'in-try-charge',
    'try_charge',
    [AllocStage.ChargeOom, AllocStage.MemcgOom, AllocStage.MemcgWait, AllocStage.FaultUnwound, AllocStage.ChargeRetry],
    'in the memcg charge path: over the limit, in the memcg OOM, on its waitqueue, or retrying',
  ),
  inStage('in-mem-cgroup-oom', 'mem_cgroup_out_of_memory', [AllocStage.MemcgOom], "holds its memcg's OOM lock (4.19: oom_lock), about to call mem_cgroup_out_of_memory()"),
  inStage('in-memcg-oom-waitq', 'memcg_oom_waitq', [AllocStage.MemcgWait], 'asleep on memcg_oom_waitq until the memcg OOM is resolved'),
  inStage('in-pagefault-oom', 'pagefault_out_of_memory', [AllocStage.FaultUnwound], 'a user fault unwound with VM_FAULT_OOM, about to call mem_cgroup_oom_synchronize()'),
  {
    name: 'in-page-fault',
    words: [subject, is, 'in', 'handle_mm_fault'],
    reads: 'tasks[t].inFault',
    meaning: 'inside a user page fault, holding its own mmap_sem for read',
    holds: (_c, s, _o, t) => s.tasks[t].inFault,
  },
  {
    name: 'mm-oom-skip',
    words: ['mm', slot('process'), has, 'MMF_OOM_SKIP'],
    reads: 'mms[mm of p].flagged',
    meaning: 'the OOM killer skips this mm (MMF_OOM_SKIP, 4.9; MMF_OOM_REAPED before)',
    holds: (c, s, o) => s.mms[c.layout.processes[o.process!].mm].flagged,
  },
  {
    name: 'mm-oom-reaped',
    words: ['mm', slot('process'), has, 'MMF_OOM_REAPED'],
    reads: 'mms[mm of p].flagged',
    meaning: 'the same flag under its 4.6–4.8 name: the reaper is done with this mm',
    holds: (c, s, o) => s.mms[c.layout.processes[o.process!].mm].flagged,
  },
  {
    name: 'mm-oom-killed',
    words: ['mm', slot('process'), has, 'MMF_OOM_KILLED'],
    reads: 'mms[mm of p].oomKilled',
    meaning: 'chosen by the OOM killer once (the mm-once rule)',
    holds: (c, s, o) => s.mms[c.layout.processes[o.process!].mm].oomKilled,
  },
  {
    name: 'mm-victim',
    words: ['mm', slot('process'), is, 'oom_victim'],
    reads: 'mms[mm of p].victim',
    meaning: 'the process is an OOM victim (signal->oom_mm set, tsk_is_oom_victim())',
    holds: (c, s, o) => s.mms[c.layout.processes[o.process!].mm].victim,
  },
  {
    name: 'mm-reaped',
    words: ['mm', slot('process'), is, 'reaped'],
    reads: 'mms[mm of p].reaped',
    meaning: 'the OOM reaper unmapped its anonymous memory (__oom_reap_task_mm())',
    holds: (c, s, o) => s.mms[c.layout.processes[o.process!].mm].reaped,
  },
  {
    name: 'mm-freed',
    words: ['mm', slot('process'), is, 'freed'],
    reads: 'mms[mm of p].freed',
    meaning: 'torn down by its last user (exit_mmap())',
    holds: (c, s, o) => s.mms[c.layout.processes[o.process!].mm].freed,
  },
  {
    name: 'mm-in-exit-mmap',
    words: ['mm', slot('process'), is, 'in', 'exit_mmap'],
    reads: 'mms[mm of p].exitMmap',
    meaning: 'its last user dropped mm_users to 0 and exit_mmap() has not finished (exitMmap designs; never under atomic)',
    holds: (c, s, o) => s.mms[c.layout.processes[o.process!].mm].exitMmap !== ExitMmapStage.None,
  },
  { name: 'lock-held', words: [slot('lock'), is, 'held'], reads: 'locks, oomLock, memcgs[m].oomLock', meaning: 'some task holds the lock', holds: (_c, s, o) => lockHeld(s, o.lock!) },
  {
    name: 'reaper-queued',
    words: ['oom_reaper_list', 'contains', slot('task')],
    reads: 'reaper.head, reaper.next',
    meaning: 'the task is queued for the OOM reaper (wake_oom_reaper())',
    holds: (_c, s, o) => queued(s, o.task!),
  },
  {
    name: 'reaper-reaping',
    words: ['oom_reaper', is, 'reaping', slot('task')],
    reads: 'reaper.current',
    meaning: 'the OOM reaper works on this task (oom_reap_task())',
    holds: (_c, s, o) => s.reaper.current === o.task,
  },
  {
    name: 'reaper-idle',
    words: ['oom_reaper', is, 'idle'],
    reads: 'reaper.current, reaper.head',
    meaning: 'the OOM reaper sleeps: nothing being reaped, nothing queued',
    holds: (_c, s) => reaperIdle(s),
  },
  {
    name: 'memcg-usage',
    words: ['memcg', slot('memcg'), 'usage', slot('compare'), slot('number')],
    reads: 'memcgs[m].usage',
    meaning: 'pages charged to the memcg (page_counter usage)',
    holds: (_c, s, o) => compare(s.memcgs[o.memcg!].usage, o.compare!, o.number!),
  },
  {
    name: 'memcg-limit',
    words: ['memcg', slot('memcg'), 'limit', slot('compare'), slot('number')],
    reads: 'memcgs[m].limit',
    meaning: 'memory.limit_in_bytes, in pages',
    holds: (_c, s, o) => compare(s.memcgs[o.memcg!].limit, o.compare!, o.number!),
  },
  { name: 'free', words: ['free', slot('compare'), slot('number')], reads: 'free', meaning: 'free pages above the min watermark', holds: (_c, s, o) => compare(s.free, o.compare!, o.number!) },
  {
    name: 'reserves',
    words: ['reserves', slot('compare'), slot('number')],
    reads: 'reserves',
    meaning: 'reserve pages below the min watermark, for TIF_MEMDIE tasks',
    holds: (_c, s, o) => compare(s.reserves, o.compare!, o.number!),
  },
  { name: 'panicked', words: ['kernel', has, 'panicked'], reads: 'panicked', meaning: 'panic(): no killable process left, or a panic-on-timeout design gave up', holds: (_c, s) => s.panicked },
];

/** The printed form of a word of a sentence (first alternative; a slot as `<kind>`). */
export function wordText(word: AtomWord): string {
  if (typeof word === 'string') return word;
  if (Array.isArray(word)) return word[0];
  return `<${(word as { slot: SlotKind }).slot === 'subject' ? 'task' : (word as { slot: SlotKind }).slot}>`;
}

/** An atom's sentence as the manual shows it: `<task> has TIF_MEMDIE`. */
export function atomPattern(atom: AtomSpec): string {
  return atom.words.map(wordText).join(' ');
}
