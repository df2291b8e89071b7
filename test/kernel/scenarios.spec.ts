import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { builtinScenarioFiles } from '../../src/kernel/builtins.js';
import { checkScenario } from '../../src/check/index.js';
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
  test('first reaper, exit_mm() without mmap_sem (his reading): H livelocks in 19 steps while T2 holds TIF_MEMDIE the reaper gave up on', () => {
    const run = checkScenario(tetsuo(), resolveDesign('reaper-slot', { exitTakesMmapSem: false }), ['no-oom-livelock[H]']);
    expect(run.stats.states).toBe(845);
    const [verdict] = run.verdicts;
    expect(verdict.verdict).toBe('violated');
    const trace = verdict.counterexample!;
    expect(trace.steps.length).toBe(19);
    // In the cycle: H loops in the allocator, T2 (TIF_MEMDIE) sleeps in mutex_lock(), the reaper is idle — the chain is disconnected.
    const looping = trace.steps.slice(trace.loopStart);
    expect(looping.every((s) => s.state.tasks[3].alloc !== 0 && s.state.tasks[1].memdie && s.state.reaper.current === -1)).toBe(true);
    // The shortest route: the reaper gives up on T2 while T3 holds mmap_sem for write — his "if the OOM
    // reaper failed to reap that process's memory, task_to_reap becomes NULL when T2 already got TIF_MEMDIE".
    expect(trace.steps.map((s) => `${s.actor}: ${s.action}`)).toContain('oom_reaper: oom_reap_task(T2): down_read_trylock(&victim->mm->mmap_sem) fails (attempt 2/2): gives up');
  });

  test('first reaper, exit_mm() under mmap_sem, T1 not yet exiting when chosen (his story): no livelock — 470 states, exhaustive', () => {
    const run = checkScenario(tetsuo(), resolveDesign('reaper-slot', { killExitingShortcut: 'none' }), ['no-oom-livelock', 'no-oom-livelock[H]']);
    expect(run.stats.states).toBe(470);
    expect(run.verdicts.map((v) => v.verdict)).toEqual(['holds', 'holds']);
  });

  test('first reaper as in <=4.6, T1 already inside do_exit() when chosen: only marked, T3 never killed — a 12-step livelock', () => {
    const run = checkScenario(tetsuo(), resolveDesign('reaper-slot'), ['no-oom-livelock', 'victim-always-handled']);
    expect(run.stats.states).toBe(481);
    expect(run.verdicts.map((v) => [v.verdict, v.counterexample?.steps.length, v.counterexample?.loopStart])).toEqual([
      ['violated', 12, 6],
      ['violated', 12, 6],
    ]);
    expect(run.verdicts[0].counterexample!.steps.map((st) => st.action)).toContain(
      'out_of_memory(); select_bad_process() picks victim (8 points); T1 is already exiting: mark_oom_victim(T1) only, no SIGKILL, no reaper; mutex_unlock(&oom_lock)',
    );
  });

  test('4.9 (MMF_OOM_SKIP) has no livelock under either reading: 7418 and 11396 states', () => {
    for (const [knobs, states] of [
      [{}, 7418],
      [{ exitTakesMmapSem: false }, 11396],
    ] as const) {
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

  test('4.7 (MMF_OOM_REAPED) never livelocks H: whole-group exit rule, and the reaper sleeps outlast T3', () => expectHolds(file, 'no-oom-livelock[H]', { design: 'mmf-oom-reaped' }));

  test('with the reaper free to retry at any moment, 4.7 shows the timing artefact the knob rules out', () => {
    expect(expectViolates(file, 'no-oom-livelock', { design: 'mmf-oom-reaped', knobs: { reaperSleepOutlastsTaskStep: false } }).loopStart).toBeDefined();
  });

  test('the first merged queue livelocks in 12 steps, and a random search finds it with seed 1', () => {
    expect(expectViolates(file, 'no-oom-livelock[H]', { design: 'reaper-queue' }).steps.length).toBe(12);
    expect(expectViolates(file, 'no-oom-livelock[H]', { design: 'reaper-queue', strategy: 'random', seed: 1 }).loopStart).toBeDefined();
  });

  test('a random search on 4.9 finds nothing to report (it holds)', () => expectHolds(file, 'no-oom-livelock', { design: 'mmf-oom-skip', strategy: 'random', seed: 1, runs: 200 }));

  test('a failing expectHolds names a JSON trace that exists and replays', () => {
    let message = '';
    try {
      expectHolds(file, 'no-oom-livelock[H]', { design: 'reaper-queue' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')[0]).toBe('expectHolds: no-oom-livelock[H] in scenario tetsuo-t1-t2-t3 under reaper-queue (exhaustive, 609 states) is violated as no-oom-livelock[H] in 12 steps:');
    const replay = /- \*\*Replay:\*\* `oomcheck replay (\S+)`$/m.exec(message)?.[1];
    expect(replay).toMatch(/oomcheck-expect-[^/]+\/no-oom-livelock_H_\.json$/);
    expect(runCli(['replay', replay!], () => {})).toBe(13);
  });
});

/**
 * Every exported file of the built-in scenarios under `dir` (all formats),
 * relative path → content. Folders of other scenarios — a user's own runs
 * with the default --out — are not the main job's, and are left out.
 */
function tree(dir: string): Record<string, string> {
  const builtins = new Set(builtinScenarioFiles().map((f) => loadScenarioFile(f).name));
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const rel = relative(dir, path);
      if (!builtins.has(rel.split(sep)[0])) continue;
      if (statSync(path).isDirectory()) walk(path);
      else out[rel] = readFileSync(path, 'utf8');
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
    expect(lines.join('\n')).toContain('116 searches, 167269 distinct states in all; 124 counterexamples and 25 witnesses written');
    expect(tree(out)).toEqual(tree('counterexamples'));
  });
});
