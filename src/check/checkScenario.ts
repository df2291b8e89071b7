import { check, checkRandom, type CheckOptions, type ExploreObserver, type RandomOptions, type RandomReport, type SearchStats } from '../engine/index.js';
import type { Design, KernelAction, KernelModel, KernelState, ReachQuery, Scenario } from '../kernel/index.js';
import { buildChecks, verdictsOf } from './propertyChecks.js';
import { reachChecks, reachResultsOf, type ReachResult } from './reachChecks.js';
import type { KernelVerdict } from './verdict.js';

/** What every scenario run has, whatever the strategy. */
interface RunBase {
  readonly scenario: Scenario;
  readonly design: Design;
  readonly model: KernelModel;
  readonly verdicts: readonly KernelVerdict[];
  /** The answers to the reach queries checked, in their order. */
  readonly reach: readonly ReachResult[];
}

/** A scenario explored exhaustively (BFS) under one design: verdicts and search statistics. */
export interface ExhaustiveRun extends RunBase {
  readonly strategy: 'exhaustive';
  readonly stats: SearchStats;
}

/**
 * A scenario searched at random under one design: verdicts (`violated`
 * with a minimized counterexample, or `incomplete` — nothing found, which
 * proves nothing) and what the search did, to report and replay it.
 */
export interface RandomRun extends RunBase {
  readonly strategy: 'random';
  readonly report: RandomReport;
}

/** A scenario checked under one design, by either strategy: one result type, told apart by `strategy`. */
export type ScenarioRun = ExhaustiveRun | RandomRun;

/** What every strategy's options have. */
interface CommonOptions {
  /** Reach queries to answer in the same search (default: the scenario's `reach`, if any). */
  readonly reach?: readonly ReachQuery[];
}

/** Options of an exhaustive check (the default strategy). */
export type ExhaustiveCheckOptions = CheckOptions<KernelState, KernelAction> &
  CommonOptions & {
    readonly strategy?: 'exhaustive';
    /**
     * Given the search's model, the observer told of every state and
     * transition (a state-graph export, coverage); it also keeps the search
     * going after every safety property failed. Default: none.
     */
    readonly observe?: (model: KernelModel) => ExploreObserver<KernelState, KernelAction>;
  };
/** Options of a random check. */
export type RandomCheckOptions = RandomOptions & CommonOptions & { readonly strategy: 'random' };
/** Options of either strategy. */
export type ScenarioCheckOptions = ExhaustiveCheckOptions | RandomCheckOptions;

/**
 * Checks `scenario` under `design`, every property in `propertyNames`
 * (default: the scenario's list, else all; `name[task]` restricts a
 * per-task property to one task, see `buildChecks`):
 * - exhaustively (the default): one BFS over every reachable state,
 *   engine properties shared by two references checked once;
 * - or with `strategy: 'random'`: fast-check schedules from
 *   `options.seed` on the same model and properties (`checkRandom`).
 *
 * `options.fairness` overrides the properties' default fairness (strong).
 * The reach queries (`options.reach`, default the scenario's) are
 * invariants of the same search: "not CONDITION", whose counterexample is
 * the witness (see `reachChecks`).
 * @throws {Error} naming an unknown property, or a task the scenario lacks, or a condition that does not parse
 */
export function checkScenario(scenario: Scenario, design: Design, propertyNames?: readonly string[], options?: ExhaustiveCheckOptions): ExhaustiveRun;
export function checkScenario(scenario: Scenario, design: Design, propertyNames: readonly string[] | undefined, options: RandomCheckOptions): RandomRun;
export function checkScenario(scenario: Scenario, design: Design, propertyNames: readonly string[] | undefined, options: ScenarioCheckOptions): ScenarioRun;
export function checkScenario(scenario: Scenario, design: Design, propertyNames?: readonly string[], options: ScenarioCheckOptions = {}): ScenarioRun {
  const { model, checks, unique } = buildChecks(scenario, design, propertyNames, options.fairness);
  const reach = reachChecks(model, options.reach ?? scenario.reach ?? []);
  const properties = [...unique, ...reach.map((r) => r.invariant)];
  if (options.strategy === 'random') {
    const { strategy: _, reach: __, ...random } = options;
    const { results, report } = checkRandom(model, properties, random);
    return { strategy: 'random', scenario, design, model, verdicts: verdictsOf(checks, results), reach: reachResultsOf(reach, results, undefined, design.name), report };
  }
  const { strategy: _, reach: __, observe, ...exhaustive } = options;
  const { results, stats } = check(model, properties, observe === undefined ? exhaustive : { ...exhaustive, observer: observe(model) });
  return { strategy: 'exhaustive', scenario, design, model, verdicts: verdictsOf(checks, results), reach: reachResultsOf(reach, results, stats.states, design.name), stats };
}
