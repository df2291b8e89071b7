import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { kernelModel, type KernelModel } from '../../src/kernel/model.js';
import type { Scenario } from '../../src/kernel/scenario.js';
import type { KernelState } from '../../src/kernel/state.js';
import { blockedOn, taskInUserMode, type LockWait } from '../../src/kernel/taskSituation.js';
import { alloc, mutexLock, mutexUnlock, resolveDesign, scenario, upWrite } from '../../src/kernel/index.js';

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
  test('a thread killed in user mode before its fault waits in exit_mm() for the writer of its mmap_sem, before and after PF_EXITING', () => {
    // A holds victim's mmap_sem for write and sleeps on m, which H holds while it allocates; H's OOM kill reaches B in user mode.
    const s = scenario('killed-in-user-mode')
      .describe('B is killed in user mode while A holds the mmap_sem for write')
      .memory({ free: 0, reserves: 0 })
      .mutex('m')
      .process('victim', { pages: 4 }, (p) =>
        p.thread('A', [mutexLock('m'), mutexUnlock('m'), upWrite('mmap_sem')], { holds: [{ lock: 'mmap_sem', mode: 'write' }] }).thread('B', [alloc(1, { context: 'user-fault' })]),
      )
      .process('holder', { pages: 1 }, (p) => p.thread('H', [alloc(1), mutexUnlock('m')], { holds: [{ lock: 'm', mode: 'write' }] }))
      .build();
    const model = kernelModel(s, resolveDesign('no-reaper'));
    const { layout } = model;
    const b = layout.tasks.findIndex((t) => t.name === 'B');
    let state = model.initialStates()[0];
    const seen: string[] = [];
    // Run H until B has SIGKILL, then B until it has PF_EXITING, noting where B waits at each point.
    const h = layout.tasks.findIndex((t) => t.name === 'H');
    while (!state.tasks[b].fatalSignal) state = model.nextState(state, h);
    seen.push(JSON.stringify(blockedOn(layout, model.design.knobs, state, b)));
    state = model.nextState(state, b);
    expect(state.tasks[b].exiting).toBe(true);
    seen.push(JSON.stringify(blockedOn(layout, model.design.knobs, state, b)));
    const sem = layout.processes[layout.tasks[b].process].mmapSem;
    expect(seen).toEqual([JSON.stringify({ where: 'exit_mm', lock: sem }), JSON.stringify({ where: 'exit_mm', lock: sem })]);
  });

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
    expect(seen).toEqual({ 'page-fault': 23, exit_mm: 479, 'lock-op': 1187 });
    // The committed witnesses (reach[...].json) count too.
    expect(lookingAhead).toBe(244);
  });
});
