import { describe, expect, test } from 'vitest';
import { checkScenario } from '../../src/check/index.js';
import { resolveDesign } from '../../src/kernel/design/design.js';
import { loadScenarioFile } from '../../src/kernel/load/loadScenario.js';
import type { Scenario } from '../../src/kernel/scenario.js';
import { shortestPathToLabel } from './shortestPath.js';

/** Built-in scenario `name` with `unreapable` pages on process `process` (its mm's owner). */
function withUnreapable(name: string, process: string, unreapable: number): Scenario {
  const s = loadScenarioFile(`scenarios/${name}.yaml`);
  return { ...s, processes: s.processes.map((p) => (p.name === process ? { ...p, unreapable } : p)) };
}

const actions = (verdict: { counterexample?: { steps: readonly { actor: string; action: string }[] } }) => verdict.counterexample?.steps.map((s) => `${s.actor}: ${s.action}`);

describe('memory the OOM reaper cannot free (mlocked, hugetlb, shared file mappings)', () => {
  test('the reaper frees pages − unreapable and says what it left; the kill in the reap race is needless only if that is enough (reap-vs-kill-race, 4.6)', () => {
    const design = resolveDesign('reaper-queue-af8e15cc85a2');
    const some = checkScenario(withUnreapable('reap-vs-kill-race', 'victim', 3), design, ['no-needless-kill', 'no-kill-after-race']);
    expect([some.stats.states, ...some.verdicts.map((v) => v.verdict)]).toEqual([75, 'violated', 'holds']);
    const steps = actions(some.verdicts[0])!;
    expect(steps.length).toBe(9);
    expect(steps.slice(-2)).toEqual([
      'oom_reaper: oom_reap_task(V): down_read_trylock(&victim->mm->mmap_sem) ok, reaps 1 page, 3 left (mlocked/hugetlb/shared), exit_oom_victim(V)',
      'H: out_of_memory(); select_bad_process() picks allocator (2 points); SIGKILL to allocator; mark_oom_victim(H); wake_oom_reaper(H): pushed on oom_reaper_list; needless (reaped-in-window): the reaper freed memory since its last attempt: 1 page free now, the request needs 1 page; mutex_unlock(&oom_lock)',
    ]);
    // All of it mlocked: the reap gives nothing back, so killing again is what the allocation needs.
    const none = checkScenario(withUnreapable('reap-vs-kill-race', 'victim', 4), design, ['no-needless-kill', 'no-kill-after-race']);
    expect([none.stats.states, ...none.verdicts.map((v) => v.verdict)]).toEqual([85, 'holds', 'holds']);
    expect(shortestPathToLabel(withUnreapable('reap-vs-kill-race', 'victim', 4), 'reaper-queue-af8e15cc85a2', /reaps 0 pages/)?.path.at(-1)).toBe(
      'oom_reaper: oom_reap_task(V): down_read_trylock(&victim->mm->mmap_sem) ok, reaps 0 pages, 4 left (mlocked/hugetlb/shared), exit_oom_victim(V)',
    );
  });

  test("the same in tetsuo-t1-t2-t3 under reaper-slot: 1 page of 8 reapable still covers H's 1 page; none does not", () => {
    const design = resolveDesign('reaper-slot');
    const verdict = (u: number) => {
      const r = checkScenario(withUnreapable('tetsuo-t1-t2-t3', 'victim', u), design, ['no-needless-kill']);
      return [r.stats.states, r.verdicts[0].verdict, r.verdicts[0].counterexample?.steps.length];
    };
    expect(verdict(0)).toEqual([320, 'violated', 16]);
    expect(verdict(7)).toEqual([320, 'violated', 16]);
    expect(verdict(8)).toEqual([470, 'holds', undefined]);
  });

  test('exit_mmap() frees what the reaper left', () => {
    const s = withUnreapable('reap-vs-kill-race', 'victim', 3);
    const after = shortestPathToLabel(s, 'reaper-queue-af8e15cc85a2', /^V: .*exit_mmap\(\) frees 3 pages/);
    expect(after?.path).toContain('oom_reaper: oom_reap_task(V): down_read_trylock(&victim->mm->mmap_sem) ok, reaps 1 page, 3 left (mlocked/hugetlb/shared), exit_oom_victim(V)');
  });
});

