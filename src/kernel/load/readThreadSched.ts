import type { SchedPolicy, ThreadSpec } from '../scenario.js';
import type { Path } from './path.js';
import type { Problems } from './problems.js';
import { describeValue, readChoice, readInteger, type Mapping } from './readValues.js';

/** The scheduling policies a thread may name, as sched_setscheduler() spells them. */
export const schedPolicies: readonly SchedPolicy[] = ['SCHED_NORMAL', 'SCHED_BATCH', 'SCHED_IDLE', 'SCHED_FIFO', 'SCHED_RR'];

/** The most CPUs a scenario may give (each CPU multiplies nothing in the state, but a test of 64 CPUs says nothing more than one of 16). */
export const maxCpus = 16;

/** Whether `policy` is a real-time one, which takes an rtPriority. */
export function isRealTime(policy: SchedPolicy | undefined): boolean {
  return policy === 'SCHED_FIFO' || policy === 'SCHED_RR';
}

/**
 * A thread's `cpu` (an integer, or `any`), `policy` (one of
 * {@link schedPolicies}) and `rtPriority` (1..99, required with
 * `SCHED_FIFO`/`SCHED_RR` and not allowed otherwise), as given. Whether
 * the scenario has `cpus`, and the CPU is one of them, is checked with
 * the whole scenario (`checkCpus`), for every thread that reads, even one
 * with other problems.
 */
export function readThreadSched(map: Mapping, path: Path, problems: Problems): Pick<ThreadSpec, 'cpu' | 'policy' | 'rtPriority'> {
  const out: { cpu?: number | 'any'; policy?: SchedPolicy; rtPriority?: number } = {};
  if (Object.hasOwn(map, 'cpu')) {
    if (map.cpu === 'any') out.cpu = 'any';
    // Its range is the scenario's cpus, checked with the whole scenario (checkCpus).
    else if (typeof map.cpu === 'number' && Number.isInteger(map.cpu)) out.cpu = map.cpu;
    else problems.add([...path, 'cpu'], `expected a CPU number (0, 1, …) or 'any', got ${describeValue(map.cpu)}`);
  }
  if (map.policy === 'SCHED_DEADLINE') problems.add([...path, 'policy'], `SCHED_DEADLINE is not modelled (its runtime/deadline/period budget is not); the model has ${schedPolicies.join(', ')}`);
  else if (Object.hasOwn(map, 'policy')) out.policy = readChoice(map.policy, [...path, 'policy'], problems, schedPolicies);
  const rt = isRealTime(out.policy);
  if (Object.hasOwn(map, 'rtPriority')) {
    if (out.policy !== undefined && !rt) problems.add([...path, 'rtPriority'], `rtPriority is for SCHED_FIFO and SCHED_RR, not ${out.policy} (sched_priority must be 0 for it)`);
    else if (!Object.hasOwn(map, 'policy')) problems.add([...path, 'rtPriority'], 'rtPriority needs policy: SCHED_FIFO or SCHED_RR');
    else out.rtPriority = readInteger(map.rtPriority, [...path, 'rtPriority'], problems, 1, 99, ' (sched_priority of a real-time task)');
  } else if (rt) {
    problems.add(path, `missing required field 'rtPriority' (1..99): ${out.policy} needs a sched_priority`);
  }
  return out;
}
