import { check, type CheckOptions, type Counterexample, type Fairness, type Property, type PropertyResult, type SearchStats } from '../engine/index.js';
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

/** The engine properties that check one kernel property reference. */
export interface PropertyCheck {
  /** The reference as given: `no-oom-livelock` or `no-oom-livelock[H]`. */
  readonly name: string;
  readonly engine: readonly Property<KernelState>[];
}

/** A scenario's model under a design and what to check on it, for any search strategy. */
export interface ScenarioChecks {
  readonly model: KernelModel;
  readonly checks: readonly PropertyCheck[];
  /** The engine properties of every check, each once (two references may share one). */
  readonly unique: readonly Property<KernelState>[];
}

/**
 * Builds the kernel model of `scenario` under `design` and the engine
 * properties of every reference in `propertyNames` (default: the
 * scenario's list, else all); `name[task]` restricts a per-task property
 * to one task; `fairness` overrides the properties' default (strong).
 * @throws {Error} naming an unknown property, or a task the scenario lacks
 */
export function buildChecks(scenario: Scenario, design: Design, propertyNames?: readonly string[], fairness?: Fairness): ScenarioChecks {
  const names = propertyNames ?? scenario.properties ?? kernelProperties.map((p) => p.name);
  const model = kernelModel(scenario, design);
  const checks = names.map((name) => {
    const { base, task } = parsePropertyRef(name);
    const property = kernelPropertyNamed(base);
    if (!property) throw new Error(`checkScenario: unknown property "${name}"`);
    const engine = property.build(model, fairness ?? property.fairness ?? 'strong').filter((e) => task === undefined || e.name === `${base}[${task}]`);
    if (engine.length === 0) throw new Error(`checkScenario: property "${name}" names no task of the scenario`);
    return { name, engine };
  });
  const unique = [...new Map(checks.flatMap((b) => b.engine).map((e) => [e.name, e])).values()];
  return { model, checks, unique };
}

/**
 * The verdict on each check from the engine results of its properties:
 * violated if any is (the first one's counterexample), else incomplete if
 * any is, else holds.
 */
export function verdictsOf(checks: readonly PropertyCheck[], results: readonly PropertyResult<KernelState>[]): KernelVerdict[] {
  return checks.map((b) => combine(b.name, results.filter((r) => b.engine.some((e) => e.name === r.property))));
}

/**
 * Explores `scenario` under `design` once (exhaustive BFS), checking every
 * property in `propertyNames` (see {@link buildChecks}); `options.fairness`
 * overrides the properties' default fairness (strong). Engine
 * properties shared by two references are checked once.
 */
export function checkScenario(scenario: Scenario, design: Design, propertyNames?: readonly string[], options: CheckOptions = {}): ScenarioRun {
  const { model, checks, unique } = buildChecks(scenario, design, propertyNames, options.fairness);
  const { results, stats } = check(model, unique, options);
  return { scenario, design, model, verdicts: verdictsOf(checks, results), stats };
}
