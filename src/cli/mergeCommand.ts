import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { replayTrace, type KernelVerdict } from '../check/index.js';
import type { Counterexample } from '../engine/index.js';
import { fileSha256 } from '../export/index.js';
import { DesignError, familyScenario, kernelModel, type KernelModel, type KernelState, loadScenarioFile, resolveDesign, ScenarioError, type Scenario } from '../kernel/index.js';
import { packageRoot } from '../packageRoot.js';
import { count } from './count.js';
import { knobOverrides } from './knobOptions.js';
import type { JobRun } from './outcome.js';
import { parseOptions } from './parseOptions.js';
import { formatsOption, reportKinds, writeRunOutputs } from './runOutputs.js';
import { readShardFile, type ShardResult, type ShardSearch, type ShardVerdict } from './shardFile.js';
import { UsageError } from './usageError.js';

/** Text of `oomcheck merge --help`. */
export const mergeUsage = `Usage: oomcheck merge FILE... [--out DIR] [--format LIST] [--report KIND]

Combines the shard results of one random search, written by
oomcheck check --strategy random --seed S --shard K/N (OUT/shard-K-of-N.json),
into one verdict table, with the same outputs as check: counterexamples
under --out in every --format, --report json / junit.

A property is violated if any shard found a violation: the shortest
counterexample is kept (equal lengths: the lowest shard number's), after
replaying it on the scenario. Otherwise it reads "not found in R runs",
R summed over the shards; the N shards together ran exactly the schedules
one unsharded run with the same seed and --runs would have.

Every file must be a shard of the same job: same seed, --runs, --depth,
--fairness, --property, scenarios (by sha256) and designs, shards 1 to N
each exactly once. Scenario files are looked up as check names them
(built-ins relative to the package) and must not have changed.

Options:
  --out DIR         where counterexamples go (default: oomcheck-out)
  --format LIST     which files to write per counterexample, of json, itf,
                    md, mermaid, html (default: all)
  --report KIND     also write OUT/report.json or OUT/report.junit.xml

Exit code: as check: 0 every verdict holds or is the expected one; 1 a
verdict differs from the expected one; 11 / 12 / 13 an unexpected
violation; 3 a violation was not found (except where the scenario
expects the property to hold); 2 bad input: a file that is not a shard
result, shards of different jobs, a shard missing or given twice, a
scenario changed since, a trace that does not replay.`;

/** Refuses files that are not the N shards of one job, naming the file at fault. */
function checkShardSet(files: readonly string[], shards: readonly ShardResult[]): void {
  const [first] = shards;
  const job = (s: ShardResult) =>
    JSON.stringify([s.seed, s.runs, s.depth, s.fairness, s.properties, s.searches.map((x) => [x.scenario, x.file ?? null, x.family ?? null, x.sha256, x.design, x.verdicts.map((v) => v.property)])]);
  const describe = (s: ShardResult) => `seed ${s.seed}, ${s.runs} runs, depth ${s.depth}, ${count(s.searches.length, 'search', 'searches')}`;
  shards.forEach((s, i) => {
    if (s.shard.count !== first.shard.count) throw new UsageError(`${files[i]}: shard ${s.shard.index}/${s.shard.count}, but ${files[0]} is one of ${first.shard.count}`);
    if (job(s) !== job(first)) throw new UsageError(`${files[i]}: a shard of another job than ${files[0]} (${describe(s)} against ${describe(first)}; or other scenarios, designs or properties)`);
  });
  const byIndex = new Map<number, string>();
  shards.forEach((s, i) => {
    const earlier = byIndex.get(s.shard.index);
    if (earlier !== undefined) throw new UsageError(`${files[i]}: shard ${s.shard.index}/${s.shard.count} is given twice (also ${earlier})`);
    byIndex.set(s.shard.index, files[i]);
  });
  const missing = Array.from({ length: first.shard.count }, (_, k) => k + 1).filter((k) => !byIndex.has(k));
  if (missing.length > 0)
    throw new UsageError(`shard${missing.length > 1 ? 's' : ''} ${missing.map((k) => `${k}/${first.shard.count}`).join(', ')} missing: merge needs all ${first.shard.count} shards of the job`);
}

/** The scenario a search checked, as it is here (and its file's path here): it must be the one the shards checked. */
function scenarioOf(file: string, search: ShardSearch): { scenario: Scenario; path?: string } {
  try {
    if (search.family !== undefined) return { scenario: familyScenario(search.family) };
    const path = [search.file!, join(packageRoot(), search.file!)].find((p) => existsSync(p) && statSync(p).isFile());
    if (path === undefined) throw new UsageError(`${file}: scenario file ${search.file} is not here (merge reads it to write the counterexamples)`);
    if (fileSha256(path) !== search.sha256) throw new UsageError(`${file}: scenario file ${search.file} has changed since the shards ran (its sha256 differs)`);
    return { scenario: loadScenarioFile(path), path };
  } catch (error) {
    if (error instanceof ScenarioError) throw new UsageError(error.format().split('\n'));
    if (error instanceof RangeError) throw new UsageError(`${file}: --family ${search.family}: ${error.message}`);
    throw error;
  }
}

