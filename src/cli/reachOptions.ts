import { parseReachCondition, type ReachQuery, type Scenario, visibleText } from '../kernel/index.js';
import type { Row } from './outcome.js';
import { UsageError } from './usageError.js';

/** Where a checked scenario comes from, for messages. */
interface Source {
  readonly scenario: Scenario;
  readonly file?: string;
  readonly family?: string;
}

/**
 * The reach queries of `--reach` (named `1`, `2`, … in the order given:
 * columns `reach[1]`, `reach[2]`), each parsed against every scenario
 * checked, so that a mistake stops the run before any search.
 * @throws {UsageError} naming the condition, the scenario, the column and the cause, with the condition and a caret under the column
 */
export function reachQueriesOf(conditions: readonly string[], sources: readonly Source[]): ReachQuery[] {
  return conditions.map((condition, i) => {
    for (const source of sources) {
      const parsed = parseReachCondition(source.scenario, condition);
      if (parsed.ok) continue;
      const where = source.file ?? `--family ${source.family}`;
      throw new UsageError(
        [`--reach: column ${parsed.column} of the condition, on scenario ${source.scenario.name} (${where}): ${parsed.message}`, `  ${condition}`, `  ${' '.repeat(parsed.column - 1)}^`].map(
          visibleText,
        ),
      );
    }
    return { name: String(i + 1), condition };
  });
}

/** One line per reach query in the table, `reach[NAME]: CONDITION` (as its scenario or --reach wrote it), each once. */
export function reachLines(rows: readonly Row[]): string[] {
  const lines = rows.flatMap((row) => row.reach.map((c) => `${c.ref}: ${c.result.condition}`));
  return [...new Set(lines)];
}
