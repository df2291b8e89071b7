import { describe, expect, test } from 'vitest';
import { checkScenario } from '../../src/check/index.js';
import { resolveDesign } from '../../src/kernel/design/design.js';
import { loadScenarioFile } from '../../src/kernel/load/loadScenario.js';
import { shortestPathToLabel } from './shortestPath.js';

const load = (name: string) => loadScenarioFile(`scenarios/${name}.yaml`);
const run = (name: string, preset: string, properties: string[]) => checkScenario(load(name), resolveDesign(preset), properties);
const actions = (verdict: { counterexample?: { steps: readonly { actor: string; action: string }[] } }) => verdict.counterexample!.steps.map((s) => `${s.actor}: ${s.action}`);

describe('seed 003: memcg OOM in the charge context (before 3.12) and what 3.12 changed', () => {
  test('write() holding i_mutex: before 3.12 the writer loops in the charge while the victim waits for i_mutex (6 steps, cycle from step 4)', () => {
    const r = run('memcg-write-truncate', 'memcg-charge-context', ['no-oom-livelock', 'no-deadlock']);
    expect(r.stats.states).toBe(6);
    const [livelock, deadlock] = r.verdicts;
    expect([livelock.verdict, livelock.failing, livelock.counterexample!.steps.length, livelock.counterexample!.loopStart]).toEqual(['violated', 'no-oom-livelock[W]', 6, 3]);
    expect(actions(livelock).slice(3)).toEqual([
      'W: retry __mem_cgroup_try_charge(1 page): over the limit of memcg A (usage 12/12): mem_cgroup_oom()',
      'W: mem_cgroup_handle_oom(): mem_cgroup_oom_lock(A) ok',
      'W: mem_cgroup_out_of_memory(); select_bad_process() aborts: V has TIF_MEMDIE; mem_cgroup_oom_unlock()',
    ]);
    expect(deadlock.verdict).toBe('holds');
  });

  test('3.12: the write() fails with -ENOMEM in 2 steps instead; 4.19 kills from the charge and the reaper frees the victim (74 states, all hold)', () => {
    const deferred = run('memcg-write-truncate', 'memcg-deferred', ['no-spurious-enomem', 'no-oom-livelock']);
    expect(deferred.verdicts.map((v) => v.verdict)).toEqual(['violated', 'holds']);
    expect(actions(deferred.verdicts[0])).toEqual([
      'W: __mem_cgroup_try_charge(1 page): over the limit of memcg A (usage 12/12): mem_cgroup_oom()',
      'W: mem_cgroup_oom(): not a user fault, nothing to do: the system call returns -ENOMEM',
    ]);
    const chargePath = run('memcg-write-truncate', 'memcg-charge-path', ['no-spurious-enomem', 'no-oom-livelock', 'victim-always-handled']);
    expect(chargePath.stats.states).toBe(74);
    expect(chargePath.verdicts.map((v) => v.verdict)).toEqual(['holds', 'holds', 'holds']);
  });

  test("Weiner's 2015 proposal: the writer moves on to a second victim (itself) after two aborted selections; 29 states, no livelock", () => {
    const r = run('memcg-write-truncate', 'weiner-2015', ['no-oom-livelock', 'victim-always-handled']);
    expect(r.stats.states).toBe(29);
    expect(r.verdicts.map((v) => v.verdict)).toEqual(['holds', 'holds']);
  });

  test('userspace OOM handler: before 3.12 brk() sleeps holding mmap_sem for write and the handler blocks reading /proc — a 3-step deadlock', () => {
    const r = run('memcg-userspace-handler', 'memcg-charge-context', ['no-deadlock']);
    expect(r.stats.states).toBe(4);
    const [deadlock] = r.verdicts;
    expect(actions(deadlock)).toEqual([
      'B: __mem_cgroup_try_charge(1 page): over the limit of memcg A (usage 8/8): mem_cgroup_oom()',
      'B: mem_cgroup_handle_oom(): oom_kill_disable: sleeps on memcg_oom_waitq, its locks held',
      'H: read(memory.oom_control eventfd): memcg A is under OOM',
    ]);
    const last = deadlock.counterexample!.steps[2].state;
    expect(last.locks[0]).toEqual({ writer: 0, readers: 0 });
  });

  test('userspace OOM handler from 3.12: no deadlock (23 states), the faulting thread sleeps at the end of its fault and the handler kills the group', () => {
    const r = run('memcg-userspace-handler', 'memcg-deferred', ['no-deadlock', 'no-oom-livelock', 'no-spurious-enomem']);
    expect(r.stats.states).toBe(23);
    expect(r.verdicts.map((v) => v.verdict)).toEqual(['holds', 'holds', 'violated']);
    const path = shortestPathToLabel(load('memcg-userspace-handler'), 'memcg-deferred', /^H: kill\(app, SIGKILL\)$/);
    expect(path?.path).toEqual([
      'B: __mem_cgroup_try_charge(1 page): over the limit of memcg A (usage 8/8): mem_cgroup_oom()',
      'B: mem_cgroup_oom(): not a user fault, nothing to do: the system call returns -ENOMEM',
      'B: up_write(&app->mm->mmap_sem)',
      'F: page fault: down_read(&app->mm->mmap_sem)',
      'F: __mem_cgroup_try_charge(1 page): over the limit of memcg A (usage 8/8): mem_cgroup_oom()',
      'F: mem_cgroup_oom(): current->memcg_oom.memcg = A; the fault unwinds with VM_FAULT_OOM: up_read(&app->mm->mmap_sem)',
      'F: pagefault_out_of_memory(): mem_cgroup_oom_synchronize(): oom_kill_disable: sleeps on memcg_oom_waitq, no locks held',
      'H: read(memory.oom_control eventfd): memcg A is under OOM',
      'H: down_read(&app->mm->mmap_sem)',
      'H: up_read(&app->mm->mmap_sem)',
      'H: kill(app, SIGKILL)',
    ]);
  });
});