/** The counterexample a shard's trace records, once it replays on this model. */
function counterexampleOf(file: string, where: string, model: KernelModel, v: ShardVerdict, search: ShardSearch): Counterexample<KernelState> {
  const doc = v.trace!;
  const fail = (cause: string): never => {
    throw new UsageError(`${file}: ${where}: ${cause}`);
  };
  if (doc.scenario?.sha256 !== search.sha256 || doc.design?.name !== search.design) fail('the trace is of another scenario or design than its search');
  let replay: ReturnType<typeof replayTrace>;
  try {
    replay = replayTrace(doc);
  } catch (error) {
    return fail(`the trace is malformed (${(error as Error).message})`);
  }
  if (replay.verdict !== 'confirmed') fail(`the trace does not replay (${replay.verdict === 'diverged' ? replay.divergence.description : replay.reason})`);
  const enabled: number[] = [];
  const steps = doc.steps.map((step, k) => {
    enabled.length = 0;
    model.actions(doc.states[k], enabled);
    return { actor: step.actor, action: step.label, actionIndex: enabled.indexOf(step.actorIndex), state: doc.states[k + 1] };
  });
  return { initialIndex: 0, initial: doc.states[0], steps, ...(doc.loop !== undefined ? { loopStart: doc.loop } : {}) };
}

/** One search's verdicts over every shard: the shortest violation, else the runs summed. */
function mergedVerdicts(files: readonly string[], shards: readonly ShardResult[], s: number, model: KernelModel): KernelVerdict[] {
  return shards[0].searches[s].verdicts.map((_, p): KernelVerdict => {
    const mine = shards.map((shard, i) => ({ file: files[i], index: shard.shard.index, search: shard.searches[s], v: shard.searches[s].verdicts[p] }));
    const violations = mine.filter((m) => m.v.verdict === 'violated').sort((a, b) => a.v.trace!.steps.length - b.v.trace!.steps.length || a.index - b.index);
    const { property, failing, fairness } = violations[0]?.v ?? mine[0].v;
    const base = { property, ...(fairness !== undefined ? { fairness } : {}) };
    if (violations.length > 0) {
      const best = violations[0];
      const counterexample = counterexampleOf(best.file, `searches[${s}] ${best.search.scenario} under ${best.search.design}, ${property}`, model, best.v, best.search);
      return { ...base, verdict: 'violated', ...(failing !== undefined ? { failing } : {}), counterexample };
    }
    const runs = mine.reduce((sum, m) => sum + (m.v.runs ?? 0), 0);
    return { ...base, verdict: 'incomplete', reason: mine.some((m) => m.v.reason === 'interrupted') ? 'interrupted' : 'random', runs };
  });
}

/** `oomcheck merge FILE...`: returns the exit code. */
export function mergeCommand(argv: readonly string[], out: (line: string) => void): number {
  const { values, positionals } = parseOptions('merge', {
    args: [...argv],
    allowPositionals: true,
    options: { out: { type: 'string' }, format: { type: 'string' }, report: { type: 'string', multiple: true } },
  });
  if (positionals.length === 0) throw new UsageError('merge takes the shard result files of one job (see oomcheck merge --help)');
  const formats = formatsOption(values.format);
  const reports = reportKinds(values.report ?? []);
  const shards = positionals.map(readShardFile);
  checkShardSet(positionals, shards);
  const [first] = shards;
  // One scenario object per source, as check has: the table's "not checked" lines list each scenario once.
  const scenarios = new Map<string, ReturnType<typeof scenarioOf>>();
  const runs: JobRun[] = first.searches.map((search, s) => {
    const key = `${search.file ?? ''}\0${search.family ?? ''}`;
    if (!scenarios.has(key)) scenarios.set(key, scenarioOf(positionals[0], search));
    const { scenario, path } = scenarios.get(key)!;
    const [preset, ...overrides] = search.design.split('+');
    let design: ReturnType<typeof resolveDesign>;
    try {
      design = resolveDesign(preset, knobOverrides(overrides));
    } catch (error) {
      if (error instanceof DesignError || error instanceof UsageError) throw new UsageError(`${positionals[0]}: searches[${s}]: design ${search.design}: ${error.message}`);
      throw error;
    }
    const model = kernelModel(scenario, design);
    const verdicts = mergedVerdicts(positionals, shards, s, model);
    const report = { seed: first.seed, runs: shards.reduce((sum, x) => sum + x.searches[s].runs, 0), seconds: shards.reduce((sum, x) => sum + x.searches[s].seconds, 0) };
    const job = search.family !== undefined ? { family: search.family } : { file: path!, recorded: search.file! };
    // Shard files carry no reach answers (yet): a merged run has none.
    return { strategy: 'random', scenario, design, model, verdicts, reach: [], report, job };
  });
  const outDir = values.out ?? 'oomcheck-out';
  const randomLines = (run: JobRun): string[] => {
    if (run.strategy !== 'random') return [];
    const found = run.verdicts.filter((v) => v.verdict === 'violated').length;
    return [
      `${run.scenario.name} under ${run.design.name}: seed ${first.seed}, ${first.shard.count} shards, ${count(run.report.runs, 'run')}, ${found === 0 ? 'no violation found' : `${count(found, 'violation')}: oomcheck replay re-executes the traces`}, ${run.report.seconds.toFixed(2)} s summed`,
    ];
  };
  return writeRunOutputs(runs, { strategy: 'random', outDir, formats, reports, propertiesChosen: first.properties !== null, randomLines }, out);
}
