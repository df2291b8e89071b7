import type { Scenario } from '../scenario.js';
import type { ConditionNames, ParsedCondition } from './condition.js';
import { parseCondition } from './parseCondition.js';

/** The names a condition on `scenario` may use: its tasks, processes, mutexes and memcgs. */
export function conditionNamesOf(scenario: Scenario): ConditionNames {
  return {
    tasks: scenario.processes.flatMap((p) => p.threads.map((t) => t.name)),
    processes: scenario.processes.map((p) => p.name),
    mutexes: scenario.locks.map((l) => l.name),
    memcgs: (scenario.memcgs ?? []).map((m) => m.name),
  };
}

/** Parses `text` as a condition on `scenario`'s names (see `parseCondition`). */
export function parseReachCondition(scenario: Scenario, text: string): ParsedCondition {
  return parseCondition(text, conditionNamesOf(scenario));
}

/**
 * The file and column name of a reach query's result: `reach[NAME]`,
 * beside the property references (`no-oom-livelock[H]`) it shares a
 * folder and a table row with.
 */
export function reachRef(name: string): string {
  return `reach[${name}]`;
}
