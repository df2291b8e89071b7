import { isAbsolute, relative, resolve } from 'node:path';
import { kernelPropertyNamed } from '../../properties/index.js';
import type { Fairness } from '../engine/index.js';
import {
  builtinScenarioFiles,
  DesignError,
  knobNamed,
  resolveDesign,
  type Design,
  presets,
  familyForms,
  familyScenario,
  loadScenarioFile,
  ScenarioError,
  suggestion,
  isPerTaskProperty,
  parsePropertyRef,
  perTaskPropertyNames,
  propertyNames,
  type ReachQuery,
  type Scenario,
} from '../kernel/index.js';
import { checkScenario, type ScenarioRun } from '../check/index.js';
import { ExitCode } from './exitCodes.js';
import type { JobRun, JobSource } from './outcome.js';
import { GraphOutputs, graphOptionSpecs } from './graphOutputs.js';
import { knobOverrides } from './knobOptions.js';
import { limitOptionSpecs, limitsFrom } from './limitOptions.js';
import { progressPrinter } from './progressPrinter.js';
import { randomOptionSpecs, randomOptionsFrom } from './randomOptions.js';
import { randomReportLines } from './randomReport.js';
import { formatsOption, reportKinds, writeRunOutputs } from './runOutputs.js';
import { reachQueriesOf } from './reachOptions.js';
import { scenarioFilesOf } from './scenarioArgs.js';
import { shardFrom, shardOptionSpecs } from './shardOptions.js';
import { shardResult, writeShardFile } from './shardFile.js';
import { UsageError } from './usageError.js';
import type { CommandIo } from './commandIo.js';
import { packageRoot } from '../packageRoot.js';
import { parseOptions } from './parseOptions.js';
import { workerOptionSpecs, workersFrom } from './workerOptions.js';

/** Text of `oomcheck check --help`. */
export const checkUsage = `Usage: oomcheck check [FILE...] [--family SPEC]... [options]

Checks OOM scenarios against kernel designs. With no FILE and no --family,
checks every built-in scenario (oomcheck scenarios) against its designs.
Exhaustive by default (every reachable state); --strategy random runs
random schedules instead, for scenarios too big to explore. Prints the
verdict table — one row per scenario and design, one column per property —
and writes every counterexample under --out as JSON (replayable), ITF,
a Markdown timeline, a Mermaid diagram and a self-contained HTML page.

Options:
  --design NAME     check this preset only (repeatable; oomcheck designs)
  --knob NAME=VALUE override a knob of every design checked (repeatable)
  --property NAME   check this property only (repeatable): no-deadlock,
                    no-oom-livelock, victim-always-handled, no-needless-kill,
                    no-panic, no-reaper-lockup, no-spurious-enomem,
                    bounded-overcharge, no-kill-after-race; NAME[TASK]
                    restricts a per-task property (no-oom-livelock,
                    victim-always-handled) to the task TASK, in the
                    scenarios that have it
  --out DIR         where counterexamples go (default: oomcheck-out; npm start
                    writes the committed counterexamples/)
  --format LIST     which files to write per counterexample, of json, itf,
                    md, mermaid, html (default: all)
  --reach COND      answer a witness query instead of checking properties
                    (repeatable; add --property to check both): can the
                    system get into a state where COND holds, and how? COND
                    is in kernel words, e.g. 'T1 has TIF_MEMDIE and T2 waits
                    on i_mutex', 'mm victim has MMF_OOM_SKIP', '2 tasks have
                    TIF_MEMDIE', 'free == 0' (docs/scenarios.md, "The
                    condition language", lists every word). A cell
                    reach[N] reads "reachable S" (a shortest witness of S
                    steps, written under --out like a counterexample),
                    "unreachable" (no state of the exhaustive search
                    satisfies it) or, at random, "not reached in R runs".
                    A scenario's own reach: queries are checked unless
                    --reach or --property is given (not with --shard)
  --fairness F      fairness of the liveness properties: strong (default:
                    runnable tasks run, lock waiters do not starve), weak
                    (lock starvation allowed) or none
  --family SPEC     also check a generated scenario (repeatable):
                    ${familyForms},
                    named t1t2t3-N-M (Tetsuo Handa's T1/T2/T3, scaled)
  --max-states N, --max-seconds S, --max-memory MIB   limits per search
  --dump dot        also write each search's state graph as Graphviz DOT to
                    OUT/<scenario>/<design>/states.dot: a node per state, an
                    edge per transition (actor: step), the initial state
                    double-bordered, violations filled. At most 10,000
                    states: a bigger search stops there, incomplete, and
                    writes none. Exhaustive strategy only
  --coverage        after the table, per search: how many transitions showed
                    each kind of step event, and ran each op of each task's
                    program; a warning for every op that never ran (a
                    modelling mistake, most likely). Exhaustive strategy only
  --no-symmetry     store every state: by default a search stores one state
                    per orbit of interchangeable tasks (threads of an
                    unkillable process with one program and start, none
                    named by a property: the default no-oom-livelock and
                    victim-always-handled name every task), verdicts and
                    counterexamples unchanged; --symmetry says the
                    default. Exhaustive only
  --quiet           no progress lines on stderr
  --workers N       threads per search (default 1; auto: one per core): the
                    same verdicts, state counts and counterexamples, sooner on
                    big searches; not with --dump or --coverage

Random strategy:
  --strategy S      exhaustive (default) or random: fast-check schedules run on
                    the model, violations caught on the way, then shrunk and
                    minimized; a property with no violation found stays
                    incomplete ("not found in R runs") — it proves nothing
  --runs N          schedules per property (default 1000)
  --depth D         steps per schedule at most (default 200)
  --seed S          fast-check seed (default: from the clock; always printed)
  --path P          with --seed: re-run only the failing schedule (printed
                    with the replay command under the table)
  --time T          seconds per search at most (default: --max-seconds)
  --shard K/N       run the K-th of N disjoint slices of the schedules (run i
                    of the job goes to shard (i mod N) + 1; needs --seed) and
                    write OUT/shard-K-of-N.json for oomcheck merge

A cell reads "holds", "violated N (T)" — a counterexample of N steps,
failing for task T — or "incomplete". A cell marked "!" differs from the
verdict the scenario expects; a scenario's reach: queries and --reach get
one column each, reach[NAME], marked "!" when the answer differs from the
expected one.

Exit code: 0 every verdict holds or is the expected one; 1 a verdict or a
reach answer differs from the expected one; 11 / 12 / 13 an unexpected
deadlock / invariant / liveness violation; 3 a limit stopped a search
(random: a violation was not found, except where the scenario expects the
property to hold), or Ctrl-C did: the table so far is printed; 2 bad input
(each problem on its own line, starting "oomcheck:").`;

