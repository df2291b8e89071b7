import type { MemorySpec, ProcessSpec } from '../scenario.js';
import type { Path } from './path.js';
import type { Problems } from './problems.js';
import { maxPages } from './readValues.js';

/**
 * Reports a scenario whose pages in circulation (free, reserves, every
 * process's pages and every op's pages) add up to more than
 * {@link maxPages}: free memory and a memcg's usage grow up to that sum
 * as tasks allocate and mms are freed, and each is stored in one 32-bit
 * word (`kernelCodec`). Reported where the running sum, in document
 * order, first goes over.
 */
export function checkPageTotal(memory: MemorySpec, processes: readonly ProcessSpec[], problems: Problems): void {
  let total = 0;
  const add = (pages: number, path: Path): boolean => {
    total += pages;
    if (total <= maxPages) return true;
    problems.add(
      path,
      `the scenario's page counts (free, reserves, process and op pages) add up to ${total.toLocaleString('en-US')} here; the state encoding holds at most ${maxPages.toLocaleString('en-US')} (a 32-bit word)`,
    );
    return false;
  };
  if (!add(memory.free, ['memory', 'free']) || !add(memory.reserves, ['memory', 'reserves'])) return;
  for (const [p, process] of processes.entries()) {
    if (!add(process.pages ?? 0, ['processes', p, 'pages'])) return;
    for (const [t, thread] of process.threads.entries()) {
      for (const [i, op] of thread.program.entries()) {
        const pages = (op as { readonly pages?: number }).pages;
        if (pages !== undefined && !add(pages, ['processes', p, 'threads', t, 'program', i, 'pages'])) return;
      }
    }
  }
}
