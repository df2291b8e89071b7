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
/** The labels of the steps enabled after following `path` (labels `actor: step`) from the initial state under `preset` (with `knobs`). */
function enabledAfter(sc: Scenario, preset: string, path: readonly string[], knobs: Readonly<Record<string, unknown>> = {}): string[] {
  const model = kernelModel(sc, resolveDesign(preset, knobs));
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
    // app and other tie at 4 points: 5.3 on, select_bad_process() takes the later one, other (selectTieBreak: last).
    expect(path?.path).toEqual([
      'A1: page fault: down_read(&app->mm->mmap_sem)',
      'A1: try_charge(1 page): over the limit of memcg A (usage 8/8): mem_cgroup_oom()',
      'A1: mem_cgroup_oom(): mem_cgroup_out_of_memory(): mutex_lock_killable(&oom_lock) ok',
      'B: page fault: down_read(&other->mm->mmap_sem)',
      'B: try_charge(1 page): over the limit of memcg A (usage 8/8): mem_cgroup_oom()',
      'A1: mem_cgroup_out_of_memory(); select_bad_process() picks other (4 points); SIGKILL to other; mark_oom_victim(B); wake_oom_reaper(B): pushed on oom_reaper_list; mutex_unlock(&oom_lock)',
      'A1: retry try_charge(1 page): over the limit of memcg A (usage 8/8): mem_cgroup_oom()',
      'A1: mem_cgroup_oom(): mem_cgroup_out_of_memory(): mutex_lock_killable(&oom_lock) ok',
      'B: mem_cgroup_out_of_memory(): mutex_lock_killable(&oom_lock) fails: SIGKILL pending, nobody killed',
    ]);
    // Its retried charge is forced: it is dying.
    expect(path?.after.tasks[2].alloc).toBe(AllocStage.ChargeRetry);
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
      // 5.4 kills the later of app and other on their tie (selectTieBreak: last): other's single thread, so the race is shorter.
      ['linux-5.4', 7775, ...verdicts(10)],
    ]);
  });
});

/** A faulting charger of a full group, and G outside any group allocating with too little free memory: the two OOM killers meet on oom_lock. */
const memcgAndGlobal = () =>
  scenario('memcg-and-global')
    .describe('app faults in a full memcg A while G, in no group, runs out of memory')
    .memcg('A', { limit: 4 })
    .memory({ free: 1, reserves: 1 })
    .process('app', { pages: 4, memcg: 'A' }, (p) => p.thread('A1', [alloc(1, { context: 'user-fault' })]))
    .process('g', { pages: 3 }, (p) => p.thread('G', [alloc(2)]))
    .build();

