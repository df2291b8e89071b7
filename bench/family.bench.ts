import { performance } from 'node:perf_hooks';
import { checkScenario } from '../src/check/index.js';
import { familyScenario, resolveDesign } from '../src/kernel/index.js';

/** One exhaustive check of a family size: its figures and its verdicts. */
export interface FamilyBenchRow {
  readonly spec: string;
  readonly states: number;
  readonly transitions: number;
  /** Wall-clock seconds of the whole check (search, liveness, counterexamples). */
  readonly seconds: number;
  /** Bytes of the search's stores (visited, graph, peak frontier), as the check reports them. */
  readonly storeBytes: number;
  /** `property verdict (steps)` per property, e.g. `no-oom-livelock violated (24)`. */
  readonly verdicts: readonly string[];
  /** The symmetry group the search used, or `none`; and states without it ÷ states with it (1 with none). */
  readonly symmetry: string;
  readonly reduction: number;
}

/**
 * Exhaustive verdicts on the T1/T2/T3 family (issue 15, item 2): each
 * size checked once as `oomcheck check --family t1t2t3:N:M --design
 * reaper-slot --workers W` does, symmetry on (the default). The family has
 * no interchangeable tasks — T2…T(n-1) and the holders are told apart by
 * the kernel's tie-breaks (`interchangeableTasks` in
 * src/kernel/symmetry.ts) — so the search is the unreduced one and the
 * reduction is 1. One run each: 10:5 alone takes minutes and gigabytes.
 * @throws {Error} if a check is not exhaustive and complete (a limit stopped it)
 */
export function benchFamily(specs: readonly string[], workers: number, maxMemoryMiB: number, log: (line: string) => void): FamilyBenchRow[] {
  const design = resolveDesign('reaper-slot');
  return specs.map((spec) => {
    const start = performance.now();
    const run = checkScenario(familyScenario(spec), design, undefined, {
      workers,
      maxMemoryBytes: maxMemoryMiB * 2 ** 20,
      progressIntervalSeconds: 10,
      onProgress: (p) => log(`${spec}: ${p.states} states, ${Math.round(p.statesPerSecond)} states/s, ${Math.round(p.memoryBytes / 2 ** 20)} MiB`),
    });
    const seconds = (performance.now() - start) / 1000;
    if (run.strategy !== 'exhaustive') throw new Error('benchFamily: expected an exhaustive run');
    if (run.stats.stopReason !== undefined) throw new Error(`benchFamily: ${spec} stopped early (${run.stats.stopReason}); give more memory (--family-memory)`);
    const verdicts = run.verdicts.map((v) => `${v.property} ${v.verdict}${v.counterexample ? ` (${v.counterexample.steps.length})` : ''}`);
    log(`${spec}: ${run.stats.states} states in ${seconds.toFixed(1)} s`);
    return {
      spec,
      states: run.stats.states,
      transitions: run.stats.transitions,
      seconds,
      storeBytes: run.stats.storeBytes + run.stats.graphBytes + run.stats.queuePeakBytes,
      verdicts,
      symmetry: run.stats.symmetry ? `${run.stats.symmetry.description}, order ${run.stats.symmetry.order}` : 'none',
      reduction: 1,
    };
  });
}
