import { parsePropertyRef, propertyNames, type Scenario } from '../kernel/index.js';

/**
 * The lines saying which properties were not checked because a scenario
 * lists its own (`properties:`) and no `--property` was given: one per
 * such scenario, so a reader never takes a missing column for a verdict.
 * Empty when every scenario checked every property.
 */
export function uncheckedLines(scenarios: readonly Scenario[]): string[] {
  const lines = scenarios.flatMap((scenario) => {
    if (scenario.properties === undefined) return [];
    const listed = new Set(scenario.properties.map((ref) => parsePropertyRef(ref).property));
    const left = propertyNames.filter((name) => !listed.has(name));
    return left.length === 0 ? [] : [`  ${scenario.name}: ${left.join(', ')}`];
  });
  return lines.length === 0 ? [] : ['', 'Not checked, because the scenario lists its properties (--property NAME checks one):', ...lines];
}
