import { describe, expect, test } from 'vitest';
import { alloc, scenario } from '../../src/kernel/builder.js';
import { loadScenarioFile } from '../../src/kernel/load/loadScenario.js';
import { checkScenario } from '../../src/check/index.js';
import { traceDocument } from '../../src/export/traceDocument.js';
import { traceStory } from '../../src/export/traceStory.js';
import { resolveDesign } from '../../src/kernel/design/design.js';
import { version } from '../../src/packageRoot.js';
import { shortestPathToLabel } from './shortestPath.js';

const load = (name: string) => loadScenarioFile(`scenarios/${name}.yaml`);

/** memcg-reaped-current with a second killable process in the group, smaller than app: killed only as a second victim. */
const withBystander = () =>
  scenario('memcg-second-victim')
    .describe('two faulting threads of app, and a small bystander process, in one memcg')
    .memory({ free: 16, reserves: 2 })
    .memcg('A', { limit: 5, maxOvercharge: 2 })
    .process('app', { pages: 4, memcg: 'A' }, (p) => p.thread('A1', [alloc(1, { context: 'user-fault' })]).thread('A2', [alloc(1, { context: 'user-fault' })]))
    .process('bystander', { pages: 1, memcg: 'A' }, (p) => p.thread('B', []))
    .build();

