import fc from 'fast-check';
import { minimizeCounterexample } from './minimize.js';
import type { Model } from './model.js';
import { isLiveness, type Fairness, type Property } from './property.js';
import type { RandomCheckResult, RandomOptions, RandomReport } from './randomTypes.js';
import type { PropertyResult } from './result.js';
import { Execution } from './execution.js';
import { executeSchedule, type Schedule } from './schedule.js';
import { NondeterminismError } from './trace.js';
import { ViolationJudge } from './violationJudge.js';
import type { RunShare } from './runShare.js';

/** Largest free number of a schedule: more than any model has choices, small enough to shrink fast. */
const MAX_CHOICE = 0xffff;

/**
 * Checks `properties` on `model` by random exploration: fast-check
 * generates schedules ({@link Schedule}: an initial state, then an action
 * choice per step, at most `depth` steps), each is executed on the model
 * and judged along the way — invariants on every state, deadlock at a
 * state with no enabled action, and liveness on every cycle the run closes
 * (a state met twice) and on a terminal state's stuttering, under the
 * property's fairness. A failing schedule is shrunk by fast-check, its
 * run re-executed into a counterexample, which is then made 1-minimal
 * ({@link minimizeCounterexample}).
 *
 * Each property gets its own fast-check search, all with the same seed:
 * the schedules tried are the same for every property, a property's
 * verdict does not depend on the others, and each counterexample is
 * shrunk for its own property. The report's `path`, `runsToFailure` and
 * `lengths` are those of the first violated property (in the order given);
 * replaying with that `seed` and `path` re-runs exactly that failing
 * schedule against every property. `runs` sums the schedules executed over
 * all searches (shrinking not counted).
 *
 * A property without a violation is `incomplete` with reason `random`:
 * a random search proves nothing. `maxSeconds` bounds all the searches
 * together (fast-check's `interruptAfterTimeLimit`); a property whose
 * search had no time left is `incomplete` too. Deterministic for a given
 * seed when no time limit interrupts it.
 *
 * With `share` (a parallel random search, `checkRandomParallel`), this
 * thread executes only its share of the schedules; the others pass untried.
 *
 * @throws {NondeterminismError} if the shrunk schedule no longer violates when re-executed.
 */
