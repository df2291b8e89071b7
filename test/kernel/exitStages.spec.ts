import { describe, expect, test } from 'vitest';
import { checkScenario } from '../../src/check/index.js';
import { op, scenario } from '../../src/kernel/builder.js';
import { resolveDesign } from '../../src/kernel/design/design.js';
import { loadScenarioFile } from '../../src/kernel/load/loadScenario.js';
import { shortestPathToLabel } from './shortestPath.js';

const exiting = () => loadScenarioFile('scenarios/exiting-without-mm.yaml');

describe('a task past exit_mm() and the dying-current shortcut (d7a94e7e11ba, 4.0; task_will_free_mem(), 4.8)', () => {
  test('before 4.0: E takes TIF_MEMDIE with no mm, sleeps on i_mutex, and H livelocks in 11 steps', () => {
    const run = checkScenario(exiting(), resolveDesign('no-reaper', { dyingCurrentShortcut: 'any-dying' }), ['no-oom-livelock[H]']);
    expect(run.stats.states).toBe(85);
    const trace = run.verdicts[0].counterexample!;
    expect(trace.steps.length).toBe(11);
    expect(trace.steps.map((s) => `${s.actor}: ${s.action}`).slice(1, 8)).toEqual([
      'E: do_exit(): PF_EXITING',
      'E: exit_mm(): down_read(&exiting->mm->mmap_sem) ok; last user: exit_mmap() frees 1 page',
      'E: alloc(2): get_page_from_freelist() fails: __alloc_pages_slowpath()',
      'E: no memory: mutex_trylock(&oom_lock) ok',
      'E: get_page_from_freelist(ALLOC_WMARK_HIGH) fails under oom_lock',
      'E: out_of_memory(); current E is exiting (PF_EXITING), past exit_mm() with no mm: mark_oom_victim(E); mutex_unlock(&oom_lock)',
      'E: TIF_MEMDIE: reserves exhausted, the allocation fails (goto nopage): -ENOMEM in do_exit()',
    ]);
    expect(trace.steps.slice(trace.loopStart).map((s) => s.action)).toContain('out_of_memory(); select_bad_process() aborts: E has TIF_MEMDIE; mutex_unlock(&oom_lock)');
    // E, mm-less and TIF_MEMDIE, sleeps on i_mutex all through the cycle.
    expect(trace.steps.slice(trace.loopStart).every((s) => s.state.tasks[0].memdie && s.state.tasks[0].exiting && !s.state.tasks[0].exited)).toBe(true);
  });

  test('from 4.0 the shortcut needs current->mm: E kills H instead, and nobody livelocks (58 states)', () => {
    const run = checkScenario(exiting(), resolveDesign('no-reaper'), ['no-oom-livelock', 'no-deadlock']);
    expect(run.stats.states).toBe(58);
    expect(run.verdicts.map((v) => v.verdict)).toEqual(['holds', 'holds']);
    const path = shortestPathToLabel(exiting(), 'no-reaper', /^E: out_of_memory\(\)/);
    expect(path?.path.at(-1)).toBe('E: out_of_memory(); select_bad_process() picks holder (2 points); SIGKILL to holder; mark_oom_victim(H); mutex_unlock(&oom_lock)');
  });

  test('after exit_mm the task runs its lock operations, and its final exit ends do_exit()', () => {
    const path = shortestPathToLabel(exiting(), 'no-reaper', /^E: do_exit\(\): exit_notify/);
    expect(path?.path.at(-1)).toBe('E: do_exit(): exit_notify(), final schedule(): E is gone');
    expect(path?.path).toContain('E: mutex_lock(&i_mutex)');
    expect(path?.after.tasks[0]).toMatchObject({ exited: true, memdie: false, pc: 5 });
  });

  // A killed group whose thread E is past exit_mm() while S still has the mm.
  const group = scenario('killed-group')
    .describe('a killed thread past exit_mm() allocates while its sibling still has the mm')
    .mutex('i_mutex')
    .memory({ free: 0, reserves: 0 })
    .process('dying', { pages: 2 }, (p) =>
      p
        .thread('E', [op('exit_mm', {}), op('alloc', { pages: 1 }), op('exit', {})], { fatalSignal: true })
        .thread('S', [op('mutex_lock', { lock: 'i_mutex' }), op('mutex_unlock', { lock: 'i_mutex' })], { fatalSignal: true }),
    )
    .process('holder', { pages: 1 }, (p) => p.thread('H', [op('mutex_unlock', { lock: 'i_mutex' })], { holds: [{ lock: 'i_mutex', mode: 'write' }] }))
    .build();

  test("4.8's task_will_free_mem(current) needs current->mm (as merged): the mm-less E is not marked, it kills its own group and marks S", () => {
    const killed = 'E: out_of_memory(); select_bad_process() picks dying (2 points); SIGKILL to dying; mark_oom_victim(S); wake_oom_reaper(S): pushed on oom_reaper_list; mutex_unlock(&oom_lock)';
    expect(shortestPathToLabel(group, 'mmf-oom-skip', /^E: out_of_memory\(\)/)?.path.at(-1)).toBe(killed);
    expect(shortestPathToLabel(group, 'mmf-oom-skip', /^E: out_of_memory\(\)/, { dyingCurrentShortcut: 'current-mm' })?.path.at(-1)).toBe(killed);
    // Before 4.0 any dying current was marked, mm or not.
    expect(shortestPathToLabel(group, 'mmf-oom-skip', /^E: out_of_memory\(\)/, { dyingCurrentShortcut: 'any-dying' })?.path.at(-1)).toBe(
      'E: out_of_memory(); current E has a fatal signal pending, past exit_mm() with no mm: mark_oom_victim(E); wake_oom_reaper(E): pushed on oom_reaper_list; mutex_unlock(&oom_lock)',
    );
  });
});
