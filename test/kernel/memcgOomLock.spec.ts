import { describe, expect, test } from 'vitest';
import { checkScenario } from '../../src/check/index.js';
import { alloc, scenario } from '../../src/kernel/builder.js';
import { resolveDesign } from '../../src/kernel/design/design.js';
import { kernelModel } from '../../src/kernel/model.js';
import type { Scenario } from '../../src/kernel/scenario.js';
import { AllocStage, type KernelState } from '../../src/kernel/state.js';
import { loadScenarioFile } from '../../src/kernel/load/loadScenario.js';
import { shortestPathToLabel } from './shortestPath.js';

/**
 * `memcgOomLock` (29ef680ae7c2, 4.19): the memcg OOM in the charge path
 * waits for the global oom_lock and then kills, instead of the group's
 * trylock and memcg_oom_waitq; from 5.1 the wait is killable
 * (7775face2079). On seed 001's scenario: two faulting threads of the
 * only killable process of a full group.
 */
const reapedCurrent = () => loadScenarioFile('scenarios/memcg-reaped-current.yaml');
/** Three faulting chargers of a full group, two of them threads of one process: one kills that process while another waits for oom_lock, and a third takes it next. */
const threeChargers = () =>
  scenario('three-chargers')
    .describe('two threads of app and one of other fault in a full memcg')
    .memcg('A', { limit: 8, maxOvercharge: 2 })
    .memory({ free: 16, reserves: 2 })
    .process('app', { pages: 4, memcg: 'A' }, (p) => p.thread('A1', [alloc(1, { context: 'user-fault' })]).thread('A2', [alloc(1, { context: 'user-fault' })]))
    .process('other', { pages: 4, memcg: 'A' }, (p) => p.thread('B', [alloc(1, { context: 'user-fault' })]))
    .build();
/** The labels of the steps enabled after following `path` (labels `actor: step`) from the initial state under `preset`. */
function enabledAfter(sc: Scenario, preset: string, path: readonly string[]): string[] {
  const model = kernelModel(sc, resolveDesign(preset));
  const labels = (st: KernelState) => {
    const enabled: number[] = [];
    model.actions(st, enabled);
    return enabled.map((a) => [a, `${model.actorNames[a]}: ${model.label(st, a)}`] as const);
  };
  let state = model.initialStates()[0];
  for (const want of path) {
    const found = labels(state).find(([, l]) => l === want);
    if (found === undefined)
      throw new Error(
        `no step '${want}' among ${labels(state)
          .map(([, l]) => l)
          .join(' | ')}`,
      );
    state = model.nextState(state, found[0]);
  }
  return labels(state).map(([, l]) => l);
}

const properties = ['no-deadlock', 'no-oom-livelock', 'victim-always-handled', 'no-spurious-enomem', 'bounded-overcharge', 'no-kill-after-race', 'no-needless-kill'];

