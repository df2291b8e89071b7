import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from '../src/engine/index.js';
import { philosophers } from '../src/examples/index.js';
import { compilePan, philosophersPromela, runPan, spinAvailable } from './promela.js';

/** One size of the dining-philosophers benchmark, ours and (if installed) SPIN's, side by side. */
export interface PhilosophersRow {
  readonly n: number;
  readonly states: number;
  readonly transitions: number;
  /** Median over the repeats. */
  readonly statesPerSecond: number;
  /** (visited store + peak frontier) / states. */
  readonly bytesPerState: number;
  readonly spin?: {
    readonly states: number;
    readonly statesPerSecond: number;
    /** SPIN's "total actual memory usage" / states, hash table sized to the state count. */
    readonly bytesPerState: number;
    readonly stateVectorBytes: number;
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** States per second of `run` (which returns states and seconds), repeated until 0.25 s have passed so tiny sizes are not all noise. */
function rate(run: () => { states: number; seconds: number }): number {
  let states = 0;
  let seconds = 0;
  do {
    const r = run();
    states += r.states;
    seconds += r.seconds;
  } while (seconds < 0.25);
  return states / seconds;
}

/**
 * Exhaustive BFS of dining philosophers, N = `sizes`, `repeats` runs each
 * (median; a run of a small size is repeated until 0.25 s have passed),
 * interleaved with SPIN runs on the same model compiled with
 * `gcc -O2 -DNOREDUCE -DSAFETY -DBFS` and run as `./pan -E -wK`, where 2^K
 * is the smallest power of two at or above the state count (so SPIN's
 * hash table is not oversized for small N).
 */
export function benchPhilosophers(sizes: readonly number[], repeats: number, log: (line: string) => void): PhilosophersRow[] {
  const withSpin = spinAvailable();
  if (!withSpin) log('spin or gcc not found: SPIN columns left empty (apt-get install spin gcc)');
  check(philosophers(12), []); // warm up the JIT
  return sizes.map((n) => {
    const ours: number[] = [];
    const theirs: number[] = [];
    let last = check(philosophers(n), []).stats;
    let spin: PhilosophersRow['spin'];
    const workDir = join(tmpdir(), `oomcheck-bench-spin-${n}`);
    const w = Math.max(10, Math.ceil(Math.log2(last.states)));
    if (withSpin) compilePan(philosophersPromela(n), workDir, { ccFlags: ['-DMEMLIM=16000'] });
    for (let r = 0; r < repeats; r++) {
      ours.push(
        rate(() => {
          last = check(philosophers(n), []).stats;
          return last;
        }),
      );
      if (withSpin) {
        theirs.push(
          rate(() => {
            const s = runPan(workDir, { panArgs: [`-w${w}`] });
            spin = { states: s.statesStored, statesPerSecond: 0, bytesPerState: (s.memoryMB * 2 ** 20) / s.statesStored, stateVectorBytes: s.stateVectorBytes };
            return { states: s.statesStored, seconds: s.wallSeconds };
          }),
        );
      }
    }
    const row: PhilosophersRow = {
      n,
      states: last.states,
      transitions: last.transitions,
      statesPerSecond: median(ours),
      bytesPerState: (last.storeBytes + last.queuePeakBytes) / last.states,
      ...(spin ? { spin: { ...spin, statesPerSecond: median(theirs) } } : {}),
    };
    log(`N=${n}: ${row.states} states, ${Math.round(row.statesPerSecond)} states/s${spin ? `, SPIN ${Math.round(median(theirs))} states/s` : ''}`);
    return row;
  });
}
