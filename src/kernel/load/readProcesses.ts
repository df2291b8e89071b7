import type { ProcessSpec, ThreadSpec } from '../scenario.js';
import { readThreadSched } from './readThreadSched.js';
import { NameRegistry } from './nameRegistry.js';
import type { Path } from './path.js';
import type { Problems } from './problems.js';
import { readProgram } from './readProgram.js';
import { readThreadStart } from './readThreadStart.js';
import { readBoolean, readInteger, readList, readMapping, readPages, readString } from './readValues.js';

/** The fields of a process. */
export const processFields = { required: ['name', 'threads'], optional: ['pages', 'unreapable', 'memcg', 'oomScoreAdj', 'mm', 'vfork'] } as const;
/** The fields of a thread. */
export const threadFields = { required: ['name', 'program'], optional: ['start', 'cpu', 'policy', 'rtPriority'] } as const;

/** A valid thread and where it is: what the program checks need. */
export interface ThreadSite {
  /** The thread's process (its own `mmap_sem`). */
  readonly process: string;
  readonly thread: ThreadSpec;
  /** `['processes', i, 'threads', j]`. */
  readonly path: Path;
}

/** A thread's `cpu` and `policy` as read, and where: what `checkCpus` needs, for every thread, valid or not. */
export interface SchedSite {
  readonly sched: Pick<ThreadSpec, 'cpu' | 'policy'>;
  /** `['processes', i, 'threads', j]`. */
  readonly path: Path;
}

/** A process that names a memcg: what the memcg checks need. */
export interface MemcgMember {
  /** The process name, or `undefined` if it is unreadable. */
  readonly process: string | undefined;
  /** The memcg as written (checked against `memcgs` later). */
  readonly memcg: string;
  /** The process's pages (charged to the memcg at the start), or `undefined` if unreadable. */
  readonly pages: number | undefined;
  /** `['processes', i, 'memcg']`. */
  readonly path: Path;
}

/** A process that names the mm it uses (`mm:`): what the shared-mm checks need. */
export interface MmSharer {
  /** The process name, or `undefined` if it is unreadable. */
  readonly process: string | undefined;
  /** The process whose mm it uses, as written (checked against the processes later). */
  readonly mm: string;
  /** `['processes', i, 'mm']`. */
  readonly path: Path;
}

/** What {@link readProcesses} found. */
export interface ProcessesRead {
  /** Every process, or `undefined` if any part of any is wrong. */
  readonly processes: readonly ProcessSpec[] | undefined;
  /** Every thread that is valid on its own, even in an invalid process. */
  readonly threads: readonly ThreadSite[];
  /** The declared process names, or `undefined` if some name is unreadable (so references to it cannot be judged). */
  readonly processNames: ReadonlySet<string> | undefined;
  /** The declared thread names, or `undefined` if some name is unreadable. */
  readonly threadNames: ReadonlySet<string> | undefined;
  /** Every process whose `memcg` is a readable name, in order. */
  readonly members: readonly MemcgMember[];
  /** Every process whose `mm` is a readable name, in order. */
  readonly sharers: readonly MmSharer[];
  /** Every readable thread's `cpu` and `policy`, even a thread with other problems (so that one load reports them all). */
  readonly scheds: readonly SchedSite[];
}

/**
 * `processes`: a non-empty list of processes, each with a unique name
 * without '.', `pages` ≥ 0 (required unless `mm` is given, and then not
 * allowed: the pages belong to the mm), `oomScoreAdj` in -1000..1000,
 * `unreapable` in 0..pages (not with `mm`),
 * `memcg` a non-empty name (whether it is declared is checked with the
 * memcgs; not with `mm`, whose charges follow the mm's owner), `mm` a
 * non-empty name (checked with the processes), `vfork` (only with `mm`)
 * and at least one thread; thread names are unique across the whole scenario.
 */
