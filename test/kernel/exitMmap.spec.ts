import { describe, expect, test } from 'vitest';
import { checkScenario } from '../../src/check/index.js';
import { resolveDesign } from '../../src/kernel/design/design.js';
import { loadScenarioFile } from '../../src/kernel/load/loadScenario.js';
import type { Scenario } from '../../src/kernel/scenario.js';

const actions = (verdict: { counterexample?: { steps: readonly { actor: string; action: string }[] } }) => verdict.counterexample?.steps.map((s) => `${s.actor}: ${s.action}`);
const run = (scenario: Scenario, design: string, properties: string[]) => {
  const [preset, override] = design.split('+');
  return checkScenario(scenario, resolveDesign(preset, override === undefined ? {} : Object.fromEntries([override.split('=')])), properties);
};
const vsReaper = () => loadScenarioFile('scenarios/exit-mmap-vs-reaper.yaml');
const mlocked = () => loadScenarioFile('scenarios/exit-mmap-mlocked.yaml');

describe('exit_mmap() in stages beside the reaper (exitMmap)', () => {
  test('4.9-4.13 (mmget): the reaper finds mm_users 0, sets MMF_OOM_SKIP, and H kills the bystander while exit_mmap() still has 4 pages: needless in 11 steps', () => {
    const r = run(vsReaper(), 'mmf-oom-skip+exitMmap=mmget', ['no-needless-kill', 'no-oom-livelock']);
    expect([r.stats.states, r.verdicts[0].verdict]).toEqual([429, 'violated']);
    const steps = actions(r.verdicts[0])!;
    expect(steps).toHaveLength(11);
    expect(steps.slice(5, 8)).toEqual([
      'V: exit_mm(): down_read(&victim->mm->mmap_sem) ok; last user: mmput(): mm_users 0, __mmput() begins',
      'oom_reaper: takes V off the head of oom_reaper_list',
      'oom_reaper: mutex_lock(&oom_lock); oom_reap_task(V): mmget_not_zero() fails: mm_users 0, exit_mmap() runs, nothing to reap, MMF_OOM_SKIP set',
    ]);
    expect(steps.at(-1)).toContain("needless (tearing-down): earlier victim V is in __mmput(), whose exit_mmap() frees the 4 pages of victim's mm the request needs");
  });

  test('4.14 (212925802454) reaps beside exit_mmap() and lets it set the flag: no needless kill; with exit_mmap() one step 4.9 has none either (86 states)', () => {
    for (const [design, states] of [
      ['linux-4.14', 110],
      ['linux-4.16', 110],
      ['mmf-oom-skip', 86],
    ] as const) {
      const r = run(vsReaper(), design, ['no-needless-kill', 'no-kill-after-race']);
      expect([design, r.stats.states, ...r.verdicts.map((v) => v.verdict)]).toEqual([design, states, 'holds', 'violated']);
    }
  });

  test("4.17 (27ae357fa82b): exit_mmap() reaps the victim's mm under oom_lock, sets MMF_OOM_SKIP, then unmaps the rest; H's window stays shut (40 states, all hold); 4.19 without oom_lock does not", () => {
    const r417 = run(vsReaper(), 'linux-4.17', ['no-needless-kill', 'no-kill-after-race']);
    expect([r417.stats.states, ...r417.verdicts.map((v) => v.verdict)]).toEqual([40, 'holds', 'holds']);
    const r419 = run(vsReaper(), 'linux-4.19', ['no-needless-kill', 'no-oom-livelock']);
    const steps = actions(r419.verdicts[0])!;
    expect([r419.stats.states, r419.verdicts[0].verdict, steps.length]).toEqual([450, 'violated', 9]);
    expect(steps.at(-1)).toContain('needless (reaped-in-window): the reaper freed memory since its last attempt: 4 pages free now, the request needs 2 pages');
  });

  test("issue 11's blind kill: MMF_OOM_SKIP hides a victim whose exit still has its 3 mlocked pages to free; 10 steps under 4.9 and 4.17, 11 under 4.14 (exit_mmap() must have begun)", () => {
    const reaperFlag = 'oom_reaper: mutex_lock(&oom_lock); oom_reap_task(V): down_read_trylock(&victim->mm->mmap_sem) ok, reaps 1 page, 3 left (mlocked/hugetlb/shared), MMF_OOM_SKIP set';
    for (const [design, states, length, flagBy] of [
      ['mmf-oom-skip', 433, 10, reaperFlag],
      ['linux-4.14', 627, 11, reaperFlag],
      ['linux-4.17', 559, 10, 'V: exit_mmap(): mm_is_oom_victim: mutex_lock(&oom_lock), __oom_reap_task_mm() frees 1 page; MMF_OOM_SKIP set; down_write/up_write(&victim->mm->mmap_sem)'],
    ] as const) {
      const r = run(mlocked(), design, ['no-needless-kill', 'no-oom-livelock']);
      const steps = actions(r.verdicts[0])!;
      expect([design, r.stats.states, steps.length, steps.includes(flagBy)]).toEqual([design, states, length, true]);
      expect(steps.at(-1)).toContain('picks bystander (2 points)');
      const how = design === 'mmf-oom-skip' ? 'is PF_EXITING, about to exit_mm(), which frees' : 'is in __mmput(), whose exit_mmap() frees';
      expect(steps.at(-1)).toContain(`needless (tearing-down): earlier victim V ${how} the 3 pages of victim's mm the request needs`);
    }
    // Without mlocked pages the same kill under 4.9 is no needless one: the reaper freed all 4 before H's attempt.
    const all = { ...mlocked(), processes: mlocked().processes.map((p) => ({ ...p, unreapable: 0 })) };
    expect(run(all, 'mmf-oom-skip', ['no-needless-kill']).verdicts[0].verdict).toBe('holds');
  });
});
