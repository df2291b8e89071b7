import { presets } from '../design/presets/index.js';
import type { MemorySpec, Scenario } from '../scenario.js';
import { checkCpus, readCpus } from './checkCpus.js';
import { checkMemcgMembers } from './checkMemcgMembers.js';
import { checkOpRefs } from './checkOpRefs.js';
import { checkProgram, checkUnreachable } from './checkProgram.js';
import { noMemcgs } from './memcgRefs.js';
import { checkReaderLimit } from './checkReaderLimit.js';
import { checkPageTotal } from './checkPageTotal.js';
import { checkSharedMms } from './checkSharedMms.js';
import { checkStartConsistency } from './checkStartConsistency.js';
import { checkStartHolds } from './checkStartHolds.js';
import type { Path } from './path.js';
import { Problems, type Locate } from './problems.js';
import { readDesigns } from './readDesigns.js';
import { readExpect } from './readExpect.js';
import { readProperties } from './readProperties.js';
import { readReach } from './readReach.js';
import { readLocks } from './readLocks.js';
import { readMemcgs } from './readMemcgs.js';
import { readProcesses, type ProcessesRead } from './readProcesses.js';
import { readMapping, readPages, readString } from './readValues.js';
import { resolveThreadLocks, type ResolvedThread } from './resolveThreadLocks.js';
import type { ScenarioProblem } from './scenarioError.js';

/** The top-level fields of a scenario. */
export const scenarioFields = {
  required: ['name', 'description', 'processes', 'locks', 'memory'],
  optional: ['source', 'memcgs', 'designs', 'properties', 'expect', 'reach', 'cpus'],
} as const;
/** The fields of `memory`. */
export const memoryFields = { required: ['free', 'reserves'], optional: [] } as const;

/** Where the value being validated comes from. */
export interface ValidationSource {
  /** File name for problems (`<builder>` for scenarios built in code). */
  readonly file: string;
  /** Positions of paths, for text files. */
  readonly locate?: Locate;
  /** Problems found while parsing (duplicate keys…), reported with the others. */
  readonly problems?: readonly ScenarioProblem[];
}

/**
 * Checks that `value` (plain data from YAML, JSON or the builder) is a
 * scenario and returns it as a fresh {@link Scenario}. Reports every
 * problem at once, each at its path:
 *
 * - structure: required and unknown fields, types, integers in
 *   0..2^31−1 for pages, free, reserves and memcg limits, and all pages
 *   in circulation adding up to at most 2^31−1 (the state encoding's
 *   32-bit words), no thread past the 31st that can hold a lock for read
 *   (`checkReaderLimit`: a lock's readers are a 31-bit mask), `oomScoreAdj` in
 *   -1000..1000, op names and operands (GFP masks via `parseGfp`),
 *   non-empty unique names (threads across the scenario);
 * - references: mutex ops on declared mutexes, rwsem ops on `mmap_sem`
 *   or `<process>.mmap_sem`; a process's `memcg`, and the memcg of
 *   `wait_oom_event` and `set_limit`, declared in `memcgs`; `kill` of a
 *   declared process; `set_limit` not below the declared limit;
 * - memcgs: the starting usage (pages of its processes) within the limit;
 * - programs, walked from each thread's start: releasing a lock not held,
 *   taking one already held, exiting (or ending) with locks held, locks
 *   held in user mode (a user fault, a user-space op), code after
 *   `exit`; and locks two threads cannot both hold at the start;
 * - shared mms: a process's `mm` names another process, which has an mm
 *   of its own; a sharer gives no `pages` or `memcg`, `vfork` needs `mm`;
 * - starting situations no kernel can reach (`checkStartConsistency`):
 *   a fatal signal or TIF_MEMDIE on one thread of a thread group but not
 *   SIGKILL pending on all of them; a vfork child with no thread of a
 *   process using its mm that may be its caller (nothing left to run);
 * - CPUs: `cpus` in 1..16; a thread's `cpu` one of them (or `any`),
 *   `policy` one of sched_setscheduler()'s, `rtPriority` 1..99 exactly
 *   for SCHED_FIFO/SCHED_RR; `cpu` and `policy` only with `cpus`;
 * - designs via `resolveDesign`, property names, and `expect` keys;
 * - `reach` queries: unique names, conditions parsed against the
 *   scenario's names, expected answers for designs it checks.
 *
 * Semantic checks run on the parts that are structurally valid, so one
 * typo does not cause a cascade. The result carries only the fields
 * given (defaults are not filled in), except that `start.memdie: true`
 * adds `fatalSignal: true`, which it implies.
 * @throws {ScenarioError} listing every problem
 */