/** The stderr note for a scenario whose `reach:` queries a sharded search does not answer. */
function shardSkipsReachNote(scenario: Scenario): string {
  const n = scenario.reach!.length;
  return `oomcheck: note: --shard skips the ${n === 1 ? 'reach: query' : `${n} reach: queries`} of ${scenario.name} (a shard file carries verdicts only); run it without --shard to answer ${n === 1 ? 'it' : 'them'}`;
}

/** Whether two designs have one preset and every knob alike. */
const sameDesign = (a: Design, b: Design): boolean => a.preset === b.preset && JSON.stringify(a.knobs) === JSON.stringify(b.knobs);

/**
 * The designs to check a scenario against: --design, else the scenario's
 * list, else every preset, with --knob applied. Designs that --knob makes
 * alike (`mmf-oom-skip` and `mmf-oom-skip+exitMmap=mmget` under `--knob
 * exitMmap=mmget`) are checked once, the first kept, each dropped one
 * said in a note: both would write into one folder.
 */
function designsFor(scenario: Scenario, chosen: readonly string[], knobs: Record<string, unknown>, note: (line: string) => void): Design[] {
  const base = chosen.length > 0 ? chosen.map((preset) => ({ preset, knobs: {} })) : (scenario.designs ?? presets.map((p) => ({ preset: p.name, knobs: {} })));
  const kept: { design: Design; listed: string }[] = [];
  for (const d of base) {
    const design = resolveDesign(d.preset, { ...(d.knobs ?? {}), ...knobs });
    const listed = resolveDesign(d.preset, d.knobs ?? {}).name;
    const twin = kept.find((k) => sameDesign(k.design, design));
    if (twin === undefined) kept.push({ design, listed });
    else note(`oomcheck: note: ${scenario.name}: with --knob, designs ${twin.listed} and ${listed} are the same design (${twin.design.name}): checked once`);
  }
  return kept.map((k) => k.design);
}

/** One scenario to check, from a file or generated by `--family`, and the designs to check it under. */
interface Job extends JobSource {
  readonly scenario: Scenario;
  readonly designs: Design[];
}

/** How traces and reports name a scenario file: a built-in relative to the package, so they do not depend on where it is installed. */
function recordedName(file: string): string {
  const inPackage = relative(packageRoot(), resolve(file));
  return !inPackage.startsWith('..') && !isAbsolute(inPackage) ? inPackage : file;
}

/** Where a job's scenario comes from, for messages. */
const sourceOf = (job: Pick<Job, 'file' | 'family'>): string => job.file ?? `--family ${job.family}`;

/**
 * Refuses two scenarios of one name: their counterexamples would share
 * `OUT/<scenario>/` and overwrite each other.
 * @throws {UsageError} naming both sources
 */