export function readProcesses(value: unknown, path: Path, problems: Problems): ProcessesRead {
  const threads: ThreadSite[] = [];
  const members: MemcgMember[] = [];
  const sharers: MmSharer[] = [];
  const scheds: SchedSite[] = [];
  const items = readList(value, path, problems, 'processes', true);
  if (!items) return { processes: undefined, threads, processNames: undefined, threadNames: undefined, members, sharers, scheds };
  const processNames = new NameRegistry('process');
  const threadNames = new NameRegistry('thread');
  const processes = items.map((item, i): ProcessSpec | undefined => {
    const at = [...path, i];
    const before = problems.count;
    const map = readMapping(item, at, problems, processFields, 'a process such as { name: victim, pages: 8, threads: [...] }');
    if (!map) {
      processNames.missing();
      threadNames.missing();
      return undefined;
    }
    const name = Object.hasOwn(map, 'name') ? readProcessName(map.name, [...at, 'name'], problems) : undefined;
    if (name === undefined) processNames.missing();
    else processNames.claim(name, [...at, 'name'], problems);
    const mm = Object.hasOwn(map, 'mm') ? readString(map.mm, [...at, 'mm'], problems, true) : undefined;
    if (mm !== undefined) sharers.push({ process: name, mm, path: [...at, 'mm'] });
    const shares = Object.hasOwn(map, 'mm');
    const pages = readOwnPages(map, at, problems, shares);
    const unreapable = readUnreapable(map, at, problems, shares, pages);
    const memcg = Object.hasOwn(map, 'memcg') ? readString(map.memcg, [...at, 'memcg'], problems, true) : undefined;
    if (memcg !== undefined && shares) problems.add([...at, 'memcg'], `a process that shares another's mm is charged to that mm's memcg (mm->owner): give memcg on '${String(map.mm)}'`);
    else if (memcg !== undefined) members.push({ process: name, memcg, pages, path: [...at, 'memcg'] });
    const oomScoreAdj = Object.hasOwn(map, 'oomScoreAdj') ? readInteger(map.oomScoreAdj, [...at, 'oomScoreAdj'], problems, -1000, 1000) : undefined;
    const vfork = Object.hasOwn(map, 'vfork') ? readBoolean(map.vfork, [...at, 'vfork'], problems) : undefined;
    if (vfork === true && !shares) problems.add([...at, 'vfork'], "vfork: true needs mm: a vfork child uses its parent's mm until it execs");
    const threadList = Object.hasOwn(map, 'threads') ? readList(map.threads, [...at, 'threads'], problems, 'threads', true) : undefined;
    if (threadList === undefined) threadNames.missing();
    const specs = (threadList ?? []).map((t, j) => readThread(t, [...at, 'threads', j], problems, threadNames, scheds));
    // Threads of a process with a bad name are still checked: `mmap_sem` then stands for that process's own.
    const processForLocks = name ?? (typeof map.name === 'string' ? map.name : `<processes[${i}]>`);
    specs.forEach((thread, j) => {
      if (thread) threads.push({ process: processForLocks, thread, path: [...at, 'threads', j] });
    });
    if (problems.count > before || name === undefined || (pages === undefined && !shares)) return undefined;
    const threadSpecs = specs as ThreadSpec[];
    return {
      name,
      ...(Object.hasOwn(map, 'memcg') ? { memcg } : {}),
      ...(shares ? {} : { pages }),
      ...(unreapable === undefined ? {} : { unreapable }),
      ...(shares ? { mm } : {}),
      ...(Object.hasOwn(map, 'vfork') ? { vfork } : {}),
      ...(Object.hasOwn(map, 'oomScoreAdj') ? { oomScoreAdj } : {}),
      threads: threadSpecs,
    };
  });
  const complete = processes.every((p) => p !== undefined);
  return { processes: complete ? (processes as ProcessSpec[]) : undefined, threads, processNames: processNames.names(), threadNames: threadNames.names(), members, sharers, scheds };
}

/** `pages` of a process: required for one with its own mm; not allowed for one that shares another's (`shares`), whose pages are the mm's. */
function readOwnPages(map: Readonly<Record<string, unknown>>, at: Path, problems: Problems, shares: boolean): number | undefined {
  const has = Object.hasOwn(map, 'pages');
  if (shares) {
    if (has) problems.add([...at, 'pages'], `a process that shares another's mm has no pages of its own: the pages belong to the mm, give them on '${String(map.mm)}'`);
    return undefined;
  }
  if (!has) {
    problems.add(at, "missing required field 'pages'");
    return undefined;
  }
  return readPages(map.pages, [...at, 'pages'], problems, 0);
}

/** `unreapable` of a process: 0..its `pages` (when those are readable); not allowed for one that shares another's mm (`shares`). */
function readUnreapable(map: Readonly<Record<string, unknown>>, at: Path, problems: Problems, shares: boolean, pages: number | undefined): number | undefined {
  if (!Object.hasOwn(map, 'unreapable')) return undefined;
  const path = [...at, 'unreapable'];
  if (shares) {
    problems.add(path, `a process that shares another's mm has no pages of its own, so none the reaper skips: give unreapable on '${String(map.mm)}'`);
    return undefined;
  }
  const unreapable = readPages(map.unreapable, path, problems, 0);
  if (unreapable !== undefined && pages !== undefined && unreapable > pages) {
    problems.add(path, `unreapable (${unreapable}) is more than the process's pages (${pages}): the pages the reaper skips are some of its pages`);
    return undefined;
  }
  return unreapable;
}

function readProcessName(value: unknown, path: Path, problems: Problems): string | undefined {
  const name = readString(value, path, problems, true);
  if (name?.includes('.')) {
    problems.add(path, `a process name cannot contain '.' ('${name}'): '<process>.mmap_sem' names its mmap_sem`);
    return undefined;
  }
  return name;
}

function readThread(value: unknown, path: Path, problems: Problems, names: NameRegistry, scheds: SchedSite[]): ThreadSpec | undefined {
  const before = problems.count;
  const map = readMapping(value, path, problems, threadFields, 'a thread such as { name: T1, program: [...] }');
  if (!map) {
    names.missing();
    return undefined;
  }
  const name = Object.hasOwn(map, 'name') ? readString(map.name, [...path, 'name'], problems, true) : undefined;
  if (name === undefined) names.missing();
  else names.claim(name, [...path, 'name'], problems);
  const program = Object.hasOwn(map, 'program') ? readProgram(map.program, [...path, 'program'], problems) : undefined;
  const start = Object.hasOwn(map, 'start') ? readThreadStart(map.start, [...path, 'start'], problems, program?.length) : undefined;
  const sched = readThreadSched(map, path, problems);
  scheds.push({ sched, path });
  if (problems.count > before || name === undefined || program === undefined) return undefined;
  return { name, program, ...(Object.hasOwn(map, 'start') ? { start } : {}), ...sched };
}
