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
      'H: out_of_memory(); select_bad_process() picks allocator (2 points); SIGKILL to allocator; mark_oom_victim(H); wake_oom_reaper(H): pushed on oom_reaper_list; needless: the reaper freed the 1 page it needs since its last attempt; mutex_unlock(&oom_lock)',
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
