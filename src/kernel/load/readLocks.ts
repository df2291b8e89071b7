import type { LockSpec } from '../scenario.js';
import { reservedLockNames } from './lockRefs.js';
import { formatPath, type Path } from './path.js';
import type { Problems } from './problems.js';
import { readChoice, readList, readMapping, readString } from './readValues.js';

/** The fields of a lock declaration. */
export const lockFields = { required: ['name', 'kind'], optional: [] } as const;

/** Kinds of declared locks (every mm's `mmap_sem` is implicit). */
export const lockKinds = ['mutex'] as const;

/** What {@link readLocks} found. */
export interface LocksRead {
  /** Every lock, or `undefined` if any is wrong. */
  readonly locks: readonly LockSpec[] | undefined;
  /** The declared mutex names, or `undefined` if some entry is unreadable (references to mutexes are then not judged). */
  readonly mutexes: ReadonlySet<string> | undefined;
}

/**
 * `locks`: a list of `{ name, kind: mutex }` with unique names, none of
 * them `mmap_sem`, `oom_lock` or `<anything>.mmap_sem` (those are the
 * kernel's and the mm's).
 */
export function readLocks(value: unknown, path: Path, problems: Problems): LocksRead {
  const items = readList(value, path, problems, 'locks ({ name, kind: mutex })');
  if (!items) return { locks: undefined, mutexes: undefined };
  const first = new Map<string, Path>();
  let allNamed = true;
  const locks = items.map((item, i): LockSpec | undefined => {
    const at = [...path, i];
    const before = problems.count;
    const map = readMapping(item, at, problems, lockFields, 'a lock such as { name: i_mutex, kind: mutex }');
    const name = map && Object.hasOwn(map, 'name') ? readString(map.name, [...at, 'name'], problems, true) : undefined;
    const kind = map && Object.hasOwn(map, 'kind') ? readChoice(map.kind, [...at, 'kind'], problems, lockKinds) : undefined;
    if (name === undefined) allNamed = false;
    else if ((reservedLockNames as readonly string[]).includes(name) || name.endsWith('.mmap_sem')) {
      problems.add([...at, 'name'], `'${name}' is reserved: mmap_sem (each process's, as <process>.mmap_sem) and oom_lock are implicit`);
    } else if (first.has(name)) {
      problems.add([...at, 'name'], `duplicate lock name '${name}' (also at ${formatPath(first.get(name)!)})`);
    } else {
      first.set(name, [...at, 'name']);
    }
    return problems.count > before || name === undefined || kind === undefined ? undefined : { name, kind };
  });
  const complete = locks.every((l) => l !== undefined);
  return { locks: complete ? (locks as LockSpec[]) : undefined, mutexes: allNamed ? new Set(first.keys()) : undefined };
}