describe('the memcg OOM serialized on oom_lock (memcgOomLock)', () => {
  test('state counts and verdicts: memcg trylock 408 states, oom_lock 382; linux-4.19 470/444 (exit_mmap() in stages), killable 240 (linux-5.4); every property holds', () => {
    const runs = [
      ['memcg-charge-path', {}],
      ['memcg-charge-path', { memcgOomLock: 'oom-lock' }],
      ['linux-4.19', { memcgOomLock: 'memcg-trylock' }],
      ['linux-4.19', {}],
      ['linux-5.4', {}],
    ] as const;
    const results = runs.map(([preset, knobs]) => {
      const run = checkScenario(reapedCurrent(), resolveDesign(preset, knobs), properties);
      return [run.stats.states, run.verdicts.every((v) => v.verdict === 'holds')];
    });
    expect(results).toEqual([
      [408, true],
      [382, true],
      [470, true],
      [444, true],
      [240, true],
    ]);
  });

  test('under linux-4.19 nobody sleeps on memcg_oom_waitq; the second charger waits for oom_lock and goes on into the OOM killer', () => {
    expect(shortestPathToLabel(reapedCurrent(), 'memcg-charge-path', /sleeps on memcg_oom_waitq/)?.path).toEqual([
      'A1: page fault: down_read(&app->mm->mmap_sem)',
      'A1: try_charge(1 page): over the limit of memcg A (usage 8/8): mem_cgroup_oom()',
      'A1: mem_cgroup_oom(): mem_cgroup_oom_trylock(A) ok',
      'A2: page fault: down_read(&app->mm->mmap_sem)',
      'A2: try_charge(1 page): over the limit of memcg A (usage 8/8): mem_cgroup_oom()',
      'A2: mem_cgroup_oom(): A1 handles the OOM: sleeps on memcg_oom_waitq',
    ]);
    expect(shortestPathToLabel(reapedCurrent(), 'linux-4.19', /memcg_oom_waitq/)).toBeUndefined();
    // B over the limit while A1 holds oom_lock: B has no step until A1 is done; then it goes straight into the OOM killer.
    const path = [
      'A1: page fault: down_read(&app->mm->mmap_sem)',
      'A1: try_charge(1 page): over the limit of memcg A (usage 8/8): mem_cgroup_oom()',
      'A1: mem_cgroup_oom(): mem_cgroup_out_of_memory(): mutex_lock(&oom_lock) ok',
      'B: page fault: down_read(&other->mm->mmap_sem)',
      'B: try_charge(1 page): over the limit of memcg A (usage 8/8): mem_cgroup_oom()',
    ];
    expect(enabledAfter(threeChargers(), 'linux-4.19', path).filter((l) => l.startsWith('B:'))).toEqual([]);
    const killed = [
      ...path,
      'A1: mem_cgroup_out_of_memory(); select_bad_process() picks app (4 points); SIGKILL to app; mark_oom_victim(A1); wake_oom_reaper(A1): pushed on oom_reaper_list; mutex_unlock(&oom_lock)',
    ];
    expect(enabledAfter(threeChargers(), 'linux-4.19', killed).filter((l) => l.startsWith('B:'))).toEqual(['B: mem_cgroup_oom(): mem_cgroup_out_of_memory(): mutex_lock(&oom_lock) ok']);
    // Under the memcg trylock B would have slept on memcg_oom_waitq, and retries its charge once woken.
  });

  test('under linux-5.4 a charger killed while it waits gives up mutex_lock_killable(&oom_lock) and forces its charge', () => {
    const path = shortestPathToLabel(threeChargers(), 'linux-5.4', /mutex_lock_killable\(&oom_lock\) fails/);
    expect(path?.path).toEqual([
      'A1: page fault: down_read(&app->mm->mmap_sem)',
      'A1: try_charge(1 page): over the limit of memcg A (usage 8/8): mem_cgroup_oom()',
      'B: page fault: down_read(&other->mm->mmap_sem)',
      'B: try_charge(1 page): over the limit of memcg A (usage 8/8): mem_cgroup_oom()',
      'B: mem_cgroup_oom(): mem_cgroup_out_of_memory(): mutex_lock_killable(&oom_lock) ok',
      'B: mem_cgroup_out_of_memory(); select_bad_process() picks app (4 points); SIGKILL to app; mark_oom_victim(A1); wake_oom_reaper(A1): pushed on oom_reaper_list; mutex_unlock(&oom_lock)',
      'B: retry try_charge(1 page): over the limit of memcg A (usage 8/8): mem_cgroup_oom()',
      'B: mem_cgroup_oom(): mem_cgroup_out_of_memory(): mutex_lock_killable(&oom_lock) ok',
      'A1: mem_cgroup_out_of_memory(): mutex_lock_killable(&oom_lock) fails: SIGKILL pending, nobody killed',
    ]);
    // Its retried charge is forced: it is dying.
    expect(path?.after.tasks[0].alloc).toBe(AllocStage.ChargeRetry);
    expect(shortestPathToLabel(threeChargers(), 'linux-4.19', /mutex_lock_killable/)).toBeUndefined();
    const runs = ['memcg-charge-path', 'linux-4.19', 'linux-5.4'].map((preset) => {
      const run = checkScenario(threeChargers(), resolveDesign(preset), properties);
      return [preset, run.stats.states, ...run.verdicts.map((v) => `${v.verdict}${v.counterexample ? ` ${v.counterexample.steps.length}` : ''}`)];
    });
    // The oom_lock changes the state space, not the verdicts: in the model out_of_memory() is one step, so a
    // charger that slept on memcg_oom_waitq and retried has the same window as one that waited for oom_lock.
    // (linux-4.19 and 5.4 take one step more: their victim's exit_mmap() runs in stages, 27ae357fa82b.)
    const verdicts = (race: number) => ['holds', 'holds', 'holds', 'holds', 'holds', `violated ${race}`, 'violated 9'];
    expect(runs).toEqual([
      ['memcg-charge-path', 13595, ...verdicts(11)],
      ['linux-4.19', 16489, ...verdicts(12)],
      ['linux-5.4', 4358, ...verdicts(12)],
    ]);
  });
});