export function validateScenario(value: unknown, from: ValidationSource): Scenario {
  const problems = new Problems(from.file, from.locate, from.problems);
  const root = readMapping(value, [], problems, scenarioFields, 'a scenario (a mapping with name, description, processes, locks, memory)');
  if (!root) return problems.fail();
  const has = (field: string): boolean => Object.hasOwn(root, field);
  const name = has('name') ? readString(root.name, ['name'], problems, true) : undefined;
  const description = has('description') ? readString(root.description, ['description'], problems) : undefined;
  const source = has('source') ? readString(root.source, ['source'], problems) : undefined;
  const processes: ProcessesRead = has('processes')
    ? readProcesses(root.processes, ['processes'], problems)
    : { processes: undefined, threads: [], processNames: undefined, threadNames: undefined, members: [], sharers: [], scheds: [] };
  const memcgs = has('memcgs') ? readMemcgs(root.memcgs, ['memcgs'], problems) : { memcgs: undefined, declared: noMemcgs };
  const locks = has('locks') ? readLocks(root.locks, ['locks'], problems) : { locks: undefined, mutexes: undefined };
  const memory = has('memory') ? readMemory(root.memory, ['memory'], problems) : undefined;
  const cpus = has('cpus') ? (readCpus(root.cpus, ['cpus'], problems) ?? null) : undefined;
  const designs = has('designs') ? readDesigns(root.designs, ['designs'], problems) : { designs: undefined, names: presets.map((p) => p.name) };
  const { threadNames } = processes;
  const properties = has('properties') ? readProperties(root.properties, ['properties'], problems, threadNames) : undefined;
  const expect = has('expect') ? readExpect(root.expect, ['expect'], problems, designs.names, properties, threadNames) : undefined;
  const conditionNames = {
    ...(threadNames ? { tasks: [...threadNames] } : {}),
    ...(processes.processNames ? { processes: [...processes.processNames] } : {}),
    ...(has('locks') && locks.mutexes ? { mutexes: [...locks.mutexes] } : !has('locks') ? { mutexes: [] } : {}),
    ...(memcgs.declared.limits ? { memcgs: [...memcgs.declared.limits.keys()] } : {}),
  };
  const reach = has('reach') ? readReach(root.reach, ['reach'], problems, conditionNames, designs.names) : undefined;

  const mmOwners = checkSharedMms(processes.sharers, processes.processNames, problems);
  const declared = { mutexes: has('locks') ? locks.mutexes : new Set<string>(), processes: processes.processNames, mmOwners };
  checkMemcgMembers(processes.members, memcgs.declared, problems);
  const resolved: ResolvedThread[] = [];
  for (const site of processes.threads) {
    checkUnreachable(site, problems);
    checkOpRefs(site, memcgs.declared, processes.processNames, problems);
    const thread = resolveThreadLocks(site, declared, problems);
    if (!thread) continue;
    resolved.push(thread);
    checkProgram(thread, problems);
  }
  checkStartHolds(resolved, problems);
  checkCpus(processes.scheds, cpus, problems);
  if (processes.processes) checkStartConsistency(processes.processes, problems);
  if (memory && processes.processes) checkPageTotal(memory, processes.processes, problems);
  if (processes.processes) checkReaderLimit(processes.processes, problems);
  problems.throwIfAny();

  // No problems: every part read above is defined.
  return {
    name: name!,
    description: description!,
    ...(has('source') ? { source: source! } : {}),
    processes: processes.processes!,
    locks: locks.locks!,
    ...(has('memcgs') ? { memcgs: memcgs.memcgs! } : {}),
    memory: memory!,
    ...(has('cpus') ? { cpus: cpus! } : {}),
    ...(has('designs') ? { designs: designs.designs! } : {}),
    ...(has('properties') ? { properties: properties! } : {}),
    ...(has('expect') ? { expect: expect! } : {}),
    ...(has('reach') ? { reach: reach! } : {}),
  };
}

function readMemory(value: unknown, path: Path, problems: Problems): MemorySpec | undefined {
  const map = readMapping(value, path, problems, memoryFields, 'a mapping { free, reserves }');
  if (!map) return undefined;
  const free = Object.hasOwn(map, 'free') ? readPages(map.free, [...path, 'free'], problems, 0) : undefined;
  const reserves = Object.hasOwn(map, 'reserves') ? readPages(map.reserves, [...path, 'reserves'], problems, 0) : undefined;
  return free === undefined || reserves === undefined ? undefined : { free, reserves };
}