describe('seed 000: put_user() under a memcg OOM', () => {
  test('3.12 (and 4.9): put_user() returns -EFAULT in 2 steps; before 3.12 and from 4.19 the OOM killer runs from the uaccess fault', () => {
    const deferred = run('memcg-put-user', 'memcg-deferred', ['no-spurious-enomem']);
    expect(actions(deferred.verdicts[0])).toEqual([
      'C: __mem_cgroup_try_charge(1 page): over the limit of memcg A (usage 12/12): mem_cgroup_oom()',
      'C: mem_cgroup_oom(): not a user fault, nothing to do: put_user() returns -EFAULT',
    ]);
    expect(run('memcg-put-user', 'mmf-oom-skip', ['no-spurious-enomem']).verdicts[0].verdict).toBe('violated');
    for (const [preset, states] of [
      ['memcg-charge-context', 17],
      ['weiner-2015', 71],
      ['memcg-charge-path', 113],
    ] as const) {
      const r = run('memcg-put-user', preset, ['no-spurious-enomem', 'no-oom-livelock']);
      expect([preset, r.stats.states, ...r.verdicts.map((v) => v.verdict)]).toEqual([preset, states, 'holds', 'holds']);
    }
  });
});

describe('seed 001: 4.19 forces the charge when the memcg OOM killer has no victim', () => {
  test('an unkillable group: before 4.19 the user fault retries for ever (7 steps under 3.12; Weiner: VM_FAULT_OOM, retried, 6); 4.19 forces every charge and passes the stated bound with the second (9 steps)', () => {
    const deferred = run('memcg-no-victim', 'memcg-deferred', ['no-oom-livelock']);
    expect([deferred.verdicts[0].counterexample!.steps.length, deferred.verdicts[0].counterexample!.loopStart]).toEqual([7, 2]);
    const weiner = run('memcg-no-victim', 'weiner-2015', ['no-oom-livelock']);
    expect(actions(weiner.verdicts[0]).slice(3)).toEqual([
      'D: mem_cgroup_out_of_memory(); no killable task in memcg A: the charge fails: VM_FAULT_OOM; mem_cgroup_oom_unlock()',
      'D: the fault is retried: down_read(&daemon->mm->mmap_sem)',
      'D: retry try_charge(1 page): over the limit of memcg A (usage 8/8): mem_cgroup_oom()',
    ]);
    const forced = run('memcg-no-victim', 'memcg-charge-path', ['no-oom-livelock', 'bounded-overcharge']);
    expect([forced.stats.states, ...forced.verdicts.map((v) => v.verdict)]).toEqual([16, 'holds', 'violated']);
    const steps = actions(forced.verdicts[1]);
    expect(steps.length).toBe(9);
    expect([steps[3], steps[8]]).toEqual([
      'D: mem_cgroup_out_of_memory(); no killable task in memcg A: OOM_FAILED; force: charged over the limit (usage 9/8); mem_cgroup_oom_unlock()',
      'D: mem_cgroup_out_of_memory(); no killable task in memcg A: OOM_FAILED; force: charged over the limit (usage 10/8); mem_cgroup_oom_unlock()',
    ]);
  });

  test('a GFP_NOFS charge: 4.19 kills nobody and retries for ever (4 steps, cycle from step 2); 5.4 (f9c645621a28) kills the hog, 136 states, holds', () => {
    const r419 = run('memcg-nofs-charge', 'memcg-charge-path', ['no-oom-livelock']);
    expect([r419.verdicts[0].counterexample!.steps.length, r419.verdicts[0].counterexample!.loopStart]).toEqual([4, 1]);
    expect(actions(r419.verdicts[0])[2]).toBe('N: mem_cgroup_out_of_memory(); GFP_NOFS: "The OOM killer does not compensate for IO-less reclaim": nobody killed, OOM_SUCCESS; mem_cgroup_oom_unlock()');
    const r54 = run('memcg-nofs-charge', 'memcg-nofs-kill', ['no-oom-livelock', 'no-spurious-enomem']);
    expect([r54.stats.states, ...r54.verdicts.map((v) => v.verdict)]).toEqual([136, 'holds', 'holds']);
  });

  test("Greg Thelen's case: a thread whose own mm was already reaped (MMF_OOM_SKIP) reaches OOM_FAILED with the charge fitting — 10 steps, nothing alarming", () => {
    const found = shortestPathToLabel(load('memcg-reaped-current'), 'memcg-charge-path', /OOM_FAILED/);
    expect(found?.path.length).toBe(10);
    expect(found!.path.slice(5)).toEqual([
      'A1: mem_cgroup_out_of_memory(); select_bad_process() picks app (2 points); SIGKILL to app; mark_oom_victim(A1); wake_oom_reaper(A1): pushed on oom_reaper_list; mem_cgroup_oom_unlock()',
      'A2: mem_cgroup_oom(): mem_cgroup_oom_trylock(A) ok',
      'oom_reaper: takes A1 off the head of oom_reaper_list',
      'oom_reaper: mutex_lock(&oom_lock); oom_reap_task(A1): down_read_trylock(&app->mm->mmap_sem) ok, reaps 2 pages, MMF_OOM_SKIP set',
      'A2: mem_cgroup_out_of_memory(); no killable task in memcg A: OOM_FAILED; force: charged (usage 7/8); mem_cgroup_oom_unlock()',
    ]);
    expect(found!.before.mms[0]).toMatchObject({ reaped: true, flagged: true });
    expect(found!.before.tasks[1].fatalSignal).toBe(true);
    expect(found!.after.memcgs[0]).toEqual({ usage: 7, limit: 8, oomLock: -1 });
  });

  test('dying tasks force their last charges from 4.4: over the limit (4.9: 7 steps, 4.19: 5), but within the stated bound of one page per thread', () => {
    const scenario = load('memcg-reaped-current');
    const overLimit = (preset: string) => checkScenario({ ...scenario, memcgs: [{ name: 'A', limit: 8 }] }, resolveDesign(preset), ['bounded-overcharge']).verdicts[0].counterexample?.steps.length;
    expect([overLimit('memcg-charge-context'), overLimit('memcg-deferred'), overLimit('mmf-oom-skip'), overLimit('memcg-charge-path')]).toEqual([undefined, undefined, 7, 5]);
    for (const preset of ['mmf-oom-skip', 'memcg-charge-path']) expect(run('memcg-reaped-current', preset, ['bounded-overcharge']).verdicts[0].verdict).toBe('holds');
  });
});

