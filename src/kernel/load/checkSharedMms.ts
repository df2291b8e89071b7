import type { Problems } from './problems.js';
import type { MmSharer } from './readProcesses.js';
import { suggestion } from './suggest.js';

/**
 * Checks each process's `mm`: it names a declared process other than
 * itself, and that process has an mm of its own (an mm has one owner
 * here; a chain `a → b → c` is written `a → c`, `b → c`).
 * @param processNames the declared process names, or `undefined` if some are unreadable (then nothing is judged)
 * @returns each sharing process mapped to the owner of the mm it uses (only the valid ones), for lock references
 */
export function checkSharedMms(sharers: readonly MmSharer[], processNames: ReadonlySet<string> | undefined, problems: Problems): ReadonlyMap<string, string> {
  const owners = new Map<string, string>();
  if (processNames === undefined) return owners;
  const sharing = new Map(sharers.flatMap((s) => (s.process === undefined ? [] : [[s.process, s.mm] as const])));
  for (const { process, mm, path } of sharers) {
    if (!processNames.has(mm)) {
      problems.add(path, `no process named '${mm}'${suggestion(mm, [...processNames])}`);
    } else if (mm === process) {
      problems.add(path, `mm: ${mm} names this process itself; leave mm out for a process with an mm of its own`);
    } else if (sharing.has(mm)) {
      problems.add(path, `'${mm}' itself uses the mm of '${sharing.get(mm)}': name the owner, mm: ${sharing.get(mm)}`);
    } else if (process !== undefined) {
      owners.set(process, mm);
    }
  }
  return owners;
}