describe('4.2-4.18: the memcg trylock winner waits for oom_lock (memcgOomLock: memcg-trylock+oom-lock, dc56401fc9f2)', () => {
  const slowpath = 'G: alloc(2): get_page_from_freelist() fails: __alloc_pages_slowpath()';
  const toTrylock = [
    'A1: page fault: down_read(&app->mm->mmap_sem)',
    'A1: try_charge(1 page): over the limit of memcg A (usage 4/4): mem_cgroup_oom()',
    'A1: mem_cgroup_oom(): current->memcg_in_oom = A; the fault unwinds with VM_FAULT_OOM: up_read(&app->mm->mmap_sem)',
    'A1: pagefault_out_of_memory(): mem_cgroup_oom_synchronize(): mem_cgroup_oom_trylock(A) ok',
  ];
  const kill =
    'A1: mem_cgroup_out_of_memory(); select_bad_process() picks app (4 points); SIGKILL to app; mark_oom_victim(A1); wake_oom_reaper(A1): pushed on oom_reaper_list; mutex_unlock(&oom_lock), mem_cgroup_oom_unlock()';

  test('under linux-4.14 the deferred memcg OOM holds oom_lock while it kills: G waits for it; and A1 waits while G holds it', () => {
    const locked = [...toTrylock, 'A1: mem_cgroup_out_of_memory(): mutex_lock(&oom_lock) ok, holding the OOM lock of memcg A'];
    expect(shortestPathToLabel(memcgAndGlobal(), 'linux-4.14', /mutex_lock\(&oom_lock\) ok, holding/)?.path).toEqual(locked);
    // G in the slow path while A1 holds oom_lock: its mutex_trylock(&oom_lock) cannot succeed, so G has no step; only A1 kills.
    expect(enabledAfter(memcgAndGlobal(), 'linux-4.14', [...locked, slowpath])).toEqual([kill]);
    // G took oom_lock first: A1, its memcg's OOM lock held, sleeps in mutex_lock(&oom_lock).
    expect(enabledAfter(memcgAndGlobal(), 'linux-4.14', [slowpath, 'G: no memory: mutex_trylock(&oom_lock) ok', ...toTrylock])).toEqual([
      'G: get_page_from_freelist(ALLOC_WMARK_HIGH) fails under oom_lock',
    ]);
    // Without the global lock (memcgOomLock: memcg-trylock) A1 kills at once and G's trylock succeeds meanwhile.
    expect(enabledAfter(memcgAndGlobal(), 'linux-4.14', [...toTrylock, slowpath], { memcgOomLock: 'memcg-trylock' }).map((l) => l.split(';')[0])).toEqual([
      'A1: mem_cgroup_out_of_memory()',
      'G: no memory: mutex_trylock(&oom_lock) ok',
    ]);
  });

  test('under linux-4.14 the oom_reaper, about to reap a global victim, waits for oom_lock held by the memcg OOM killer', () => {
    const sc = scenario('memcg-killer-and-reaper')
      .describe('G kills its own big process; then app faults in a full memcg A')
      .memcg('A', { limit: 4 })
      .memory({ free: 1, reserves: 1 })
      .process('app', { pages: 4, memcg: 'A' }, (p) => p.thread('A1', [alloc(1, { context: 'user-fault' })]))
      .process('big', { pages: 6 }, (p) => p.thread('G', [alloc(2)]))
      .build();
    const reaping = [
      slowpath,
      'G: no memory: mutex_trylock(&oom_lock) ok',
      'G: get_page_from_freelist(ALLOC_WMARK_HIGH) fails under oom_lock',
      'G: out_of_memory(); select_bad_process() picks big (6 points); SIGKILL to big; mark_oom_victim(G); wake_oom_reaper(G): pushed on oom_reaper_list; mutex_unlock(&oom_lock)',
      'oom_reaper: takes G off the head of oom_reaper_list',
      ...toTrylock,
    ];
    const reaper = (path: readonly string[], knobs = {}) => enabledAfter(sc, 'linux-4.14', path, knobs).filter((l) => l.startsWith('oom_reaper:'));
    const mutex = 'A1: mem_cgroup_out_of_memory(): mutex_lock(&oom_lock) ok, holding the OOM lock of memcg A';
    // Before A1 takes oom_lock the reaper may go on; while A1 holds it, the reaper has no step (reaperTakesOomLock, 4.7-4.18).
    const reap = 'oom_reap_task(G): down_read_trylock(&big->mm->mmap_sem) ok, reaps 6 pages, MMF_OOM_SKIP set';
    expect(reaper(reaping)).toEqual([`oom_reaper: mutex_lock(&oom_lock); ${reap}`]);
    expect(reaper([...reaping, mutex])).toEqual([]);
    expect(reaper([...reaping, mutex], { reaperTakesOomLock: false })).toEqual([`oom_reaper: ${reap}`]);
  });

  test('state counts and verdicts: linux-4.14 313 states (307 with the memcg trylock alone), linux-4.8 258 (252); the same verdicts', () => {
    const runs = [
      ['linux-4.14', {}],
      ['linux-4.14', { memcgOomLock: 'memcg-trylock' }],
      ['linux-4.8', {}],
      ['linux-4.8', { memcgOomLock: 'memcg-trylock' }],
    ] as const;
    const results = runs.map(([preset, knobs]) => {
      const run = checkScenario(memcgAndGlobal(), resolveDesign(preset, knobs), properties);
      return [run.stats.states, ...run.verdicts.map((v) => `${v.verdict}${v.counterexample ? ` ${v.counterexample.steps.length}` : ''}`)];
    });
    // properties: no-deadlock, no-oom-livelock, victim-always-handled, no-spurious-enomem, bounded-overcharge, no-kill-after-race, no-needless-kill.
    const verdicts = (race: number) => ['holds', 'holds', 'holds', 'holds', 'violated 6', `violated ${race}`, 'holds'];
    expect(results).toEqual([
      [313, ...verdicts(10)],
      [307, ...verdicts(10)],
      [258, ...verdicts(9)],
      [252, ...verdicts(9)],
    ]);
  });
});