describe('trace wording on real traces (issue 12)', () => {
  test("3.11 and 3.12 traces use those kernels' names: __mem_cgroup_try_charge, mem_cgroup_oom_lock, set_tsk_thread_flag(TIF_MEMDIE), current->memcg_oom.memcg", () => {
    const kill = shortestPathToLabel(load('memcg-write-truncate'), 'memcg-charge-context', /SIGKILL/)!;
    expect(kill.path).toEqual([
      'W: __mem_cgroup_try_charge(1 page): over the limit of memcg A (usage 12/12): mem_cgroup_oom()',
      'W: mem_cgroup_handle_oom(): mem_cgroup_oom_lock(A) ok',
      'W: mem_cgroup_out_of_memory(); select_bad_process() picks victim (8 points); SIGKILL to victim; set_tsk_thread_flag(V, TIF_MEMDIE); mem_cgroup_oom_unlock()',
    ]);
    const deferred = shortestPathToLabel(load('memcg-userspace-handler'), 'memcg-deferred', /memcg_oom/)!;
    expect(deferred.path.at(-1)).toBe('F: mem_cgroup_oom(): current->memcg_oom.memcg = A; the fault unwinds with VM_FAULT_OOM: up_read(&app->mm->mmap_sem)');
    // The same steps under 4.19 use today's names.
    expect(shortestPathToLabel(load('memcg-write-truncate'), 'memcg-charge-path', /SIGKILL/)!.path.slice(0, 2)).toEqual([
      'W: try_charge(1 page): over the limit of memcg A (usage 12/12): mem_cgroup_oom()',
      'W: mem_cgroup_oom(): mem_cgroup_oom_trylock(A) ok',
    ]);
  });

  test('before 4.2 the global OOM is serialized by the zonelist OOM lock, and before 3.17 TIF_MEMDIE leaves with the exiting task', () => {
    const locked = shortestPathToLabel(load('tetsuo-t1-t2-t3'), 'memcg-charge-context', /no memory/)!;
    expect(locked.path.at(-1)).toBe('T3: no memory: try_set_zonelist_oom() ok');
    const exited = shortestPathToLabel(load('tetsuo-t1-t2-t3'), 'memcg-charge-context', /TIF_MEMDIE leaves/)!;
    expect(exited.path.at(-1)).toMatch(/^T1: exit_mm\(\): down_read\(&victim->mm->mmap_sem\) ok; mm still used by other threads; TIF_MEMDIE leaves with T1$/);
    expect(shortestPathToLabel(load('tetsuo-t1-t2-t3'), 'no-reaper', /no memory/)!.path.at(-1)).toBe('T3: no memory: mutex_trylock(&oom_lock) ok');
  });

  test("the abort says the kernel's check: TIF_MEMDIE up to 4.7, tsk_is_oom_victim() with the mm unflagged from 4.9", () => {
    const any = shortestPathToLabel(load('tetsuo-t1-t2-t3'), 'mmf-oom-reaped', /aborts/)!;
    expect(any.path.at(-1)).toMatch(/select_bad_process\(\) aborts: T\d has TIF_MEMDIE;/);
    const victim = shortestPathToLabel(load('tetsuo-t1-t2-t3'), 'mmf-oom-skip', /aborts/)!;
    expect(victim.path.at(-1)).toMatch(/select_bad_process\(\) aborts: tsk_is_oom_victim\(T\d\), its mm not MMF_OOM_SKIP;/);
  });

  test("under 4.7 the reaper's end shows exit_oom_victim(), which clears TIF_MEMDIE, and the mm flag", () => {
    const reaped = shortestPathToLabel(load('tetsuo-t1-t2-t3'), 'mmf-oom-reaped', /oom_reap_task\(\w+\): down_read_trylock\([^)]*\) ok/)!;
    expect(reaped.path.at(-1)).toBe('oom_reaper: mutex_lock(&oom_lock); oom_reap_task(T3): down_read_trylock(&victim->mm->mmap_sem) ok, reaps 8 pages, MMF_OOM_REAPED set, exit_oom_victim(T3)');
    expect([reaped.before.tasks[2].memdie, reaped.after.tasks[2].memdie]).toEqual([true, false]);
  });

  test('a dying task whose allocation fails is told as on its way to exit, not as a system call returning', () => {
    const failed = shortestPathToLabel(load('tetsuo-t1-t2-t3'), 'mmf-oom-skip', /reserves exhausted/)!;
    expect(failed.path.at(-1)).toBe('H: TIF_MEMDIE: reserves exhausted, the allocation fails (goto nopage): -ENOMEM, on the way to exit');
    expect(failed.before.tasks.some((t) => t.memdie && t.fatalSignal)).toBe(true);
  });

  test("a memcg OOM's needless kill gives the group's margin as its reason, not the free pages", () => {
    const run = checkScenario(withBystander(), resolveDesign('linux-4.19'), ['no-needless-kill']);
    expect(run.verdicts[0].verdict).toBe('violated');
    const doc = traceDocument(run, run.verdicts[0], version());
    expect(doc.steps.length).toBe(10);
    expect(traceStory(doc)).toBe(
      "At step 10 A2's mem_cgroup_out_of_memory() kills bystander (mark_oom_victim(B)) although memcg A has room: usage 1 of limit 5, enough for its 1-page request: the OOM reaper uncharged pages at step 9 (oom_reap_task(A1): down_read_trylock(&mm->mmap_sem) ok, reaps 4 pages, MMF_OOM_SKIP set).",
    );
  });

  test('7775face2079 (5.1): under 4.19 a killed thread in mem_cgroup_out_of_memory() kills a second victim; under linux-5.4 it kills nobody and its charge is forced', () => {
    const second = shortestPathToLabel(withBystander(), 'linux-4.19', /SIGKILL to bystander/)!;
    expect(second.path.at(-1)).toBe(
      'A2: mem_cgroup_out_of_memory(); select_bad_process() picks bystander (1 point); SIGKILL to bystander; mark_oom_victim(B); wake_oom_reaper(B): pushed on oom_reaper_list; needless (reaped-in-window): the reaper freed memory since its last attempt: memcg usage 1 of limit 5 now, the request needs 1 page; mutex_unlock(&oom_lock)',
    );
    expect(second.before.tasks[1]).toMatchObject({ fatalSignal: true });
    expect(second.before.mms[0]).toMatchObject({ reaped: true, flagged: true });
    expect(shortestPathToLabel(withBystander(), 'linux-5.4', /SIGKILL to bystander/)).toBeUndefined();
    const spared = shortestPathToLabel(withBystander(), 'linux-5.4', /should_force_charge/)!;
    expect(spared.path.at(-1)).toBe('A2: mem_cgroup_out_of_memory(); should_force_charge(): current A2 has SIGKILL pending: nobody killed; mutex_unlock(&oom_lock)');
  });
});
