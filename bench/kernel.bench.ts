import { performance } from 'node:perf_hooks';
import { checkScenario } from '../src/check/index.js';
import { check } from '../src/engine/index.js';
import { philosophers } from '../src/examples/index.js';
import { kernelModel, resolveDesign, t1t2t3Family } from '../src/kernel/index.js';

/** One workload of the kernel-model benchmark: its states and its median states/s. */
export interface KernelBenchRow {
  readonly name: string;
  readonly states: number;
  /** Median over the repeats. */
  readonly statesPerSecond: number;
  /** States/s ÷ the philosophers' in the same round, median over the rounds (the figure issue 15 tracks; 1 for philosophers). */
  readonly ratio: number;
}

interface Workload {
  readonly name: string;
  /** One run: its states and wall-clock seconds. */
  readonly run: () => { states: number; seconds: number };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Wall-clock seconds of `f` and its result. */
function timed<T>(f: () => T): { value: T; seconds: number } {
  const start = performance.now();
  const value = f();
  return { value, seconds: (performance.now() - start) / 1000 };
}

/** An exhaustive BFS of `model` with no properties: the engine and the model's hot path only. */
function explore(name: string, model: () => Parameters<typeof check>[0]): Workload {
  return {
    name,
    run: () => {
      const m = model();
      const { value } = timed(() => check(m, []));
      return { states: value.stats.states, seconds: value.stats.seconds };
    },
  };
}

/**
 * How fast the kernel model is next to the engine's own example: in one
 * process, round-robin so that machine load hits every workload alike,
 * `repeats` runs each of
 * - dining philosophers N = `philosophersN`, exhaustive BFS, no properties;
 * - the T1/T2/T3 family (`t1t2t3:6:3`, `t1t2t3:7:3`) under `reaper-slot`,
 *   exhaustive BFS, no properties (the same work as the philosophers: the
 *   model's transitions, the codec and the engine);
 * - `t1t2t3:6:3` checked as `oomcheck check --family t1t2t3:6:3` does
 *   (its properties: predicates, the graph, liveness and counterexamples;
 *   wall-clock time).
 * Reports the median states/s of each and its ratio to the philosophers'
 * (issue 15 tracks the family's; its target is ≥ 0.5).
 */
export function benchKernel(philosophersN: number, repeats: number, log: (line: string) => void): KernelBenchRow[] {
  const design = resolveDesign('reaper-slot');
  const workloads: Workload[] = [
    explore(`philosophers N=${philosophersN}`, () => philosophers(philosophersN)),
    explore('t1t2t3:6:3 explore', () => kernelModel(t1t2t3Family(6, 3), design)),
    explore('t1t2t3:7:3 explore', () => kernelModel(t1t2t3Family(7, 3), design)),
    {
      name: 't1t2t3:6:3 check',
      run: () => {
        const { value, seconds } = timed(() => checkScenario(t1t2t3Family(6, 3), design));
        if (value.strategy !== 'exhaustive') throw new Error('benchKernel: expected an exhaustive run');
        return { states: value.stats.states, seconds };
      },
    },
  ];
  // Warm up the JIT on small searches of both models.
  check(philosophers(8), []);
  check(kernelModel(t1t2t3Family(4, 2), design), []);
  const rates = workloads.map((): number[] => []);
  const states = workloads.map(() => 0);
  for (let r = 0; r < repeats; r++) {
    workloads.forEach((w, i) => {
      const result = w.run();
      states[i] = result.states;
      rates[i].push(result.states / result.seconds);
      log(`run ${r + 1}/${repeats} ${w.name}: ${result.states} states, ${Math.round(result.states / result.seconds)} states/s`);
    });
  }
  // The ratio of runs made side by side, then the median: steadier than a ratio of medians on a busy machine.
  const ratio = (i: number) => median(rates[i].map((x, r) => x / rates[0][r]));
  return workloads.map((w, i) => ({ name: w.name, states: states[i], statesPerSecond: median(rates[i]), ratio: ratio(i) }));
}
