/**
 * `npm run bench`: the engine's performance, measured side by side with
 * SPIN in one run (absolute times on shared machines are noise; ratios are
 * the result). Options: `--sizes 10,12,14,16` and `--repeats 3`.
 */
import { parseArgs } from 'node:util';
import { renderTable } from '../src/export/index.js';
import { benchPhilosophers } from './philosophers.bench.js';

const { values } = parseArgs({ options: { sizes: { type: 'string' }, repeats: { type: 'string' } } });
const sizes = (values.sizes ?? '10,11,12,13,14,15,16').split(',').map(Number);
const repeats = Number(values.repeats ?? 3);
const rows = benchPhilosophers(sizes, repeats, (line) => console.error(line));
const fmt = (x: number | undefined, digits = 0) => (x === undefined ? '' : x.toFixed(digits));
console.log(`Dining philosophers, exhaustive BFS, median of ${repeats}; SPIN: gcc -O2 -DNOREDUCE -DSAFETY -DBFS, ./pan -E -wK\n`);
console.log(
  renderTable(
    ['N', 'states', 'SPIN states', 'states/s', 'SPIN states/s', 'speed ratio', 'B/state', 'SPIN B/state', 'memory ratio'],
    rows.map((r) => [
      String(r.n),
      String(r.states),
      fmt(r.spin?.states),
      fmt(r.statesPerSecond),
      fmt(r.spin?.statesPerSecond),
      r.spin ? fmt(r.statesPerSecond / r.spin.statesPerSecond, 2) : '',
      fmt(r.bytesPerState, 1),
      fmt(r.spin?.bytesPerState, 1),
      r.spin ? fmt(r.spin.bytesPerState / r.bytesPerState, 1) : '',
    ]),
  ),
);
console.log('\nspeed ratio = our states/s ÷ SPIN states/s (target ≥ 1); memory ratio = SPIN bytes/state ÷ ours (target ≥ 8).');
console.log('Our bytes/state = (visited store + peak BFS frontier) ÷ states; SPIN\'s = "total actual memory usage" ÷ states.');