export function checkRandom<S, A>(model: Model<S, A>, properties: readonly Property<S>[], options: RandomOptions = {}, share?: RunShare): RandomCheckResult<S> {
  const names = new Set<string>();
  for (const p of properties) {
    if (names.has(p.name)) throw new Error(`checkRandom: two properties are named "${p.name}"`);
    names.add(p.name);
  }
  const runs = options.runs ?? 1000;
  const depth = options.depth ?? 200;
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`checkRandom: runs must be a positive integer, got ${runs}`);
  if (!Number.isInteger(depth) || depth < 0) throw new RangeError(`checkRandom: depth must be a non-negative integer, got ${depth}`);
  const seed = options.seed ?? Date.now() % 0x7fffffff;
  const shard = options.path === undefined ? options.shard : undefined;
  if (shard !== undefined && !(Number.isInteger(shard.count) && shard.count >= 1 && Number.isInteger(shard.index) && shard.index >= 1 && shard.index <= shard.count)) {
    throw new RangeError(`checkRandom: shard must be K of N with 1 ≤ K ≤ N, got ${shard.index} of ${shard.count}`);
  }
  const startedAt = performance.now();
  const elapsed = (): number => (performance.now() - startedAt) / 1000;
  const progress = new ProgressCounter(options, elapsed);
  const schedules: fc.Arbitrary<Schedule> = fc.record({
    initial: fc.nat({ max: MAX_CHOICE }),
    // size 'max': without it fast-check keeps arrays to about 10 elements whatever maxLength says.
    choices: fc.array(fc.nat({ max: MAX_CHOICE }), { maxLength: depth, size: 'max' }),
  });
  let executed = 0;
  let failure: Pick<RandomReport, 'property' | 'path' | 'runsToFailure' | 'lengths'> | undefined;

  const results = properties.map((p, propertyIndex): PropertyResult<S> => {
    const fairness: Fairness | undefined = isLiveness(p) ? (p.fairness ?? options.fairness ?? 'weak') : undefined;
    const base = fairness === undefined ? { property: p.name, kind: p.kind } : { property: p.name, kind: p.kind, fairness };
    const incomplete = { ...base, verdict: 'incomplete', reason: 'random' } as const;
    const timeLeft = options.maxSeconds === undefined ? undefined : Math.floor((options.maxSeconds - elapsed()) * 1000);
    if (timeLeft !== undefined && timeLeft <= 0) return { ...incomplete, runs: 0 };
    if (options.shouldStop?.()) return { ...incomplete, reason: 'interrupted', runs: 0 };

    const judge = new ViolationJudge<S>(model, p, fairness ?? 'none');
    const run = new Execution(model, judge.mark, Math.min(depth, 1024) + 1);
    let foundSteps: number | undefined;
    // fast-check cannot be stopped from outside: once asked to stop, the remaining schedules
    // (and shrinking steps) pass without running, and the property ends as interrupted.
    let interrupted = false;
    let ran = 0;
    let tried = 0;
    // Sharding: the schedules fast-check generates before the first failure are runs 0, 1, …
    // (it calls the property once per run, in order); after it, the calls are shrinking steps.
    let generated = 0;
    let mine = 0;
    const executes = (): boolean => {
      if (shard === undefined || foundSteps !== undefined) return true;
      if (generated++ % shard.count !== shard.index - 1) return false;
      mine++;
      return true;
    };
    const details = fc.check(
      fc.property(schedules, (schedule) => {
        if (interrupted || options.shouldStop?.()) {
          interrupted = true;
          return true;
        }
        if (!executes()) return true;
        // Until this search fails, fast-check calls once per generated schedule, in order; then only to shrink.
        if (share !== undefined && foundSteps === undefined && !share.takes(propertyIndex, tried++)) return true;
        ran++;
        const finding = executeSchedule(run, judge, schedule);
        progress.record(run.length);
        if (finding !== undefined && foundSteps === undefined) {
          foundSteps = finding.steps;
          share?.failedAt(propertyIndex, tried - 1);
        }
        return finding === undefined;
      }),
      { seed, numRuns: runs, path: options.path, interruptAfterTimeLimit: timeLeft },
    );
    const runsDone = shard !== undefined ? mine : interrupted ? ran : details.numRuns;
    executed += runsDone;
    if (!details.failed || details.counterexample === null) return { ...incomplete, ...(interrupted ? { reason: 'interrupted' as const } : {}), runs: runsDone };

    const finding = executeSchedule(run, judge, details.counterexample[0]);
    if (finding === undefined) {
      throw new NondeterminismError(`checkRandom: the shrunk schedule for "${p.name}" no longer violates it when re-executed: actions, predicates and the codec must be deterministic`);
    }
    const shrunk = run.toCounterexample(finding.steps, finding.loopStart);
    const counterexample = minimizeCounterexample(model, p, shrunk, fairness ?? 'none');
    failure ??= {
      property: p.name,
      path: details.counterexamplePath ?? undefined,
      runsToFailure: details.numRuns,
      lengths: { found: foundSteps ?? shrunk.steps.length, shrunk: shrunk.steps.length, minimized: counterexample.steps.length },
    };
    return { ...base, verdict: 'violated', counterexample };
  });
  return { results, report: { seed, runs: executed, ...failure, seconds: elapsed() } };
}

/** Counts executed states and steps, and reports progress about once a second. */
class ProgressCounter {
  private runs = 0;
  private states = 0;
  private steps = 0;
  private depth = 0;
  private lastReport = 0;

  constructor(
    private readonly options: RandomOptions,
    private readonly elapsed: () => number,
  ) {}

  record(steps: number): void {
    this.runs++;
    this.states += steps + 1;
    this.steps += steps;
    if (steps > this.depth) this.depth = steps;
    const { onProgress } = this.options;
    if (onProgress === undefined) return;
    const seconds = this.elapsed();
    if (seconds - this.lastReport < 1) return;
    this.lastReport = seconds;
    onProgress({
      states: this.states,
      transitions: this.steps,
      depth: this.depth,
      queue: 0,
      seconds,
      statesPerSecond: this.states / seconds,
      memoryBytes: process.memoryUsage.rss(),
      runs: this.runs,
    });
  }
}
