import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { kernelModel, type KernelModel } from '../../src/kernel/model.js';
import type { Scenario } from '../../src/kernel/scenario.js';
import type { KernelState } from '../../src/kernel/state.js';
import { blockedOn, taskInUserMode, type LockWait } from '../../src/kernel/taskSituation.js';

/** The fields of a committed counterexample JSON read here. */
interface Committed {
  readonly scenario: { readonly content: Scenario };
  readonly design: KernelModel['design'];
  readonly states: KernelState[];
}

const committedFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? committedFiles(join(dir, e.name)) : e.name.endsWith('.json') && !e.name.endsWith('.itf.json') ? [join(dir, e.name)] : [],
  );
const read = (file: string): Committed => JSON.parse(readFileSync(file, 'utf8')) as Committed;

describe('where a task is, as the kernel rules say', () => {
  test("Tetsuo's livelock (reaper-slot): at the end T2 sleeps in mutex_lock(&i_mutex); T1 is stuck before exit_mm() on victim's mmap_sem", () => {
    const doc = read('counterexamples/tetsuo-t1-t2-t3/reaper-slot/no-oom-livelock[H].json');
    const { layout } = kernelModel(doc.scenario.content, doc.design);
    const end = doc.states[doc.states.length - 1];
    const waits = layout.tasks.map((_, t) => blockedOn(layout, doc.design.knobs, end, t));
    expect(waits).toEqual([{ where: 'exit_mm', lock: 1 }, { where: 'lock-op', op: 'mutex_lock', lock: 0 }, undefined, undefined]);
    expect(layout.tasks.map((_, t) => taskInUserMode(layout, end, t))).toEqual([false, false, false, false]);
  });

  test('in every state of every committed counterexample, a task asleep on a lock has no step (exit_mm(): once PF_EXITING is set)', () => {
    const seen: Record<LockWait['where'], number> = { 'page-fault': 0, exit_mm: 0, 'lock-op': 0 };
    let lookingAhead = 0;
    for (const file of committedFiles('counterexamples')) {
      const doc = read(file);
      const model = kernelModel(doc.scenario.content, doc.design);
      for (const s of doc.states) {
        const enabled: number[] = [];
        model.actions(s, enabled);
        model.layout.tasks.forEach((_, t) => {
          const wait = blockedOn(model.layout, doc.design.knobs, s, t);
          if (wait === undefined) return;
          seen[wait.where]++;
          if (wait.where === 'exit_mm' && !s.tasks[t].exiting) lookingAhead++;
          else expect(enabled, `${file}: task ${t} is blocked on ${JSON.stringify(wait)}`).not.toContain(t);
        });
      }
    }
    expect(seen).toEqual({ 'page-fault': 17, exit_mm: 341, 'lock-op': 895 });
    expect(lookingAhead).toBe(122);
  });
});
