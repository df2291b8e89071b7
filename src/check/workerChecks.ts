import type { BuiltModel, Fairness, ModelSource } from '../engine/index.js';
import type { Design, KernelAction, KernelState, ReachQuery, Scenario } from '../kernel/index.js';
import { buildChecks } from './propertyChecks.js';
import { reachChecks } from './reachChecks.js';

/** What a worker thread of a parallel search gets to rebuild a scenario's model and properties: plain data, copied to it. */
export interface ScenarioChecksData {
  readonly scenario: Scenario;
  readonly design: Design;
  readonly propertyNames?: readonly string[];
  readonly fairness?: Fairness;
  /** The reach queries checked beside the properties (their invariants follow the properties, as in `checkScenario`). */
  readonly reach?: readonly ReachQuery[];
}

/** A worker thread's factory (named by {@link scenarioModelSource}): the model and engine properties `checkScenario` checks. */
export function scenarioChecksForWorker(data: ScenarioChecksData): BuiltModel<KernelState, KernelAction> {
  const { model, unique } = buildChecks(data.scenario, data.design, data.propertyNames, data.fairness);
  return { model, properties: [...unique, ...reachChecks(model, data.reach ?? []).map((r) => r.invariant)] };
}

/**
 * How worker threads rebuild the checks of `scenario` under `design`:
 * this module, its factory, and the scenario as loaded (plain data, so a
 * worker needs neither the file nor the family generator again).
 */
export function scenarioModelSource(data: ScenarioChecksData): ModelSource {
  return { module: import.meta.url, factory: 'scenarioChecksForWorker', data };
}
