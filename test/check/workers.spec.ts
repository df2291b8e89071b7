import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type * as CheckFront from '../../src/check/index.js';
import type * as WorkerChecks from '../../src/check/workerChecks.js';
import type * as EngineFront from '../../src/engine/index.js';
import type * as KernelFront from '../../src/kernel/index.js';

/**
 * Worker threads run the compiled package (node cannot load the .ts
 * sources), so these tests build it and use it: the code under test is
 * the same, compiled. No timing: whichever thread computes a batch, the
 * results must be the one-thread results, figure for figure.
 */
let check: typeof CheckFront;
let engine: typeof EngineFront;
let kernel: typeof KernelFront;
let sources: typeof WorkerChecks;

const dist = (path: string) => new URL(`../../dist/src/${path}`, import.meta.url).href;

/** Newest modification time (ms) of the files under `dir`. */
function newest(dir: string): number {
  return Math.max(0, ...readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => statSync(join(dir, f)).mtimeMs));
}

beforeAll(async () => {
  // Build unless dist/ is newer than every source (another spec may have just built it: one build less on a busy machine).
  const root = join(import.meta.dirname, '..', '..');
  const built = existsSync(join(root, 'dist/src/index.js')) ? statSync(join(root, 'dist/src/index.js')).mtimeMs : 0;
  if (built < Math.max(newest(join(root, 'src')), newest(join(root, 'properties')), statSync(join(root, 'tsconfig.json')).mtimeMs)) {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json']);
  }
  check = await import(/* @vite-ignore */ dist('check/index.js'));
  engine = await import(/* @vite-ignore */ dist('engine/index.js'));
  kernel = await import(/* @vite-ignore */ dist('kernel/index.js'));
  sources = await import(/* @vite-ignore */ dist('check/workerChecks.js'));
});

const scenarioFile = (name: string) => join(import.meta.dirname, '..', '..', 'scenarios', `${name}.yaml`);

/** What must not depend on the threads: every stat but time and memory, and the verdicts with their counterexamples. */
function figures(run: CheckFront.ExhaustiveRun) {
  const { states, transitions, depth, expanded, collisionProbability, stopReason } = run.stats;
  return { stats: { states, transitions, depth, expanded, collisionProbability, stopReason }, verdicts: run.verdicts };
}

/** The engine search of `scenario` under `design` with every successor computed by `workers` worker threads (the caller only merges). */
function workersOnly(scenario: KernelFront.Scenario, design: KernelFront.Design, workers: number, limits: EngineFront.Limits = {}) {
  const { model, unique } = check.buildChecks(scenario, design);
  const source = sources.scenarioModelSource({ scenario, design });
  return engine.check(model, unique, { ...limits, parallel: { workers, source, ownerHelps: false } });
}

describe('exhaustive search on worker threads: the one-thread results, state for state', () => {
  test.each(['tetsuo-t1-t2-t3', 'victim-blocked-on-lock', 'memcg-reaped-current'])(
    '%s: every design with workers: 2, the first two with 2 worker threads doing every expansion: the same stats, verdicts and traces',
    (name) => {
      const scenario = kernel.loadScenarioFile(scenarioFile(name));
      for (const [d, design] of (scenario.designs ?? []).map((d) => kernel.resolveDesign(d.preset, d.knobs ?? {})).entries()) {
        const one = check.checkScenario(scenario, design);
        const two = check.checkScenario(scenario, design, undefined, { workers: 2 });
        expect(figures(two)).toEqual(figures(one));
        if (d >= 2) continue;
        const { results, stats } = workersOnly(scenario, design, 2);
        expect([stats.states, stats.transitions, stats.depth]).toEqual([one.stats.states, one.stats.transitions, one.stats.depth]);
        expect(check.verdictsOf(check.buildChecks(scenario, design).checks, results)).toEqual(one.verdicts);
      }
    },
  );

  test('the family t1t2t3:5:2 under reaper-slot: 5 threads, and 1 worker thread doing every expansion', () => {
    const scenario = kernel.familyScenario('t1t2t3:5:2');
    const design = kernel.resolveDesign('reaper-slot');
    const one = check.checkScenario(scenario, design);
    const five = check.checkScenario(scenario, design, undefined, { workers: 5 });
    expect(figures(five)).toEqual(figures(one));
    expect([one.stats.states, one.stats.transitions]).toEqual([7761, 29369]);
    expect(one.verdicts.map((v) => [v.property, v.verdict, v.counterexample?.steps.length])).toEqual([
      ['no-oom-livelock', 'violated', 16],
      ['no-oom-livelock[H1]', 'violated', 16],
      ['no-oom-livelock[H2]', 'violated', 16],
    ]);
    const { results, stats } = workersOnly(scenario, design, 1);
    expect([stats.states, stats.transitions, stats.depth]).toEqual([7761, 29369, one.stats.depth]);
    expect(check.verdictsOf(check.buildChecks(scenario, design).checks, results)).toEqual(one.verdicts);
  });

  test('a state limit stops at the same state: t1t2t3:5:2 with --max-states 5000, workers only', () => {
    const scenario = kernel.familyScenario('t1t2t3:5:2');
    const design = kernel.resolveDesign('reaper-slot');
    const one = check.checkScenario(scenario, design, undefined, { maxStates: 5000 });
    const { results, stats } = workersOnly(scenario, design, 2, { maxStates: 5000 });
    expect(one.stats.stopReason).toBe('maxStates');
    expect([stats.states, stats.transitions, stats.expanded, stats.stopReason]).toEqual([one.stats.states, one.stats.transitions, one.stats.expanded, 'maxStates']);
    expect(check.verdictsOf(check.buildChecks(scenario, design).checks, results)).toEqual(one.verdicts);
  });

  test('safety only, stopped once every property failed: the same states as one thread', () => {
    const scenario = kernel.loadScenarioFile(scenarioFile('memcg-userspace-handler'));
    const design = kernel.resolveDesign('memcg-charge-context');
    const one = check.checkScenario(scenario, design, ['no-deadlock']);
    const { results, stats } = engine.check(check.buildChecks(scenario, design, ['no-deadlock']).model, check.buildChecks(scenario, design, ['no-deadlock']).unique, {
      parallel: { workers: 2, source: sources.scenarioModelSource({ scenario, design, propertyNames: ['no-deadlock'] }), ownerHelps: false },
    });
    expect(one.verdicts.map((v) => v.verdict)).toEqual(['violated']);
    expect(stats.states).toBe(one.stats.states);
    expect(results[0].verdict === 'violated' && results[0].counterexample).toEqual(one.verdicts[0].counterexample);
  });

  test('a worker that cannot load its model source: a clear error, not a hang', () => {
    const scenario = kernel.loadScenarioFile(scenarioFile('tetsuo-t1-t2-t3'));
    const design = kernel.resolveDesign('reaper-slot');
    const { model, unique } = check.buildChecks(scenario, design);
    const source = { module: dist('check/noSuchModule.js'), factory: 'x', data: {} };
    expect(() => engine.check(model, unique, { parallel: { workers: 1, source, ownerHelps: false } })).toThrow(/a worker thread failed: .*noSuchModule/);
  });
});

