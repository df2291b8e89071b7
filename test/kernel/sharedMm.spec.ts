import { describe, expect, test } from 'vitest';
import { checkScenario } from '../../src/check/index.js';
import { alloc, exit, scenario } from '../../src/kernel/builder.js';
import { resolveDesign } from '../../src/kernel/design/design.js';
import { layoutOf } from '../../src/kernel/layout.js';
import { loadScenarioFile } from '../../src/kernel/load/loadScenario.js';
import { shortestPathToLabel } from './shortestPath.js';

const load = (name: string) => loadScenarioFile(`scenarios/${name}.yaml`);
const actions = (verdict: { counterexample?: { steps: readonly { actor: string; action: string }[] } }) => verdict.counterexample!.steps.map((s) => `${s.actor}: ${s.action}`);

describe('an mm shared between processes', () => {
  test('the layout: one mm (and one mmap_sem) per owner, its users owner first; pages and memcg belong to the mm', () => {
    const layout = layoutOf(load('shared-mm-sem-holder'));
    expect(layout.mms).toEqual([{ name: 'victim', pages: 8, unreapable: 0, memcg: -1, users: [0, 1], mmapSem: 0 }]);
    expect(layout.processes.map((p) => [p.name, p.mm, p.mmapSem, p.vfork, p.oomScoreAdj])).toEqual([
      ['victim', 0, 0, false, 0],
      ['helper', 0, 0, true, -1000],
    ]);
    expect(layout.locks).toEqual([{ name: 'victim.mmap_sem', kind: 'rwsem' }]);
    expect(layout.totalPages).toBe(8);
  });

  test('up to 4.7 the OOM_SCORE_ADJ_MIN sharer is spared and can_oom_reap is false: an 8-step livelock with the reaper never woken', () => {
    const r = checkScenario(load('shared-mm-sem-holder'), resolveDesign('mmf-oom-reaped'), ['no-oom-livelock']);
    expect(r.stats.states).toBe(10);
    expect(actions(r.verdicts[0])).toEqual([
      'S: alloc(1): get_page_from_freelist() fails: __alloc_pages_slowpath()',
      'S: no memory: mutex_trylock(&oom_lock) ok',
      'S: get_page_from_freelist(ALLOC_WMARK_HIGH) fails under oom_lock',
      'S: out_of_memory(); select_bad_process() picks victim (8 points); SIGKILL to victim; mark_oom_victim(V); can_oom_reap is false: mm shared with unkillable process helper (OOM_SCORE_ADJ_MIN), the reaper is not woken; mutex_unlock(&oom_lock)',
      'V: returns to user space with SIGKILL pending: do_exit(): PF_EXITING',
      'S: no memory: mutex_trylock(&oom_lock) ok',
      'S: get_page_from_freelist(ALLOC_WMARK_HIGH) fails under oom_lock',
      'S: out_of_memory(); select_bad_process() aborts: V has TIF_MEMDIE; mutex_unlock(&oom_lock)',
    ]);
    expect(r.verdicts[0].counterexample!.loopStart).toBe(5);
  });

  test('4.8 kills the sharer too; it takes the dying-task shortcut (every user of the mm dying) and the reserve page', () => {
    const s = load('shared-mm-sem-holder');
    const r = checkScenario(s, resolveDesign('linux-4.8'), ['no-oom-livelock', 'no-panic']);
    expect([r.stats.states, ...r.verdicts.map((v) => v.verdict)]).toEqual([235, 'holds', 'holds']);
    expect(shortestPathToLabel(s, 'linux-4.8', /from the reserves/)?.path).toEqual([
      'S: alloc(1): get_page_from_freelist() fails: __alloc_pages_slowpath()',
      'S: no memory: mutex_trylock(&oom_lock) ok',
      'S: get_page_from_freelist(ALLOC_WMARK_HIGH) fails under oom_lock',
      'S: out_of_memory(); select_bad_process() picks victim (8 points); SIGKILL to victim; mark_oom_victim(V); kills helper sharing the mm: SIGKILL to helper; wake_oom_reaper(V): pushed on oom_reaper_list; mutex_unlock(&oom_lock)',
      'S: no memory: mutex_trylock(&oom_lock) ok',
      'S: get_page_from_freelist(ALLOC_WMARK_HIGH) fails under oom_lock',
      'S: out_of_memory(); current S has a fatal signal pending: mark_oom_victim(S); wake_oom_reaper(S): pushed on oom_reaper_list; mutex_unlock(&oom_lock)',
      'S: TIF_MEMDIE: 1 page from the reserves (ALLOC_NO_WATERMARKS)',
    ]);
  });

  test('task_will_free_mem (4.8): a dying current whose mm a live process still uses is not marked; the OOM killer selects instead', () => {
    // T is killed (fatal signal) but its mm is shared with B, which is not dying.
    const s = scenario('willfree')
      .describe('d')
      .memory({ free: 0, reserves: 1 })
      .process('a', { pages: 4 }, (p) => p.thread('T', [alloc(1)], { fatalSignal: true }))
      .process('b', { mm: 'a' }, (p) => p.thread('B', []))
      .process('hog', { pages: 8 }, (p) => p.thread('G', []))
      .build();
    // 4.7: a fatal signal pending is enough.
    expect(shortestPathToLabel(s, 'mmf-oom-reaped', /out_of_memory/)?.path.at(-1)).toBe(
      'T: out_of_memory(); current T has a fatal signal pending: mark_oom_victim(T); wake_oom_reaper(T): pushed on oom_reaper_list; mutex_unlock(&oom_lock)',
    );
    // 4.8: refused while b lives undying; the OOM killer picks the biggest, hog (8 pages) over a (4).
    expect(shortestPathToLabel(s, 'linux-4.8', /out_of_memory/)?.path.at(-1)).toBe(
      'T: out_of_memory(); task_will_free_mem(T) is false: b shares the mm and is not dying; select_bad_process() picks hog (8 points); SIGKILL to hog; mark_oom_victim(G); wake_oom_reaper(G): pushed on oom_reaper_list; mutex_unlock(&oom_lock)',
    );
    const layout = layoutOf(s);
    expect(layout.mms.map((m) => [m.name, m.users])).toEqual([
      ['a', [0, 1]],
      ['hog', [2]],
    ]);
  });

  test("vfork children are never selected from 4.8 (b18dc5f291c0); before, the child is chosen for its parent's mm", () => {
    const s = scenario('vfork')
      .describe('d')
      .memory({ free: 0, reserves: 1 })
      .process('parent', { pages: 8, oomScoreAdj: -1000 }, (p) => p.thread('P', []))
      .process('child', { mm: 'parent', vfork: true }, (p) => p.thread('C', [alloc(1), exit()]))
      .build();
    const panics = (preset: string) => checkScenario(s, resolveDesign(preset, { reaper: 'none' }), ['no-panic']).verdicts[0];
    expect(panics('mmf-oom-reaped').verdict).toBe('holds');
    const v48 = panics('linux-4.8');
    expect(v48.verdict).toBe('violated');
    // A panic does not return: no mutex_unlock(&oom_lock) after it.
    expect(actions(v48).at(-1)).toBe('C: out_of_memory(); no killable process: panic("Out of memory and no killable processes...")');
  });

  test('exit_mm() of one user of a shared mm frees nothing: the last user tears it down', () => {
    const s = scenario('exit')
      .describe('d')
      .memory({ free: 0, reserves: 0 })
      .process('a', { pages: 4 }, (p) => p.thread('A', [exit()]))
      .process('b', { mm: 'a' }, (p) => p.thread('B', [exit()]))
      .build();
    const r = checkScenario(s, resolveDesign('no-reaper'), ['no-deadlock']);
    expect([r.stats.states, r.verdicts[0].verdict]).toEqual([9, 'holds']);
    expect(shortestPathToLabel(s, 'no-reaper', /mm still used by b/)?.path).toEqual(['A: do_exit(): PF_EXITING', 'A: exit_mm(): down_read(&a->mm->mmap_sem) ok; mm still used by b (shared mm)']);
    expect(shortestPathToLabel(s, 'no-reaper', /exit_mmap\(\) frees 4 pages/)?.path.length).toBe(4);
  });

  test("exit_mm() names every user left: the task's own threads that still have the mm, and the sharing processes", () => {
    const s = scenario('exit')
      .describe('d')
      .memory({ free: 0, reserves: 0 })
      .process('a', { pages: 4 }, (p) => p.thread('A1', [exit()]).thread('A2', [exit()]))
      .process('b', { mm: 'a' }, (p) => p.thread('B', [exit()]))
      .build();
    expect(shortestPathToLabel(s, 'no-reaper', /exit_mm\(\)/)?.path).toEqual([
      'A1: do_exit(): PF_EXITING',
      'A1: exit_mm(): down_read(&a->mm->mmap_sem) ok; mm still used by other threads, b (shared mm)',
    ]);
    expect(shortestPathToLabel(s, 'no-reaper', /mm still used by b \(shared mm\)/)?.path.length).toBe(4);
  });

  test('without an OOM reaper (before 4.6) there is no can_oom_reap: the sharer is only spared', () => {
    const r = checkScenario(load('shared-mm-sem-holder'), resolveDesign('no-reaper'), ['no-oom-livelock']);
    expect(actions(r.verdicts[0])[3]).toBe(
      'S: out_of_memory(); select_bad_process() picks victim (8 points); SIGKILL to victim; mark_oom_victim(V); spares unkillable process helper sharing the mm (OOM_SCORE_ADJ_MIN); mutex_unlock(&oom_lock)',
    );
  });

  test('shared-mm-mutex-holder with its vfork caller P (V is its sibling): the verdicts as before P, P exiting first once killed', () => {
    const s = load('shared-mm-mutex-holder');
    const run = (preset: string, knobs = {}) => {
      const r = checkScenario(s, resolveDesign(preset, knobs), ['no-oom-livelock', 'victim-always-handled', 'no-panic']);
      return [r.stats.states, ...r.verdicts.map((v) => (v.counterexample ? `${v.verdict} ${v.counterexample.steps.length}` : v.verdict))];
    };
    expect(run('no-reaper')).toEqual([13, 'violated 9', 'violated 9', 'holds']);
    expect(run('mmf-oom-reaped')).toEqual([13, 'violated 9', 'violated 9', 'holds']);
    expect(run('linux-4.8')).toEqual([675, 'holds', 'holds', 'holds']);
    expect(run('linux-4.8', { killSharers: 'spare-adj-min' })).toEqual([16, 'holds', 'holds', 'violated 7']);
    expect(run('mmf-oom-skip')).toEqual([711, 'holds', 'holds', 'holds']);
  });
});
