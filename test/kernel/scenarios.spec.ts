import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { builtinScenarioFiles } from '../../src/kernel/builtins.js';
import { checkScenario } from '../../src/kernel/checkScenario.js';
import { resolveDesign } from '../../src/kernel/design/design.js';
import { loadScenarioFile } from '../../src/kernel/load/loadScenario.js';
import { expectHolds, expectViolates } from '../../src/testing/expect.js';

const tetsuo = () => loadScenarioFile('scenarios/tetsuo-t1-t2-t3.yaml');

describe('built-in scenarios: verdicts come from exploration and match the recorded expectations', () => {
  for (const file of builtinScenarioFiles()) {
    const scenario = loadScenarioFile(file);
    for (const choice of scenario.designs ?? []) {
      const design = resolveDesign(choice.preset, choice.knobs ?? {});
      test(`${scenario.name} under ${design.name}`, () => {
        const run = checkScenario(scenario, design);
        expect(Object.fromEntries(run.verdicts.map((v) => [v.property, v.verdict]))).toEqual(scenario.expect?.[design.name]);
      });
    }
  }
});

describe("Tetsuo Handa's T1/T2/T3 claim (seed 002)", () => {
  test('first reaper, exit_mm() without mmap_sem (his reading): H livelocks in 17 steps while T2 holds TIF_MEMDIE the reaper gave up on', () => {
    const run = checkScenario(tetsuo(), resolveDesign('reaper-slot', { exitTakesMmapSem: false }), ['no-oom-livelock[H]']);
    expect(run.stats.states).toBe(507);
    const [verdict] = run.verdicts;
    expect(verdict.verdict).toBe('violated');
    const trace = verdict.counterexample!;
    expect(trace.steps.length).toBe(17);
    // In the cycle: H loops in the allocator, T2 (TIF_MEMDIE) sleeps in mutex_lock(), the reaper is idle — the chain is disconnected.
    const looping = trace.steps.slice(trace.loopStart);
    expect(looping.every((s) => s.state.tasks[3].alloc !== 0 && s.state.tasks[1].memdie && s.state.reaper.current === -1)).toBe(true);
    // The shortest route: the reaper gives up on T2 while T3 holds mmap_sem for write — his "if the OOM
    // reaper failed to reap that process's memory, task_to_reap becomes NULL when T2 already got TIF_MEMDIE".
    expect(trace.steps.map((s) => `${s.actor}: ${s.action}`)).toContain(
      'oom_reaper: oom_reap_task(T2): down_read_trylock(&victim->mm->mmap_sem) fails (attempt 2/2): gives up',
    );
  });

  test('first reaper, exit_mm() under mmap_sem (the kernel): the livelock cannot happen — 217 states, exhaustive, strong fairness', () => {
    const run = checkScenario(tetsuo(), resolveDesign('reaper-slot'), ['no-oom-livelock', 'victim-always-handled']);
    expect(run.stats.states).toBe(217);
    expect(run.verdicts.map((v) => v.verdict)).toEqual(['holds', 'holds']);
  });

  test('4.9 (MMF_OOM_SKIP) has no livelock under either reading: 2798 and 5844 states', () => {
    for (const [knobs, states] of [[{}, 2798], [{ exitTakesMmapSem: false }, 5844]] as const) {
      const run = checkScenario(tetsuo(), resolveDesign('mmf-oom-skip', knobs), ['no-oom-livelock']);
      expect([run.stats.states, run.verdicts[0].verdict]).toEqual([states, 'holds']);
    }
  });

  test('under weak fairness a task may lose the oom_lock race forever: T3 livelocks even under 4.9', () => {
    const trace = expectViolates(tetsuo(), 'no-oom-livelock', { design: 'mmf-oom-skip', fairness: 'weak' });
    expect(trace.loopStart).toBeDefined();
  });
});

describe('T1/T2/T3 through the test helpers (expectHolds / expectViolates)', () => {
  const file = 'scenarios/tetsuo-t1-t2-t3.yaml';

  test('4.9 never livelocks on T1/T2/T3', () => expectHolds(file, 'no-oom-livelock', { design: 'mmf-oom-skip' }));

  test("Tetsuo's timeout never livelocks either, under his reading", () => expectHolds(file, 'no-oom-livelock[H]', { design: 'tetsuo-timeout', knobs: { exitTakesMmapSem: false } }));

  test('4.7 (MMF_OOM_REAPED) livelocks H in 14 steps', () => {
    expect(expectViolates(file, 'no-oom-livelock[H]', { design: 'mmf-oom-reaped' }).steps.length).toBe(14);
  });

  test('the first merged queue livelocks in 21 steps, and a random search finds it with seed 1', () => {
    expect(expectViolates(file, 'no-oom-livelock[H]', { design: 'reaper-queue' }).steps.length).toBe(21);
    expect(expectViolates(file, 'no-oom-livelock[H]', { design: 'reaper-queue', strategy: 'random', seed: 1 }).loopStart).toBeDefined();
  });

  test('a random search on the first reaper finds nothing to report (it holds)', () => expectHolds(file, 'no-oom-livelock', { design: 'reaper-slot', strategy: 'random', seed: 1, runs: 200 }));
});

/** Every exported file under `dir` (all formats), relative path → content. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name !== 'README.md') out[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return out;
}

describe('the main job', () => {
  test('oomcheck check: every built-in verdict as expected (exit 0), and the committed counterexamples are current', () => {
    const out = mkdtempSync(join(tmpdir(), 'oomcheck-cx-'));
    const lines: string[] = [];
    expect(runCli(['check', '--quiet', '--out', out], (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toContain('28 searches, 26818 distinct states in all; 50 counterexamples written');
    expect(tree(out)).toEqual(tree('counterexamples'));
  });
});
