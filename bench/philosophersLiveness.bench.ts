import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { check } from '../src/engine/index.js';
import { eachPhilosopherEats, orderedPhilosophers } from '../src/examples/index.js';
import { compilePan, orderedPhilosophersPromela, runPan, spinAvailable } from './promela.js';

/** One size of the liveness benchmark, ours and (if installed) SPIN's, side by side. */
export interface LivenessRow {
  readonly n: number;
  /** Reachable states of the model (the same for both checkers; SPIN's safety run confirms it). */
  readonly states: number;
  /** Whether every `phil<i>-eats` holds (it should). */
  readonly holds: boolean;
  /** Model states ÷ seconds of the whole check (exploration and liveness), median over the repeats. */
  readonly statesPerSecond: number;
  /** (visited store + graph + peak frontier) / model states. */
  readonly bytesPerState: number;
  readonly spin?: {
    /** States of the model, from a safety run without the never claim (`-DNOCLAIM`). */
    readonly modelStates: number;
    /** "states, stored" of the liveness run: product with the never claim, fairness copies. */
    readonly productStates: number;
    readonly errors: number;
    /** Model states ÷ seconds of `./pan -a -f`, median. */
    readonly statesPerSecond: number;
    /** "total actual memory usage" / model states, hash table sized to the product. */
    readonly bytesPerState: number;
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * pan's `-DNFAIR`: bytes of fairness counters. pan refuses a search with
 * `_nr_pr + 1 >= 4 * NFAIR` processes (the never claim counts), so n
 * philosophers need `NFAIR > (n + 2) / 4`; at least 2 (pan's default).
 */
export const panNfair = (n: number): number => Math.max(2, Math.floor((n + 2) / 4) + 1);

/** Seconds of `run`, repeated until 0.25 s have passed (so tiny sizes are not all noise), per run. */
function secondsPerRun(run: () => void): number {
  let runs = 0;
  const start = performance.now();
  do {
    run();
    runs++;
  } while (performance.now() - start < 250);
  return (performance.now() - start) / 1000 / runs;
}

/**
 * Liveness on the whole graph: the deadlock-free dining philosophers
 * (`orderedPhilosophers(n)`) with "each philosopher eats infinitely
 * often" under weak fairness — n □◇ properties in one `check` beside
 * SPIN's `./pan -a -f` on the conjunction `[]<> eat0 && … && []<> eat(n-1)`
 * (`spin -a`, `gcc -O2 -DNOREDUCE -DNFAIR=k`, hash table 2^K at or above
 * the product's stored states, `-m` twice the depth a probe run reached).
 * Both hold, so both explore everything. Speed is compared as model states
 * per second of the whole check: pan's own "states, stored" counts product
 * states (model × claim × fairness copies), not the model's.
 */
export function benchLiveness(sizes: readonly number[], repeats: number, log: (line: string) => void): LivenessRow[] {
  const withSpin = spinAvailable();
  if (!withSpin) log('spin or gcc not found: SPIN columns left empty (apt-get install spin gcc)');
  check(orderedPhilosophers(8), eachPhilosopherEats(8)); // warm up the JIT
  return sizes.map((n) => {
    const run = () => check(orderedPhilosophers(n), eachPhilosopherEats(n));
    let last = run();
    const ours: number[] = [];
    const theirs: number[] = [];
    let spin: LivenessRow['spin'];
    const workDir = join(tmpdir(), `oomcheck-bench-spin-live-${n}`);
    const liveness: { mode: string[]; panArgs: string[] } = { mode: ['-a', '-f'], panArgs: ['-m10000000'] };
    if (withSpin) {
      const source = orderedPhilosophersPromela(n);
      compilePan(source, join(workDir, 'safety'), { ccFlags: ['-DNOCLAIM', '-DMEMLIM=16000'] });
      const modelStates = runPan(join(workDir, 'safety'), { panArgs: [`-w${Math.max(10, Math.ceil(Math.log2(last.stats.states)))}`] }).statesStored;
      compilePan(source, workDir, { panCcFlags: ['-O2', '-DNOREDUCE'], ccFlags: [`-DNFAIR=${panNfair(n)}`, '-DMEMLIM=16000'] });
      const probe = runPan(workDir, { ...liveness, panArgs: [...liveness.panArgs, '-w20'] });
      const w = Math.max(10, Math.ceil(Math.log2(probe.statesStored)));
      // pan allocates its DFS stack for -m steps: sized to the depth the probe reached, so "total actual memory" is not mostly stack.
      liveness.panArgs = [`-m${Math.max(10000, 2 * probe.depthReached)}`];
      for (let r = 0; r < repeats; r++) {
        let seconds = 0;
        let runs = 0;
        do {
          const s = runPan(workDir, { ...liveness, panArgs: [...liveness.panArgs, `-w${w}`] });
          seconds += s.wallSeconds;
          runs++;
          spin = { modelStates, productStates: s.statesStored, errors: s.errors, statesPerSecond: 0, bytesPerState: (s.memoryMB * 2 ** 20) / last.stats.states };
        } while (seconds < 0.25);
        theirs.push((last.stats.states * runs) / seconds);
        ours.push(
          last.stats.states /
            secondsPerRun(() => {
              last = run();
            }),
        );
      }
    } else {
      for (let r = 0; r < repeats; r++) ours.push(last.stats.states / secondsPerRun(() => (last = run())));
    }
    const { stats } = last;
    const row: LivenessRow = {
      n,
      states: stats.states,
      holds: last.results.every((r) => r.verdict === 'holds'),
      statesPerSecond: median(ours),
      bytesPerState: (stats.storeBytes + stats.graphBytes + stats.queuePeakBytes) / stats.states,
      ...(spin ? { spin: { ...spin, statesPerSecond: median(theirs) } } : {}),
    };
    log(
      `N=${n}: ${row.states} states, ${row.holds ? 'holds' : 'VIOLATED'}, ${Math.round(row.statesPerSecond)} states/s${spin ? `, SPIN ${Math.round(median(theirs))} states/s, errors ${spin.errors}` : ''}`,
    );
    return row;
  });
}
