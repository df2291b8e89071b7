import { describe, expect, test } from 'vitest';
import { checkScenario } from '../../src/check/index.js';
import { resolveDesign } from '../../src/kernel/design/design.js';
import { loadScenarioFile } from '../../src/kernel/load/loadScenario.js';

const verdicts = (file: string, preset: string) => {
  const run = checkScenario(loadScenarioFile(file), resolveDesign(preset), ['no-needless-kill', 'no-kill-after-race']);
  return run.verdicts.map((v) => `${v.property}: ${v.verdict}${v.counterexample ? ` ${v.counterexample.steps.length}` : ''}`);
};

describe('no-needless-kill (what a design changes) and no-kill-after-race (the exit race no design avoids)', () => {
  test('4.6: the reaper frees the memory after the last-second attempt: a needless kill in 9 steps, not the exit race; 4.7 holds both', () => {
    expect(verdicts('scenarios/reap-vs-kill-race.yaml', 'reaper-queue-af8e15cc85a2')).toEqual(['no-needless-kill: violated 9', 'no-kill-after-race: holds']);
    expect(verdicts('scenarios/reap-vs-kill-race.yaml', 'mmf-oom-reaped')).toEqual(['no-needless-kill: holds', 'no-kill-after-race: holds']);
  });

  test('4.9: a victim exits between the last attempt and the kill: the race (9 steps), which no-needless-kill does not count', () => {
    expect(verdicts('scenarios/nofail-retry-forever.yaml', 'mmf-oom-skip')).toEqual(['no-needless-kill: holds', 'no-kill-after-race: violated 9']);
    const run = checkScenario(loadScenarioFile('scenarios/nofail-retry-forever.yaml'), resolveDesign('mmf-oom-skip'), ['no-kill-after-race']);
    const last = run.verdicts[0].counterexample!.steps.at(-1)!;
    expect(last.action).toMatch(/the 2 pages it needs are already free \(freed since its last attempt\)/);
  });
});
