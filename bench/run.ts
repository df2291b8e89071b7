/**
 * `npm run bench`: performance, measured side by side in one run (absolute
 * times on shared machines are noise; ratios are the result):
 * - `philosophers`: the engine next to SPIN, dining philosophers;
 * - `kernel`: the kernel model next to the engine's philosophers (issue 15);
 * - `workers`: 1 thread against `--workers N` (default 2) on the same searches (issue 15).
 * - `liveness`: the engine next to SPIN, "each philosopher eats infinitely
 *   often" under weak fairness on deadlock-free philosophers (issue 15).
 * - `family`: exhaustive verdicts on the T1/T2/T3 family 8:4 and 10:5, one
 *   check each, with the symmetry reduction (issue 15, item 2).
 * Options: `--suite philosophers|kernel|workers|liveness|family` (default all), `--sizes 10,12,14,16`
 * (philosophers vs SPIN), `--kernel-n 14` (philosophers beside the kernel
 * model), `--workers 2`, `--liveness-sizes 8,10,12`, `--repeats 3`,
 * `--family-sizes 8:4,10:5` and `--family-memory 16000` (MiB per search).
 */
import { parseArgs } from 'node:util';
import { renderTable } from '../src/export/index.js';
import { benchFamily } from './family.bench.js';
import { benchKernel } from './kernel.bench.js';
import { benchPhilosophers } from './philosophers.bench.js';
import { benchLiveness, panNfair } from './philosophersLiveness.bench.js';
import { benchWorkers } from './workers.bench.js';

const usage = `Usage: npm run bench -- [--suite philosophers|kernel|workers|liveness|family] [--repeats 3]
  [--sizes 10,11,12,13,14,15,16] [--kernel-n 14] [--workers 2] [--liveness-sizes 8,10,12]
  [--family-sizes 8:4,10:5] [--family-memory 16000]
Without --suite every suite runs, 20 minutes or more on 2 cores; the family suite's 10:5 alone
takes about 5 minutes and 4.5 GB (--suite family --family-sizes 6:3,8:4 for a short run).
What each measures: docs/engine.md, "Performance".`;

/** Stops with `bench: MESSAGE` and the usage on stderr, exit 2: bad options are not a crash. */
function refuse(message: string): never {
  console.error(`bench: ${message}\n${usage}`);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        help: { type: 'boolean' },
        suite: { type: 'string' },
        sizes: { type: 'string' },
        'kernel-n': { type: 'string' },
        workers: { type: 'string' },
        'liveness-sizes': { type: 'string' },
        repeats: { type: 'string' },
        'family-sizes': { type: 'string' },
        'family-memory': { type: 'string' },
      },
    });
  } catch (error) {
    return refuse((error as Error).message);
  }
})();
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const suite = values.suite ?? 'all';
if (!['all', 'philosophers', 'kernel', 'workers', 'liveness', 'family'].includes(suite)) refuse(`--suite is philosophers, kernel, workers, liveness or family, got ${suite}`);
if (values['family-sizes'] !== undefined && !/^\d+:\d+(,\d+:\d+)*$/.test(values['family-sizes'])) refuse(`--family-sizes is a list of N:M (t1t2t3 sizes), e.g. 6:3,8:4, got ${values['family-sizes']}`);
for (const option of ['repeats', 'kernel-n', 'workers', 'family-memory'] as const) {
  const value = values[option];
  if (value !== undefined && !/^[1-9]\d*$/.test(value)) refuse(`--${option} is a positive integer, got ${value}`);
}
const repeats = Number(values.repeats ?? 3);
const fmt = (x: number | undefined, digits = 0) => (x === undefined ? '' : x.toFixed(digits));
const log = (line: string) => console.error(line);

if (suite === 'all' || suite === 'philosophers') {
  const sizes = (values.sizes ?? '10,11,12,13,14,15,16').split(',').map(Number);
  const rows = benchPhilosophers(sizes, repeats, log);
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
}

if (suite === 'all' || suite === 'kernel') {
  if (suite === 'all') console.log('');
  const rows = benchKernel(Number(values['kernel-n'] ?? 14), repeats, log);
  console.log(`Kernel model beside the engine's philosophers, design reaper-slot, one process, round-robin, median of ${repeats}\n`);
  console.log(
    renderTable(
      ['workload', 'states', 'states/s', 'ratio', 'reduction', 'symmetry group'],
      rows.map((r) => [r.name, String(r.states), fmt(r.statesPerSecond), fmt(r.ratio, 3), fmt(r.symmetry?.reduction, 1), r.symmetry?.group ?? '']),
    ),
  );
  console.log('\nratio = states/s ÷ philosophers states/s in the same round, median over rounds (issue 15: target ≥ 0.5 for the family).');
  console.log('"explore": BFS without properties; "check": as `oomcheck check --family t1t2t3:6:3` (properties, liveness, traces).');
  console.log('reduction = states without symmetry ÷ states with it (1 when no task is interchangeable: the search is the unreduced one).');
}

