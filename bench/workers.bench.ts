import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkScenario, type ScenarioCheckOptions } from '../src/check/index.js';
import { builtinScenarioDir, familyScenario, loadScenarioFile, resolveDesign, type Design, type Scenario } from '../src/kernel/index.js';

/** One workload of the threads benchmark: its size and the speedup of 2 threads over 1. */
export interface WorkersBenchRow {
  readonly name: string;
  /** States (exhaustive) or schedules run (random), the same with either thread count (checked). */
  readonly size: number;
  /** Median wall-clock seconds with 1 and with `workers` threads. */
  readonly seconds: readonly [number, number];
  /** Seconds with 1 thread ÷ seconds with `workers`, per round, median over rounds. */
  readonly speedup: number;
}

interface Workload {
  readonly name: string;
  readonly scenario: () => Scenario;
  readonly design: Design;
  readonly options: ScenarioCheckOptions;
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The size a run reports: its states, or its schedules; and a fingerprint of its verdicts, to check that the thread count changed nothing. */
function runOnce(w: Workload, workers: number): { size: number; verdicts: string; seconds: number } {
  const scenario = w.scenario();
  const start = performance.now();
  const run = checkScenario(scenario, w.design, undefined, { ...w.options, workers } as ScenarioCheckOptions);
  const seconds = (performance.now() - start) / 1000;
  const size = run.strategy === 'random' ? run.report.runs : run.stats.states;
  const verdicts = JSON.stringify(run.verdicts.map((v) => [v.property, v.verdict, v.counterexample?.steps.map((s) => s.actionIndex)]));
  return { size, verdicts, seconds };
}

/**
 * `--workers` 1 against `workers` (default 2), side by side in one
 * process, round-robin so that the machine's load hits both alike: the
 * wall-clock time of `checkScenario` as `oomcheck check` calls it, on
 * - the T1/T2/T3 family t1t2t3:7:3, t1t2t3:8:3 and t1t2t3:8:4 under reaper-slot, exhaustive (its properties, liveness, traces):
 *   the small ones pay the second thread's start (loading the modules, rebuilding the model, a cold JIT) in a second or less;
 * - the built-in tetsuo-t1-t2-t3 under its biggest design, exhaustive;
 * - the built-in tetsuo-t1-t2-t3 under mmf-oom-skip, random, seed 1, 5000 and 20000 schedules (most of its properties hold: every schedule runs).
 * Throws if the thread count changed a verdict, a trace or a count.
 */
export function benchWorkers(workers: number, repeats: number, log: (line: string) => void): WorkersBenchRow[] {
  const tetsuo = () => loadScenarioFile(join(builtinScenarioDir(), 'tetsuo-t1-t2-t3.yaml'));
  const workloads: Workload[] = [
    { name: 't1t2t3:7:3 exhaustive', scenario: () => familyScenario('t1t2t3:7:3'), design: resolveDesign('reaper-slot'), options: {} },
    { name: 't1t2t3:8:3 exhaustive', scenario: () => familyScenario('t1t2t3:8:3'), design: resolveDesign('reaper-slot'), options: {} },
    { name: 't1t2t3:8:4 exhaustive', scenario: () => familyScenario('t1t2t3:8:4'), design: resolveDesign('reaper-slot'), options: {} },
    { name: 'tetsuo-t1-t2-t3 exhaustive', scenario: tetsuo, design: resolveDesign('tetsuo-timeout', { exitTakesMmapSem: false }), options: {} },
    { name: 'tetsuo-t1-t2-t3 random', scenario: tetsuo, design: resolveDesign('mmf-oom-skip'), options: { strategy: 'random', seed: 1, runs: 5000 } },
    { name: 'tetsuo-t1-t2-t3 random, 20000', scenario: tetsuo, design: resolveDesign('mmf-oom-skip'), options: { strategy: 'random', seed: 1, runs: 20000 } },
  ];
  log(
    `load average before: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  // Warm up the JIT on the smallest workload.
  runOnce(workloads[2], 1);
  runOnce(workloads[2], workers);
  const rows = workloads.map((w) => {
    const times: [number[], number[]] = [[], []];
    let expected: { size: number; verdicts: string } | undefined;
    for (let r = 0; r < repeats; r++) {
      // Alternate which goes first, so neither always runs on a warmer or cooler machine.
      const order = r % 2 === 0 ? [0, 1] : [1, 0];
      for (const k of order) {
        const result = runOnce(w, k === 0 ? 1 : workers);
        if (expected === undefined) expected = result;
        else if (result.size !== expected.size || result.verdicts !== expected.verdicts) throw new Error(`benchWorkers: ${w.name} differs with ${k === 0 ? 1 : workers} threads`);
        times[k].push(result.seconds);
        log(`run ${r + 1}/${repeats} ${w.name}, ${k === 0 ? 1 : workers} thread${k === 0 ? '' : 's'}: ${result.seconds.toFixed(2)} s`);
      }
    }
    return { name: w.name, size: expected!.size, seconds: [median(times[0]), median(times[1])] as const, speedup: median(times[0].map((t, r) => t / times[1][r])) };
  });
  log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  return rows;
}