describe('scenario mostly-unreapable: the victim, itself the allocator, is mostly mlocked', () => {
  const load = () => loadScenarioFile('scenarios/mostly-unreapable.yaml');
  const run = (design: string, properties: readonly string[], s = load()) => checkScenario(s, resolveDesign(design), [...properties]);

  test('4.7 livelocks in 11 steps: the shortcut wakes the reaper again for an mm it already reaped, nothing comes back, nobody else is killed', () => {
    const r = run('mmf-oom-reaped', ['no-oom-livelock', 'victim-always-handled', 'no-panic']);
    expect([r.stats.states, ...r.verdicts.map((v) => v.verdict)]).toEqual([27, 'violated', 'holds', 'holds']);
    const trace = r.verdicts[0].counterexample!;
    expect(actions(r.verdicts[0])!.slice(3)).toEqual([
      'V: out_of_memory(); select_bad_process() picks victim (4 points); SIGKILL to victim; mark_oom_victim(V); wake_oom_reaper(V): pushed on oom_reaper_list; mutex_unlock(&oom_lock)',
      'oom_reaper: takes V off the head of oom_reaper_list',
      'oom_reaper: mutex_lock(&oom_lock); oom_reap_task(V): down_read_trylock(&victim->mm->mmap_sem) ok, reaps 1 page, 3 left (mlocked/hugetlb/shared), MMF_OOM_REAPED set, exit_oom_victim(V)',
      'V: no memory: mutex_trylock(&oom_lock) ok',
      'V: get_page_from_freelist(ALLOC_WMARK_HIGH) fails under oom_lock',
      'V: out_of_memory(); current V has a fatal signal pending: mark_oom_victim(V); wake_oom_reaper(V): pushed on oom_reaper_list; mutex_unlock(&oom_lock)',
      'oom_reaper: takes V off the head of oom_reaper_list',
      'oom_reaper: mutex_lock(&oom_lock); oom_reap_task(V): mm already reaped, nothing to reap, MMF_OOM_REAPED set, exit_oom_victim(V)',
    ]);
    // The cycle: V's trylock, its last-second attempt, the shortcut, the reaper taking V, nothing to reap.
    expect([trace.steps.length, trace.loopStart]).toEqual([11, 6]);
  });

  test('with every page reapable the same design holds: the reap frees the 2 pages and more', () => {
    const s = load();
    const all = { ...s, processes: s.processes.map((p) => ({ ...p, unreapable: 0 })) };
    const r = run('mmf-oom-reaped', ['no-oom-livelock', 'victim-always-handled', 'no-panic'], all);
    expect([r.stats.states, ...r.verdicts.map((v) => v.verdict)]).toEqual([20, 'holds', 'holds', 'holds']);
  });

  test('4.8 moves on to bystander; the 14-step panic is the closed world after bystander exits', () => {
    const r = run('linux-4.8', ['no-oom-livelock', 'no-panic']);
    expect([r.stats.states, ...r.verdicts.map((v) => v.verdict)]).toEqual([61, 'holds', 'violated']);
    const steps = actions(r.verdicts[1])!;
    expect(steps.length).toBe(14);
    expect(steps[8]).toBe(
      'V: out_of_memory(); select_bad_process() picks bystander (2 points); SIGKILL to bystander; mark_oom_victim(B); wake_oom_reaper(B): pushed on oom_reaper_list; mutex_unlock(&oom_lock)',
    );
    expect(steps.at(-1)).toMatch(/no killable process: panic/);
  });

  test('4.6 and 4.9 hold (22 and 17 states); under 4.9 V keeps TIF_MEMDIE, fails, exits, and exit_mmap() frees the 3 pages left', () => {
    expect(
      ['reaper-queue-af8e15cc85a2', 'mmf-oom-skip'].map((d) => {
        const r = run(d, ['no-oom-livelock', 'victim-always-handled', 'no-panic']);
        return [r.stats.states, ...r.verdicts.map((v) => v.verdict)];
      }),
    ).toEqual([
      [22, 'holds', 'holds', 'holds'],
      [17, 'holds', 'holds', 'holds'],
    ]);
    expect(shortestPathToLabel(load(), 'mmf-oom-skip', /exit_mmap\(\) frees 3 pages/)?.path.slice(-3)).toEqual([
      'oom_reaper: takes V off the head of oom_reaper_list',
      'oom_reaper: mutex_lock(&oom_lock); oom_reap_task(V): down_read_trylock(&victim->mm->mmap_sem) ok, reaps 1 page, 3 left (mlocked/hugetlb/shared), MMF_OOM_SKIP set',
      'V: exit_mm(): down_read(&victim->mm->mmap_sem) ok; last user: exit_mmap() frees 3 pages; exit_oom_victim(V)',
    ]);
  });

  test('without a reaper exit_mmap() frees all 4 pages, the unreapable ones too', () => {
    expect(shortestPathToLabel(load(), 'no-reaper', /exit_mmap\(\) frees/)?.path.at(-1)).toBe(
      'V: exit_mm(): down_read(&victim->mm->mmap_sem) ok; last user: exit_mmap() frees 4 pages; exit_oom_victim(V)',
    );
  });
});
