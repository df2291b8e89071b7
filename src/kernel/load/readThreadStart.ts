import type { HeldLock, ThreadStart } from '../scenario.js';
import type { Path } from './path.js';
import type { Problems } from './problems.js';
import { readBoolean, readChoice, readInteger, readList, readMapping, readString } from './readValues.js';

/** The fields of `start`. */
export const threadStartFields = { required: [], optional: ['pc', 'holds', 'fatalSignal', 'memdie'] } as const;

/**
 * A thread's `start`: `pc` in `0..programLength` (`programLength` is the
 * end: the thread has run its whole program), `holds` as `{ lock, mode }`
 * pairs, `fatalSignal`, `memdie`.
 *
 * `memdie` implies `fatalSignal`: the OOM killer sends SIGKILL before it
 * sets TIF_MEMDIE, and the allocator's shortcut marks only tasks that
 * already have it pending. So `memdie: true` with `fatalSignal: false` is
 * a problem, and `memdie: true` alone yields `fatalSignal: true`.
 * Whether the held locks fit the program is checked later.
 * @param programLength the number of operations, if the program is valid
 * @returns the start, or `undefined` after reporting what is wrong
 */
export function readThreadStart(value: unknown, path: Path, problems: Problems, programLength: number | undefined): ThreadStart | undefined {
  const before = problems.count;
  const map = readMapping(value, path, problems, threadStartFields);
  if (!map) return undefined;
  const start: { pc?: number; holds?: readonly HeldLock[]; fatalSignal?: boolean; memdie?: boolean } = {};
  if (Object.hasOwn(map, 'pc')) {
    const meaning = programLength === undefined ? '' : ` (the program has ${programLength} operation${programLength === 1 ? '' : 's'})`;
    start.pc = readInteger(map.pc, [...path, 'pc'], problems, 0, programLength ?? Number.MAX_SAFE_INTEGER, meaning);
  }
  if (Object.hasOwn(map, 'holds')) start.holds = readHolds(map.holds, [...path, 'holds'], problems);
  if (Object.hasOwn(map, 'fatalSignal')) start.fatalSignal = readBoolean(map.fatalSignal, [...path, 'fatalSignal'], problems);
  if (Object.hasOwn(map, 'memdie')) start.memdie = readBoolean(map.memdie, [...path, 'memdie'], problems);
  if (start.memdie === true && start.fatalSignal === false) {
    problems.add([...path, 'fatalSignal'], 'fatalSignal: false contradicts memdie: true (memdie implies fatalSignal: an OOM victim always has SIGKILL pending)');
  }
  if (problems.count > before) return undefined;
  if (start.memdie === true) start.fatalSignal = true;
  return start;
}

function readHolds(value: unknown, path: Path, problems: Problems): readonly HeldLock[] | undefined {
  const items = readList(value, path, problems, 'held locks ({ lock, mode })');
  if (!items) return undefined;
  const holds = items.map((item, i): HeldLock | undefined => {
    const at = [...path, i];
    const map = readMapping(item, at, problems, { required: ['lock', 'mode'], optional: [] }, 'a held lock such as { lock: mmap_sem, mode: read }');
    if (!map) return undefined;
    const lock = Object.hasOwn(map, 'lock') ? readString(map.lock, [...at, 'lock'], problems, true) : undefined;
    const mode = Object.hasOwn(map, 'mode') ? readChoice(map.mode, [...at, 'mode'], problems, ['read', 'write'] as const) : undefined;
    return lock !== undefined && mode !== undefined ? { lock, mode } : undefined;
  });
  return holds.every((h) => h !== undefined) ? (holds as HeldLock[]) : undefined;
}