if (suite === 'all' || suite === 'workers') {
  if (suite === 'all') console.log('');
  const workers = Number(values.workers ?? 2);
  const rows = benchWorkers(workers, repeats, log);
  console.log(`Threads: --workers 1 against --workers ${workers}, the same searches side by side, median of ${repeats}\n`);
  console.log(
    renderTable(
      ['workload', 'states or runs', 'seconds, 1 thread', `seconds, ${workers} threads`, 'speedup'],
      rows.map((r) => [r.name, String(r.size), fmt(r.seconds[0], 2), fmt(r.seconds[1], 2), fmt(r.speedup, 2)]),
    ),
  );
  console.log(`\nspeedup = seconds with 1 thread ÷ seconds with ${workers}, per round, median (issue 15: target ≥ 1.6 with 2 on 2 cores); the same verdicts and traces checked.`);
  console.log("Wall-clock time of the whole check (search, liveness, counterexamples): the shared machine's load is on stderr.");
}

if (suite === 'all' || suite === 'liveness') {
  if (suite === 'all') console.log('');
  const sizes = (values['liveness-sizes'] ?? '8,10,12').split(',').map(Number);
  const rows = benchLiveness(sizes, repeats, log);
  console.log(
    `Liveness: deadlock-free philosophers, "each philosopher eats infinitely often" under weak fairness (both hold), median of ${repeats}; SPIN: spin -a (LTL conjunction), gcc -O2 -DNOREDUCE -DNFAIR=k, ./pan -a -f -mD -wK (D = 2 × depth reached)\n`,
  );
  console.log(
    renderTable(
      ['N', 'states', 'SPIN states', 'SPIN product', 'verdicts', 'states/s', 'SPIN states/s', 'speed ratio', 'B/state', 'SPIN B/state', 'memory ratio'],
      rows.map((r) => [
        String(r.n),
        String(r.states),
        fmt(r.spin?.modelStates),
        fmt(r.spin?.productStates),
        `${r.holds ? 'holds' : 'VIOLATED'}${r.spin ? ` / ${r.spin.errors === 0 ? 'holds' : 'VIOLATED'} (NFAIR=${panNfair(r.n)})` : ''}`,
        fmt(r.statesPerSecond),
        fmt(r.spin?.statesPerSecond),
        r.spin ? fmt(r.statesPerSecond / r.spin.statesPerSecond, 2) : '',
        fmt(r.bytesPerState, 1),
        fmt(r.spin?.bytesPerState, 1),
        r.spin ? fmt(r.spin.bytesPerState / r.bytesPerState, 1) : '',
      ]),
    ),
  );
  console.log('\nstates = the model\'s reachable states (ours; SPIN states: pan -DNOCLAIM safety run, the same). SPIN product = "states, stored" of pan -a -f:');
  console.log('model × never claim × weak-fairness copies. states/s = model states ÷ seconds of the whole check (so speed ratio = SPIN seconds ÷ ours; target ≥ 1).');
  console.log('Our bytes/state = (visited store + graph + peak frontier) ÷ model states; SPIN\'s = "total actual memory usage" ÷ model states; memory ratio = SPIN ÷ ours.');
}

if (suite === 'all' || suite === 'family') {
  if (suite === 'all') console.log('');
  const specs = (values['family-sizes'] ?? '8:4,10:5').split(',').map((size) => `t1t2t3:${size}`);
  log(`family: ${specs.join(', ')} checked exhaustively, once each${specs.includes('t1t2t3:10:5') ? ' (10:5 takes about 5 minutes and 4.5 GB)' : ''}`);
  const workers = Number(values.workers ?? 2);
  let rows: ReturnType<typeof benchFamily> = [];
  try {
    rows = benchFamily(specs, workers, Number(values['family-memory'] ?? 16000), log);
  } catch (error) {
    // t1t2t3Family's own check of N and M (1 ≤ M ≤ N - 2).
    if (error instanceof RangeError) refuse(error.message);
    throw error;
  }
  console.log(`The T1/T2/T3 family checked exhaustively, design reaper-slot, --workers ${workers}, symmetry on (the default), one run each\n`);
  console.log(
    renderTable(
      ['family', 'states', 'transitions', 'seconds', 'MiB stored', 'reduction', 'symmetry group', 'verdicts'],
      rows.map((r) => [r.spec, String(r.states), String(r.transitions), fmt(r.seconds, 1), fmt(r.storeBytes / 2 ** 20), fmt(r.reduction, 1), r.symmetry, r.verdicts.join('; ')]),
    ),
  );
  console.log("\nMiB stored = visited store + graph + peak frontier (the progress lines on stderr give the process's memory: those plus node's heap).");
  console.log('reduction = states without symmetry ÷ with it: 1, the family has no interchangeable tasks');
  console.log("(T2…T(n-1) and the holders are told apart by the kernel's tie-breaks: interchangeableTasks in src/kernel/symmetry.ts).");
}
