import { check, type CheckOptions, type Counterexample, type Fairness, type PropertyResult, type SearchStats } from '../engine/index.js';
import { kernelProperties, kernelPropertyNamed } from '../../properties/index.js';
import type { Design } from './design/design.js';
import { kernelModel, type KernelModel } from './model.js';
import type { Scenario } from './scenario.js';
import type { KernelState } from './state.js';

/** The verdict on one kernel property of a scenario under a design. */
export interface KernelVerdict {
  readonly property: string;
  readonly verdict: 'holds' | 'violated' | 'incomplete';
  /** The engine property that failed (e.g. `no-oom-livelock[T3]`). */
  readonly failing?: string;
  /** The fairness assumed, for liveness properties. */
  readonly fairness?: Fairness;
  readonly counterexample?: Counterexample<KernelState>;
}

/** A scenario checked under one design: verdicts and search statistics. */
export interface ScenarioRun {
  readonly scenario: Scenario;
  readonly design: Design;
  readonly model: KernelModel;
  readonly verdicts: readonly KernelVerdict[];
  readonly stats: SearchStats;
}

/** Combines the engine results of one kernel property: violated if any is, else incomplete if any is. */
function combine(name: string, results: readonly PropertyResult<KernelState>[]): KernelVerdict {
  const violated = results.find((r) => r.verdict === 'violated');
  if (violated && violated.verdict === 'violated') {
    const fairness = violated.fairness ? { fairness: violated.fairness } : {};
    return { property: name, verdict: 'violated', failing: violated.property, counterexample: violated.counterexample, ...fairness };
  }
  return { property: name, verdict: results.some((r) => r.verdict === 'incomplete') ? 'incomplete' : 'holds' };
}

/**
 * Splits a property reference: `no-oom-livelock` (every task) or
 * `no-oom-livelock[H]` (task H only, for a per-task property).
 */
export function parsePropertyRef(ref: string): { base: string; task?: string } {
  const m = /^([a-z-]+)\[([^\]]+)\]$/.exec(ref);
  return m ? { base: m[1], task: m[2] } : { base: ref };
}

/**
 * Explores `scenario` under `design` once (exhaustive BFS), checking every
 * property in `propertyNames` (default: the scenario's list, else all);
 * `name[task]` restricts a per-task property to one task; `options.fairness`
 * overrides the properties' default fairness (strong). Engine
 * properties shared by two references are checked once.
 */
export function checkScenario(scenario: Scenario, design: Design, propertyNames?: readonly string[], options: CheckOptions = {}): ScenarioRun {
  const names = propertyNames ?? scenario.properties ?? kernelProperties.map((p) => p.name);
  const model = kernelModel(scenario, design);
  const built = names.map((name) => {
    const { base, task } = parsePropertyRef(name);
    const property = kernelPropertyNamed(base);
    if (!property) throw new Error(`checkScenario: unknown property "${name}"`);
    const engine = property.build(model, options.fairness ?? property.fairness ?? 'strong').filter((e) => task === undefined || e.name === `${base}[${task}]`);
    if (engine.length === 0) throw new Error(`checkScenario: property "${name}" names no task of the scenario`);
    return { name, engine };
  });
  const unique = [...new Map(built.flatMap((b) => b.engine).map((e) => [e.name, e])).values()];
  const { results, stats } = check(model, unique, options);
  const verdicts = built.map((b) => combine(b.name, results.filter((r) => b.engine.some((e) => e.name === r.property))));
  return { scenario, design, model, verdicts, stats };
}