function sameNames(jobs: readonly Pick<Job, 'scenario' | 'file' | 'family'>[]): void {
  const byName = new Map<string, string>();
  for (const job of jobs) {
    const earlier = byName.get(job.scenario.name);
    if (earlier !== undefined) throw new UsageError(`two scenarios are named "${job.scenario.name}" (${earlier} and ${sourceOf(job)}): their counterexamples would share one folder; rename one`);
    byName.set(job.scenario.name, sourceOf(job));
  }
}

/** Loads the files and generates the families, resolving their designs; bad input becomes a {@link UsageError}. */
function loadJobs(files: readonly string[], families: readonly string[], chosen: readonly string[], knobs: Record<string, unknown>, note: (line: string) => void): Job[] {
  try {
    const jobs = [...files.map((file) => ({ file, recorded: recordedName(file), scenario: loadScenarioFile(file) })), ...families.map((family) => ({ family, scenario: familyScenario(family) }))].map(
      (job) => ({ ...job, designs: designsFor(job.scenario, chosen, knobs, note) }),
    );
    sameNames(jobs);
    return jobs;
  } catch (error) {
    if (error instanceof ScenarioError) throw new UsageError(error.format().split('\n'));
    if (error instanceof DesignError || error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * `oomcheck check`: returns the exit code. Once `io.shouldStop` says so
 * (the executable's SIGINT), the searches stop as at a limit, the table so
 * far is printed and the code is 3 (incomplete).
 */
export function checkCommand(argv: readonly string[], out: (line: string) => void, io: CommandIo): number {
  const { shouldStop } = io;
  const { values, positionals } = parseOptions('check', {
    args: [...argv],
    allowPositionals: true,
    options: {
      ...limitOptionSpecs,
      ...randomOptionSpecs,
      ...shardOptionSpecs,
      ...graphOptionSpecs,
      ...workerOptionSpecs,
      family: { type: 'string', multiple: true },
      design: { type: 'string', multiple: true },
      knob: { type: 'string', multiple: true },
      property: { type: 'string', multiple: true },
      out: { type: 'string' },
      format: { type: 'string' },
      report: { type: 'string', multiple: true },
      fairness: { type: 'string' },
      symmetry: { type: 'boolean' },
      'no-symmetry': { type: 'boolean' },
      reach: { type: 'string', multiple: true },
      quiet: { type: 'boolean' },
    },
  });
  if (values.symmetry && values['no-symmetry']) throw new UsageError('--symmetry and --no-symmetry contradict each other (see oomcheck check --help)');
  const families = [...new Set(values.family ?? [])];
  const files = positionals.length > 0 || families.length > 0 ? scenarioFilesOf(positionals) : builtinScenarioFiles();
  const limits = limitsFrom(values);
  const { strategy, options: unsharded } = randomOptionsFrom(values, limits.maxSeconds);
  const shard = shardFrom(values, strategy, unsharded);
  const randomOptions = shard === undefined ? unsharded : { ...unsharded, shard };
  const graphs = GraphOutputs.from(values, strategy, limits);
  const workers = workersFrom(values);
  // A shard's schedules are already a slice of the job's; splitting them again over threads is not supported yet.
  if (shard !== undefined && workers > 1) throw new UsageError('--shard runs on one thread: give --workers 1 (run more shards instead, one per core)');
  const knobs = knobOverrides(values.knob);
  const outDir = values.out ?? 'oomcheck-out';
  const formats = formatsOption(values.format);
  const reports = reportKinds(values.report ?? []);
  const fairness = values.fairness as Fairness | undefined;
  if (fairness !== undefined && !['none', 'weak', 'strong'].includes(fairness)) {
    throw new UsageError(`--fairness must be none, weak or strong, got "${fairness}"`);
  }
  // Load and resolve everything first, so bad input fails before any search or write.
  const jobs = loadJobs(files, families, values.design ?? [], knobs, io.err);
  // Not silently: such a knob changes nothing where every task has a CPU of its own.
  for (const name of Object.keys(knobs).filter((k) => knobNamed(k)?.onlyWithCpus)) {
    const without = jobs.filter((job) => job.scenario.cpus === undefined).map((job) => job.scenario.name);
    if (without.length > 0)
      io.err(`oomcheck: note: --knob ${name} acts only in a scenario with cpus: ${without.join(', ')} ${without.length === 1 ? 'has' : 'have'} none, so it changes nothing there`);
  }
  for (const ref of values.property ?? []) {
    const { property: base, thread: task } = parsePropertyRef(ref);
    if (!kernelPropertyNamed(base)) throw new UsageError(`unknown property '${ref}'${suggestion(base, propertyNames)} (see oomcheck check --help)`);
    if (task !== undefined && !isPerTaskProperty(base)) throw new UsageError(`property '${ref}': ${base} is not checked per task (per-task: ${perTaskPropertyNames.join(', ')})`);
  }
  // NAME[TASK] applies to the scenarios that have task TASK; it must apply to at least one.
  const taskNames = (scenario: Scenario) => new Set(scenario.processes.flatMap((p) => p.threads.map((t) => t.name)));
  const appliesTo = (ref: string, scenario: Scenario) => {
    const task = parsePropertyRef(ref).thread;
    return task === undefined || taskNames(scenario).has(task);
  };
  for (const ref of values.property ?? []) {
    if (jobs.some((job) => appliesTo(ref, job.scenario))) continue;
    const task = parsePropertyRef(ref).thread!;
    const known = [...new Set(jobs.flatMap((job) => [...taskNames(job.scenario)]))];
    throw new UsageError(`property '${ref}': no scenario checked has a task named '${task}'${suggestion(task, known)}`);
  }
  // --reach asks only its queries, unless --property names properties too.
  const reachGiven = values.reach !== undefined;
  // A shard file carries verdicts, not reach answers: a sharded search answers no reach query.
  if (reachGiven && shard !== undefined) throw new UsageError('--reach cannot be sharded (a shard file carries verdicts only): run the query without --shard');
  const cliQueries: ReachQuery[] | undefined = reachGiven ? reachQueriesOf(values.reach!, jobs) : undefined;
  // Not silently: a scenario's own reach: queries would be answered without --shard (and without --property).
  if (shard !== undefined && values.property === undefined) {
    for (const { scenario } of jobs) if ((scenario.reach ?? []).length > 0) io.err(shardSkipsReachNote(scenario));
  }
  const propertiesFor = (scenario: Scenario) => (reachGiven && values.property === undefined ? [] : values.property?.filter((ref) => appliesTo(ref, scenario)));
  const runs: JobRun[] = [];
  for (const job of jobs) {
    if (values.property !== undefined && propertiesFor(job.scenario)!.length === 0 && !reachGiven) continue;
    for (const design of job.designs) {
      const progress = progressPrinter(io.progress);
      const options = {
        ...(fairness ? { fairness } : {}),
        ...(values.quiet ? {} : { onProgress: progress.listener }),
        ...(shouldStop ? { shouldStop } : {}),
        ...(workers > 1 ? { workers } : {}),
        // A scenario's own reach: queries run when neither --reach nor --property narrows the check.
        // A sharded search answers none (its result file carries verdicts only).
        ...(cliQueries ? { reach: cliQueries } : values.property !== undefined || shard !== undefined ? { reach: [] } : {}),
      };
      const exhaustive = { ...limits, ...options, ...graphs.next(), ...(values['no-symmetry'] ? { symmetry: false } : {}) };
      let run: ScenarioRun;
      try {
        run = checkScenario(job.scenario, design, propertiesFor(job.scenario), strategy === 'random' ? { strategy, ...randomOptions, ...options } : exhaustive);
      } catch (error) {
        // The engine's bound of 32 liveness predicates per search: say which scenario and design ran into it.
        if (error instanceof RangeError && error.message.includes('liveness predicates')) {
          const where = job.family !== undefined ? `--family ${job.family}` : (job.recorded ?? job.scenario.name);
          throw new UsageError(`${where} under ${design.name}: ${error.message} — e.g. one task at a time with --property 'no-oom-livelock[TASK]', or list the properties in the scenario`);
        }
        throw error;
      }
      runs.push({ ...run, job });
      progress.done();
    }
  }
  const randomLines = (run: JobRun): string[] => {
    if (run.strategy !== 'random') return [];
    const source = run.job.family !== undefined ? ['--family', run.job.family] : [run.job.recorded!];
    const args = { source, design: run.design, properties: propertiesFor(run.scenario), fairness, depth: randomOptions.depth };
    return randomReportLines(`${run.scenario.name} under ${run.design.name}`, args, run.report);
  };
  const code = writeRunOutputs(
    runs,
    {
      strategy,
      outDir,
      formats,
      reports,
      propertiesChosen: values.property !== undefined || reachGiven,
      randomLines,
      finishGraphs: (all, runFile) => graphs.finish(all, runFile),
      symmetryOff: values['no-symmetry'] === true || values.dump !== undefined || values.coverage === true,
    },
    out,
  );
  if (shard !== undefined) out(`Shard result: ${writeShardFile(outDir, shardResult(runs, shard, randomOptions, { fairness, properties: values.property }))}.`);
  if (shouldStop?.()) {
    out('Interrupted: the searches stopped early; their cells without a verdict are incomplete.');
    return ExitCode.incomplete;
  }
  return code;
}
