import type { Fairness, Property, PropertyResult } from '../engine/index.js';
import { kernelModel, parsePropertyRef, type Design, type KernelModel, type KernelState, type Scenario } from '../kernel/index.js';
import { kernelProperties, kernelPropertyNamed } from '../../properties/index.js';
import type { KernelVerdict } from './verdict.js';

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
 * The engine properties of one property reference on `model`:
 * `no-oom-livelock` gives one per task, `no-oom-livelock[H]` only H's;
 * `fairness` overrides the property's default (strong).
 * @throws {Error} naming an unknown property, or a task the model lacks
 */
export function enginePropertiesOf(model: KernelModel, ref: string, fairness?: Fairness): Property<KernelState>[] {
  const { property: base, thread } = parsePropertyRef(ref);
  const property = kernelPropertyNamed(base);
  if (!property) throw new Error(`checkScenario: unknown property "${ref}"`);
  const engine = property.build(model, fairness ?? property.fairness ?? 'strong').filter((e) => thread === undefined || e.name === `${base}[${thread}]`);
  if (engine.length === 0) throw new Error(`checkScenario: property "${ref}" names no task of the scenario`);
  return engine;
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
  const checks = names.map((name) => ({ name, engine: enginePropertiesOf(model, name, fairness) }));
  const unique = [...new Map(checks.flatMap((b) => b.engine).map((e) => [e.name, e])).values()];
  return { model, checks, unique };
}

/** Combines the engine results of one kernel property: violated if any is, else incomplete if any is. */
function combine(name: string, results: readonly PropertyResult<KernelState>[]): KernelVerdict {
  const violated = results.find((r) => r.verdict === 'violated');
  if (violated && violated.verdict === 'violated') {
    const fairness = violated.fairness ? { fairness: violated.fairness } : {};
    return { property: name, verdict: 'violated', failing: violated.property, counterexample: violated.counterexample, ...fairness };
  }
  const incomplete = results.filter((r) => r.verdict === 'incomplete');
  if (incomplete.length === 0) return { property: name, verdict: 'holds' };
  const runs = incomplete.flatMap((r) => (r.runs === undefined ? [] : [r.runs]));
  const reasons = incomplete.flatMap((r) => (r.verdict === 'incomplete' ? [r.reason] : []));
  const reason = reasons.includes('interrupted') ? 'interrupted' : reasons[0];
  return { property: name, verdict: 'incomplete', ...(runs.length > 0 ? { runs: Math.min(...runs) } : {}), ...(reason !== undefined ? { reason } : {}) };
}

/**
 * The verdict on each check from the engine results of its properties:
 * violated if any is (the first one's counterexample), else incomplete if
 * any is, else holds.
 */
export function verdictsOf(checks: readonly PropertyCheck[], results: readonly PropertyResult<KernelState>[]): KernelVerdict[] {
  return checks.map((b) =>
    combine(
      b.name,
      results.filter((r) => b.engine.some((e) => e.name === r.property)),
    ),
  );
}
