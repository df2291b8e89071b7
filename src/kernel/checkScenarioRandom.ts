import { checkRandom, type RandomOptions, type RandomReport } from '../engine/index.js';
import { buildChecks, verdictsOf, type KernelVerdict } from './checkScenario.js';
import type { Design } from './design/design.js';
import type { KernelModel } from './model.js';
import type { Scenario } from './scenario.js';

/**
 * A scenario searched at random under one design: verdicts (`violated`
 * with a minimized counterexample, or `incomplete` — nothing found, which
 * proves nothing) and what the search did, to report and replay it.
 */
export interface RandomScenarioRun {
  readonly scenario: Scenario;
  readonly design: Design;
  readonly model: KernelModel;
  readonly verdicts: readonly KernelVerdict[];
  readonly report: RandomReport;
  /**
   * Schedules tried per engine property (each has its own search over the
   * same schedules; `report.runs` sums them): the runs a verdict of
   * `incomplete` stands for.
   */
  readonly runsPerProperty: number;
}

/**
 * Checks `scenario` under `design` with the random strategy (`checkRandom`):
 * the same model and engine properties as {@link checkScenario} (see
 * `buildChecks`), schedules generated from `options.seed`. `options.fairness`
 * overrides the properties' default fairness (strong), as for BFS.
 */
export function checkScenarioRandom(scenario: Scenario, design: Design, propertyNames?: readonly string[], options: RandomOptions = {}): RandomScenarioRun {
  const { model, checks, unique } = buildChecks(scenario, design, propertyNames, options.fairness);
  const { results, report } = checkRandom(model, unique, options);
  return { scenario, design, model, verdicts: verdictsOf(checks, results), report, runsPerProperty: Math.floor(report.runs / unique.length) };
}
