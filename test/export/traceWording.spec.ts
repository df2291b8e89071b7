import { describe, expect, test } from 'vitest';
import { checkScenario } from '../../src/check/index.js';
import { markdownTrace } from '../../src/export/markdown.js';
import { situation } from '../../src/export/taskSituation.js';
import { traceDocument } from '../../src/export/traceDocument.js';
import { resolveDesign } from '../../src/kernel/design/design.js';
import { layoutOf } from '../../src/kernel/layout.js';
import { loadScenarioFile } from '../../src/kernel/load/loadScenario.js';
import { plainState } from '../../src/kernel/plainState.js';
import { ExitMmapStage, initialState } from '../../src/kernel/state.js';

/** The Markdown of the first violation of `property` in scenario `file` under `preset`. */
function markdown(file: string, preset: string, property: string): string {
  const run = checkScenario(loadScenarioFile(file), resolveDesign(preset), [property]);
  return markdownTrace(traceDocument(run, run.verdicts[0], '0.1.0', file));
}

describe('trace wording a kernel developer checked', () => {
  test('cve-2016-10723 under mmf-oom-skip: L holds oom_lock without a step; the reaper waits in mutex_lock(&oom_lock)', () => {
    const md = markdown('scenarios/cve-2016-10723.yaml', 'mmf-oom-skip', 'no-oom-livelock');
    expect(md).toContain('A2 loops there too. L stays there too without taking a step: it is woken (runnable) from schedule_timeout_killable(1) in out_of_memory(), holding oom_lock. ');
    expect(md).not.toContain('A2 and L loop there too');
    expect(md).toContain('- L: in allocator, holds oom_lock, woken (runnable) from schedule_timeout_killable(1) (out_of_memory)\n');
    expect(md).toContain('- oom_reaper: reaping V: waits in mutex_lock(&oom_lock), held by L (failed trylocks: 0)\n');
  });

  test('4.8 names the flagged mm MMF_OOM_REAPED in the state lines too (as its steps do); 4.9 MMF_OOM_SKIP', () => {
    const layout = layoutOf(loadScenarioFile('scenarios/unreapable-victim.yaml'));
    const s = initialState(layout);
    s.mms[0].flagged = true;
    s.mms[0].notReapable = true;
    const mms = (preset: string) => (plainState(layout, s, resolveDesign(preset).knobs).mms as Record<string, string>).victim;
    expect(mms('linux-4.8')).toBe('live, MMF_OOM_REAPED, MMF_OOM_NOT_REAPABLE');
    expect(mms('mmf-oom-skip')).toBe('live, MMF_OOM_SKIP, MMF_OOM_NOT_REAPABLE');
  });

  test('an mm being torn down says it is in exit_mmap() (4.17 tears down in stages)', () => {
    const layout = layoutOf(loadScenarioFile('scenarios/exit-mmap-vs-reaper.yaml'));
    const s = initialState(layout);
    const knobs = resolveDesign('linux-4.17').knobs;
    const victim = () => (plainState(layout, s, knobs).mms as Record<string, string>).victim;
    expect(victim()).toBe('live');
    s.mms[0].exitMmap = ExitMmapStage.Begun;
    expect(victim()).toBe('live, in exit_mmap() (its last user tears it down)');
    s.mms[0].exitMmap = ExitMmapStage.Skipped;
    s.mms[0].reaped = true;
    s.mms[0].flagged = true;
    expect(victim()).toBe('live, in exit_mmap(), past its own reap: the rest still to unmap, reaped, MMF_OOM_SKIP');
  });

  test('a killed task that has not set PF_EXITING yet is not said to wait in exit_mm() (4.8, unreapable-victim)', () => {
    const layout = layoutOf(loadScenarioFile('scenarios/unreapable-victim.yaml'));
    const knobs = resolveDesign('linux-4.8').knobs;
    const s = initialState(layout);
    const u1 = layout.tasks.findIndex((t) => t.name === 'U1');
    s.tasks[u1].fatalSignal = true;
    expect(situation(layout, knobs, s, u1)).toBe('has not begun do_exit() yet; its exit_mm() will wait for &mm->mmap_sem, held by U2 for write');
    s.tasks[u1].exiting = true;
    expect(situation(layout, knobs, s, u1)).toBe('waits in exit_mm() for &mm->mmap_sem, held by U2 for write');
  });
});
