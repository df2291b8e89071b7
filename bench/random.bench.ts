/**
 * `node dist/bench/random.bench.js`: the random strategy on T1/T2/T3
 * families too big to explore. Per size: how far exhaustive BFS gets in
 * `--bfs-seconds` (default 60) per design, then per design the random
 * search over `--seeds` (default 1,2,3,4,5): runs and seconds to the first
 * violation of `no-oom-livelock[H1]` (the first holder: his claim) and the minimized length, median over
 * the seeds. Options: `--sizes 10:5,12:6`, `--runs 1000`, `--depth 200`,
 * `--bfs-seconds 0` to skip BFS. Figures in bench/random.md.
 */
import { parseArgs } from 'node:util';
import { renderTable } from '../src/export/index.js';
import { checkScenario } from '../src/check/index.js';
import { resolveDesign, familyScenario } from '../src/kernel/index.js';

const { values } = parseArgs({
  options: { sizes: { type: 'string' }, seeds: { type: 'string' }, runs: { type: 'string' }, depth: { type: 'string' }, 'bfs-seconds': { type: 'string' } },
});
const sizes = (values.sizes ?? '10:5,12:6,14:7,16:8').split(',');
const seeds = (values.seeds ?? '1,2,3,4,5').split(',').map(Number);
const runs = Number(values.runs ?? 1000);
const depth = Number(values.depth ?? 200);
const bfsSeconds = Number(values['bfs-seconds'] ?? 60);
const property = 'no-oom-livelock[H1]';
const designs = [resolveDesign('reaper-slot', { exitTakesMmapSem: false }), resolveDesign('reaper-slot')];

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const rows: string[][] = [];
for (const size of sizes) {
  const scenario = familyScenario(`t1t2t3:${size}`);
  for (const design of designs) {
    let bfs = 'skipped';
    if (bfsSeconds > 0) {
      const run = checkScenario(scenario, design, [property], { maxSeconds: bfsSeconds });
      bfs = run.stats.stopReason ? `${run.stats.states} (${run.stats.stopReason})` : `${run.stats.states} (${run.verdicts[0].verdict})`;
    }
    const found = seeds.map((seed) => checkScenario(scenario, design, [property], { strategy: 'random', seed, runs, depth }));
    const failed = found.filter((r) => r.report.runsToFailure !== undefined);
    const lengths = failed.map((r) => r.report.lengths!);
    rows.push([
      size,
      design.name,
      bfs,
      `${failed.length}/${seeds.length}`,
      failed.length > 0 ? String(median(failed.map((r) => r.report.runsToFailure!))) : '',
      median(found.map((r) => r.report.seconds)).toFixed(2),
      failed.length > 0 ? `${median(lengths.map((l) => l.found))} → ${median(lengths.map((l) => l.shrunk))} → ${median(lengths.map((l) => l.minimized))}` : '',
      lengths.map((l) => l.minimized).join(','),
    ]);
    console.error(`${size} ${design.name}: done`);
  }
}
console.log(`T1/T2/T3 family, ${property}; random: seeds ${seeds.join(',')}, --runs ${runs} --depth ${depth}, medians; BFS: --max-seconds ${bfsSeconds}\n`);
console.log(renderTable(['N:M', 'design', 'BFS states (stop)', 'found', 'runs to failure', 'seconds', 'length found → shrunk → minimized', 'minimized per seed'], rows));
