import { check, checkRandom, checkRandomParallel, type CheckOptions, type ExploreObserver, type RandomOptions, type RandomReport, type SearchStats } from '../engine/index.js';
import type { Design, KernelAction, KernelModel, KernelState, ReachQuery, Scenario } from '../kernel/index.js';
import { buildChecks, verdictsOf } from './propertyChecks.js';
import { reachChecks, reachResultsOf, type ReachResult } from './reachChecks.js';
import type { KernelVerdict } from './verdict.js';
import { scenarioModelSource } from './workerChecks.js';

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
     * going after every safety property failed, and turns symmetry off (the
     * observer sees every state, not one per orbit). Default: none.
     */
    readonly observe?: (model: KernelModel) => ExploreObserver<KernelState, KernelAction>;
    /**
     * Store one state per orbit of the interchangeable tasks (threads of an
     * unkillable process with one program and start, none named by a
     * property: see `interchangeableTasks`); verdicts and counterexamples
     * are those of the unreduced search. Default `true`; ignored with
     * `observe`.
     */
    readonly symmetry?: boolean;
    /**
     * Threads computing successors (default 1): with N > 1, N − 1 worker
     * threads beside this one (`exploreParallel`), the same verdicts,
     * state counts and counterexamples. Ignored with `observe`, and when
     * symmetry reduces the search (that search runs on one thread).
     */
    readonly workers?: number;
  };
/** Options of a random check. */
export type RandomCheckOptions = RandomOptions &
  CommonOptions & {
    readonly strategy: 'random';
    /**
     * Threads running schedules (default 1): with N > 1, N − 1 worker
     * threads beside this one, each running its share of the one stream of
     * schedules from the seed (`checkRandomParallel`): the same result as
     * one thread.
     */
    readonly workers?: number;
  };
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
  const queries = options.reach ?? scenario.reach ?? [];
  const reach = reachChecks(model, queries);
  const properties = [...unique, ...reach.map((r) => r.invariant)];
  const workers = options.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`checkScenario: workers must be a positive integer, got ${workers}`);
  // Worker threads rebuild the same model, properties and reach invariants from the scenario as loaded.
  const parallel = () => ({
    workers: workers - 1,
    source: scenarioModelSource({ scenario, design, ...(propertyNames ? { propertyNames } : {}), ...(options.fairness ? { fairness: options.fairness } : {}), reach: queries }),
  });
  if (options.strategy === 'random') {
    const { strategy: _, workers: __, reach: ___, ...random } = options;
    const { results, report } = workers > 1 ? checkRandomParallel(model, properties, random, parallel()) : checkRandom(model, properties, random);
    return { strategy: 'random', scenario, design, model, verdicts: verdictsOf(checks, results), reach: reachResultsOf(reach, results, undefined, design.name), report };
  }
  const { strategy: _, observe, workers: __, reach: ___, ...exhaustive } = options;
  const threads = workers > 1 && observe === undefined ? { parallel: parallel() } : {};
  const { results, stats } = check(model, properties, observe === undefined ? { ...exhaustive, ...threads } : { ...exhaustive, symmetry: false, observer: observe(model) });
  return { strategy: 'exhaustive', scenario, design, model, verdicts: verdictsOf(checks, results), reach: reachResultsOf(reach, results, stats.states, design.name), stats };
}
