import { describe, expect, test } from 'vitest';
import { checkScenario } from '../../src/check/index.js';
import { alloc, exit, mutexLock, mutexUnlock, scenario, upWrite } from '../../src/kernel/builder.js';
import { resolveDesign } from '../../src/kernel/design/design.js';
import { shortestPathToLabel } from './shortestPath.js';

/**
 * Thread M of the victim process holds its mmap_sem for write and waits
 * for i_mutex; its sibling W holds i_mutex and allocates with GFP_NOFS.
 * X, in another process, triggers the OOM kill. Once the reaper has given
 * up on the mm (MMF_OOM_SKIP), W — killed, not TIF_MEMDIE — can no longer
 * take the dying-task shortcut and, GFP_NOFS, kills nobody: it loops.
 * cd04ae1e2dc8 (4.14) gives W half the reserves as a tsk_is_oom_victim().
 */
const sibling = (reserves = 2) =>
  scenario('nofs-sibling')
    .describe('a killed thread, not the TIF_MEMDIE one, allocates with GFP_NOFS holding the i_mutex its TIF_MEMDIE sibling waits for')
    .memory({ free: 0, reserves })
    .mutex('i_mutex')
    .process('victim', { pages: 8 }, (p) =>
      p
        .thread('M', [mutexLock('i_mutex'), mutexUnlock('i_mutex'), upWrite('mmap_sem'), exit()], { holds: [{ lock: 'mmap_sem', mode: 'write' }] })
        .thread('W', [alloc(1, { gfp: 'GFP_NOFS' }), mutexUnlock('i_mutex'), exit()], { holds: [{ lock: 'i_mutex', mode: 'write' }] }),
    )
    .process('other', { pages: 1 }, (p) => p.thread('X', [alloc(1), exit()]))
    .build();

const properties = ['no-deadlock', 'no-oom-livelock', 'victim-always-handled', 'no-panic'];
const run = (preset: string, reserves?: number) => checkScenario(sibling(reserves), resolveDesign(preset), properties);
const summary = (r: ReturnType<typeof run>) => [r.stats.states, ...r.verdicts.map((v) => `${v.verdict}${v.counterexample ? ` (${v.counterexample.steps.length} steps)` : ''}`)];

describe('reserves for every thread of an OOM victim (cd04ae1e2dc8, 4.14: ALLOC_OOM)', () => {
  test('4.11 (nofail-reserves): once MMF_OOM_SKIP is set, the killed GFP_NOFS sibling loops for ever; 4.14 (ALLOC_OOM, and exit_mmap() in stages from 212925802454) holds', () => {
    const before = run('nofail-reserves');
    expect(summary(before)).toEqual([3229, 'holds', 'violated (19 steps)', 'violated (19 steps)', 'holds']);
    const trace = before.verdicts[1].counterexample!;
    const steps = trace.steps.map((s) => `${s.actor}: ${s.action}`);
    expect(steps.slice(5, 8)).toEqual([
      'oom_reaper: takes M off the head of oom_reaper_list',
      'oom_reaper: mutex_lock(&oom_lock); oom_reap_task(M): down_read_trylock(&victim->mm->mmap_sem) fails (attempt 1/2), sleeps HZ/10',
      'oom_reaper: mutex_lock(&oom_lock); oom_reap_task(M): down_read_trylock(&victim->mm->mmap_sem) fails (attempt 2/2): gives up, MMF_OOM_SKIP set',
    ]);
    expect(steps.slice(trace.loopStart)).toEqual([
      'W: no memory: mutex_trylock(&oom_lock) ok',
      'W: get_page_from_freelist(ALLOC_WMARK_HIGH) fails under oom_lock',
      'W: out_of_memory(); !__GFP_FS: the OOM killer does not compensate for IO-less reclaim: out_of_memory() returns true, nobody killed; mutex_unlock(&oom_lock)',
    ]);
    expect(summary(run('mmf-oom-skip'))).toEqual([3229, 'holds', 'violated (19 steps)', 'violated (19 steps)', 'holds']);
    expect(summary(run('linux-4.14'))).toEqual([922, 'holds', 'holds', 'holds', 'holds']);
  });

  test('under linux-4.14 W takes a reserve page as soon as its process is killed, with ALLOC_OOM', () => {
    const path = shortestPathToLabel(sibling(), 'linux-4.14', /from the reserves/)!;
    expect(path.path).toEqual([
      'W: alloc(1, GFP_NOFS): get_page_from_freelist() fails: __alloc_pages_slowpath()',
      'X: alloc(1): get_page_from_freelist() fails: __alloc_pages_slowpath()',
      'X: no memory: mutex_trylock(&oom_lock) ok',
      'X: get_page_from_freelist(ALLOC_WMARK_HIGH) fails under oom_lock',
      'X: out_of_memory(); select_bad_process() picks victim (8 points); SIGKILL to victim; mark_oom_victim(M); wake_oom_reaper(M): pushed on oom_reaper_list; mutex_unlock(&oom_lock)',
      'W: tsk_is_oom_victim: 1 page from the reserves (ALLOC_OOM)',
    ]);
    expect([path.after.tasks[1].memdie, path.after.reserves]).toEqual([false, 1]);
  });

  test('ALLOC_OOM is half the reserves: of 1 reserve page W gets none and its allocation fails (goto nopage)', () => {
    const path = shortestPathToLabel(sibling(1), 'linux-4.14', /^W: tsk_is_oom_victim/)!;
    expect(path.path.at(-1)).toBe('W: tsk_is_oom_victim: its half of the reserves exhausted, the allocation fails (goto nopage): -ENOMEM, on the way to exit');
    expect(path.after.reserves).toBe(1);
  });

  test('4.8 loops too, later: its reaper flags the mm only when it gives up the second time (MMF_OOM_NOT_REAPABLE, then MMF_OOM_REAPED)', () => {
    // Once flagged, task_will_free_mem(W) is false (696453e66630) and W loops as under 4.11; X, its TIF_MEMDIE
    // cleared by the reaper after its own mm was reaped, finds no process to kill: panic.
    expect(summary(run('linux-4.8'))).toEqual([4260, 'holds', 'violated (25 steps)', 'violated (25 steps)', 'violated (22 steps)']);
  });

  test('before 4.7 a GFP_NOFS allocation does not reach out_of_memory() at all: a 9-step livelock (no-reaper)', () => {
    expect(summary(run('no-reaper'))).toEqual([14, 'holds', 'violated (9 steps)', 'violated (9 steps)', 'holds']);
  });
});