describe('seed 004: GFP_NOFS and __GFP_NOFAIL', () => {
  test('GFP_NOFS loops without a kill in every merged design: before 4.7 without out_of_memory() (2 steps), from 4.7 through it (4 steps); __GFP_MAY_OOMKILL (Tetsuo) kills the hog instead (81 states)', () => {
    const slowpath = 'M1: alloc(1, GFP_NOFS|__GFP_MAY_OOMKILL|__GFP_KILLABLE): get_page_from_freelist() fails: __alloc_pages_slowpath()';
    const before47 = run('nofs-retry-forever', 'no-reaper', ['no-oom-livelock']);
    expect([...actions(before47.verdicts[0]), before47.verdicts[0].counterexample!.loopStart]).toEqual([
      slowpath,
      'M1: GFP_NOFS|__GFP_MAY_OOMKILL|__GFP_KILLABLE: the OOM killer does not compensate for IO-less reclaim: keeps looping',
      1,
    ]);
    for (const preset of ['mmf-oom-skip', 'nofail-reserves', 'memcg-charge-path']) {
      const r = run('nofs-retry-forever', preset, ['no-oom-livelock']);
      expect([preset, r.stats.states, ...actions(r.verdicts[0]), r.verdicts[0].counterexample!.loopStart]).toEqual([
        preset,
        4,
        slowpath,
        'M1: no memory: mutex_trylock(&oom_lock) ok',
        'M1: get_page_from_freelist(ALLOC_WMARK_HIGH) fails under oom_lock',
        'M1: out_of_memory(); !__GFP_FS: the OOM killer does not compensate for IO-less reclaim: out_of_memory() returns true, nobody killed; mutex_unlock(&oom_lock)',
        1,
      ]);
    }
    const tetsuo = run('nofs-retry-forever', 'tetsuo-gfp-flags', ['no-oom-livelock']);
    expect([tetsuo.stats.states, tetsuo.verdicts[0].verdict]).toEqual([81, 'holds']);
  });

  test('__GFP_NOFAIL: up to 4.10 it forces the OOM kill (67 states, holds); from 4.11 it only gets the reserves, too few here: loops through out_of_memory() without a kill (4 steps)', () => {
    const r410 = run('nofail-retry-forever', 'mmf-oom-skip', ['no-oom-livelock']);
    expect([r410.stats.states, r410.verdicts[0].verdict]).toEqual([67, 'holds']);
    const r411 = run('nofail-retry-forever', 'nofail-reserves', ['no-oom-livelock']);
    expect(actions(r411.verdicts[0])).toEqual([
      'M: alloc(2, GFP_NOFS|__GFP_NOFAIL): get_page_from_freelist() fails: __alloc_pages_slowpath()',
      'M: no memory: mutex_trylock(&oom_lock) ok',
      'M: get_page_from_freelist(ALLOC_WMARK_HIGH) fails under oom_lock',
      'M: out_of_memory(); !__GFP_FS: the OOM killer does not compensate for IO-less reclaim: out_of_memory() returns true, nobody killed; mutex_unlock(&oom_lock)',
    ]);
  });

  test('a __GFP_NOFAIL victim re-enters out_of_memory(): with the dying-task shortcut waking the reaper, bb29902a7515 pushes it onto itself — a reaper lockup in 15 steps', () => {
    const r = checkScenario(load('reaper-queue-self-cycle'), resolveDesign('reaper-queue-bb29902a7515', { shortcutWakesReaper: true }), ['no-reaper-lockup']);
    expect(r.stats.states).toBe(501);
    const trace = r.verdicts[0].counterexample!;
    expect([trace.steps.length, trace.loopStart]).toEqual([15, 13]);
    expect(actions(r.verdicts[0])[6]).toBe(
      'V: out_of_memory(); current V has a fatal signal pending: already TIF_MEMDIE; wake_oom_reaper(V): pushed on oom_reaper_list (onto itself: self-cycle); mutex_unlock(&oom_lock)',
    );
    expect(actions(r.verdicts[0]).slice(13)).toEqual(['oom_reaper: takes V off the head of oom_reaper_list', 'oom_reaper: oom_reap_task(V): mm already gone, nothing to reap, exit_oom_victim(V)']);
    const fixed = checkScenario(load('reaper-queue-self-cycle'), resolveDesign('reaper-queue-af8e15cc85a2', { shortcutWakesReaper: true }), ['no-reaper-lockup']);
    expect([fixed.stats.states, fixed.verdicts[0].verdict]).toEqual([327, 'holds']);
  });
});
