import type { Path } from './path.js';
import type { Problems } from './problems.js';
import type { SchedSite } from './readProcesses.js';
import { maxCpus } from './readThreadSched.js';
import { readInteger } from './readValues.js';

/** The scenario's `cpus`: an integer in 1..{@link maxCpus}. */
export function readCpus(value: unknown, path: Path, problems: Problems): number | undefined {
  return readInteger(value, path, problems, 1, maxCpus, ' (the number of CPUs the tasks share)');
}

/**
 * The threads' `cpu` and `policy` against the scenario's `cpus`: without
 * `cpus` every task has a CPU of its own, so neither may be given (they
 * would change nothing); with it, a `cpu` must be one of them.
 * @param cpus the scenario's `cpus`: `undefined` when not given, `null` when given but unreadable
 */
export function checkCpus(threads: readonly SchedSite[], cpus: number | null | undefined, problems: Problems): void {
  if (cpus === null) return;
  for (const { sched: thread, path } of threads) {
    if (cpus === undefined) {
      for (const field of ['cpu', 'policy'] as const) {
        if (thread[field] !== undefined) {
          problems.add([...path, field], `${field} needs cpus: at the top level of the scenario (without it every task has a CPU of its own and is never kept from running)`);
        }
      }
    } else if (typeof thread.cpu === 'number' && (thread.cpu < 0 || thread.cpu >= cpus)) {
      problems.add([...path, 'cpu'], `CPU ${thread.cpu} does not exist: the scenario has cpus: ${cpus} (CPUs 0..${cpus - 1})`);
    }
  }
}