describe('random search on several threads: the one-thread result for the same seed', () => {
  const strip = (run: CheckFront.RandomRun) => ({ report: { ...run.report, seconds: 0 }, verdicts: run.verdicts });

  test.each([
    ['tetsuo-t1-t2-t3', 'reaper-slot', 3],
    ['memcg-write-truncate', 'memcg-charge-context', 5],
  ])('%s under %s, seed %i: 2 threads', (name, preset, seed) => {
    const scenario = kernel.loadScenarioFile(scenarioFile(name));
    const design = kernel.resolveDesign(preset);
    const options = { strategy: 'random', seed, runs: 200, depth: 60 } as const;
    const one = check.checkScenario(scenario, design, undefined, options);
    expect(strip(check.checkScenario(scenario, design, undefined, { ...options, workers: 2 }))).toEqual(strip(one));
  });

  // Schedule 1 of H1's stream is thread 1's share: the counterexample comes from a worker thread.
  test("the family t1t2t3:6:3, 3 threads: a property whose first failing schedule is a worker's, and one that never fails", () => {
    const scenario = kernel.familyScenario('t1t2t3:6:3');
    const design = kernel.resolveDesign('reaper-slot');
    const options = { strategy: 'random', seed: 42, runs: 120, depth: 80 } as const;
    const properties = ['no-oom-livelock[H1]', 'no-panic'];
    const one = check.checkScenario(scenario, design, properties, options);
    const three = check.checkScenario(scenario, design, properties, { ...options, workers: 3 });
    expect(strip(three)).toEqual(strip(one));
    expect([one.report.runs, one.report.runsToFailure, one.report.lengths]).toEqual([122, 2, { found: 23, shrunk: 20, minimized: 20 }]);
    expect(one.verdicts.map((v) => [v.property, v.verdict, v.counterexample?.steps.length, v.runs])).toEqual([
      ['no-oom-livelock[H1]', 'violated', 20, undefined],
      ['no-panic', 'incomplete', undefined, 120],
    ]);
  });
});

describe('oomcheck check --workers 2', () => {
  /** Exit code, stdout without the seconds column, and the counterexample files of `check` with `args`. */
  function checkOutput(args: readonly string[]) {
    const out = mkdtempSync(join(tmpdir(), 'oomcheck-workers-'));
    const child = spawnSync(process.execPath, ['dist/src/cli/main.js', 'check', ...args, '--quiet', '--out', out], { encoding: 'utf8' });
    const stdout = child.stdout.replace(/ +\d+\.\d\d +/g, ' S ').replaceAll(out, 'OUT');
    const files = readdirSync(out, { recursive: true, encoding: 'utf8' }).sort();
    return { code: child.status, stdout, stderr: child.stderr, files: Object.fromEntries(files.filter((f) => f.endsWith('.json')).map((f) => [f, readFileSync(join(out, f), 'utf8')])) };
  }

  test('the family t1t2t3:5:2: the table and every counterexample file as with one thread', () => {
    const args = ['--family', 't1t2t3:5:2', '--design', 'reaper-slot', '--format', 'json'];
    const one = checkOutput(args);
    expect(checkOutput([...args, '--workers', '2'])).toEqual(one);
    expect([one.code, one.stderr, Object.keys(one.files).length]).toEqual([13, '', 3]);
    expect(one.stdout).toContain('1 search, 7761 distinct states in all; 3 counterexamples written under OUT/.');
  });
});
