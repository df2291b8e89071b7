import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { resolveDesign } from '../../src/kernel/design/design.js';
import { loadScenarioFile } from '../../src/kernel/load/loadScenario.js';
import { kernelModel, type KernelModel } from '../../src/kernel/model.js';
import type { Scenario } from '../../src/kernel/scenario.js';
import type { KernelState } from '../../src/kernel/state.js';
import { labelOf, type StepEvent, type StepEventKind } from '../../src/kernel/transitions/stepEvent.js';

/** The fields of a committed counterexample JSON that a replay of its events needs. */
interface Committed {
  readonly scenario: { readonly content: Scenario };
  readonly design: { readonly name: string; readonly preset: string; readonly knobs: KernelModel['design']['knobs'] };
  readonly states: KernelState[];
  readonly steps: { readonly actorIndex: number; readonly label: string }[];
}

const committedFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? committedFiles(join(dir, e.name)) : e.name.endsWith('.json') && !e.name.endsWith('.itf.json') ? [join(dir, e.name)] : [],
  );
const read = (file: string): Committed => JSON.parse(readFileSync(file, 'utf8')) as Committed;

/** Breadth-first: the shortest path from the initial state to a step with an event of `kind`; that step's events and its depth. */
function firstStepWith(model: KernelModel, kind: StepEventKind): { depth: number; actor: number; events: readonly StepEvent[] } | undefined {
  const key = (s: KernelState) => JSON.stringify(s);
  let frontier = model.initialStates();
  const seen = new Set(frontier.map(key));
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: KernelState[] = [];
    for (const state of frontier) {
      const enabled: number[] = [];
      model.actions(state, enabled);
      for (const actor of enabled) {
        const events = model.stepEvents(state, actor);
        if (events.some((e) => e.kind === kind)) return { depth, actor, events };
        const after = model.nextState(state, actor);
        if (!seen.has(key(after))) seen.add(key(after)), next.push(after);
      }
    }
    frontier = next;
  }
  return undefined;
}

describe('the typed events of a step', () => {
  // Tetsuo's livelock under reaper-slot, T1 exiting without mmap_sem: tasks T1, T2, T3 (process victim), H (holder).
  const livelock = read('counterexamples/tetsuo-t1-t2-t3/reaper-slot+exitTakesMmapSem=false/no-oom-livelock[H].json');
  const model = kernelModel(livelock.scenario.content, livelock.design);
  const eventsOf = (step: number) => model.stepEvents(livelock.states[step - 1], livelock.steps[step - 1].actorIndex);

  test("step 7: T3's out_of_memory() picks victim, kills it, marks T2 and hands T2 to the reaper, all in the OOM killer's lane", () => {
    expect(eventsOf(7)).toEqual([
      { kind: 'oom-entered', text: 'out_of_memory()', lane: 'actor', memcg: -1 },
      { kind: 'victim-selected', text: 'select_bad_process() picks victim (8 points)', lane: 'oom-killer', process: 0, points: 8 },
      { kind: 'sigkill-sent', text: 'SIGKILL to victim', lane: 'oom-killer', process: 0 },
      { kind: 'victim-marked', text: 'mark_oom_victim(T2)', lane: 'oom-killer', task: 1, exiting: false },
      { kind: 'reaper-woken', text: 'wake_oom_reaper(T2): task_to_reap = T2', lane: 'oom-killer', task: 1, via: 'slot', selfCycle: false, mmOomKilled: false },
      { kind: 'oom-left', text: 'mutex_unlock(&oom_lock)', lane: 'actor', memcg: -1 },
    ]);
  });

  test('step 10: the dying-current shortcut marks T3 itself; step 13: the reaper gives up on T2, leaving TIF_MEMDIE and the mm as they are', () => {
    expect(eventsOf(10).map((e) => [e.kind, e.lane])).toEqual([
      ['oom-entered', 'actor'],
      ['dying-current', 'oom-killer'],
      ['oom-left', 'actor'],
    ]);
    expect(eventsOf(10)[1]).toMatchObject({ task: 2, marked: true });
    expect(eventsOf(13)).toEqual([
      {
        kind: 'reaper-gave-up',
        text: 'oom_reap_task(T2): down_read_trylock(&victim->mm->mmap_sem) fails (attempt 2/2): gives up',
        lane: 'actor',
        task: 1,
        attempts: 2,
        memdieCleared: false,
        mmFlagged: false,
        notReapableSet: false,
      },
    ]);
    expect(eventsOf(16).map((e) => e.kind)).toEqual(['mm-released', 'mm-still-used', 'victim-exited']);
    expect(eventsOf(19).map((e) => e.kind)).toEqual(['oom-entered', 'selection-aborted', 'oom-left']);
  });

  test('a dropped wake-up: under reaper-slot the first one is at step 17, the slot busy with T1', () => {
    const found = firstStepWith(kernelModel(loadScenarioFile('scenarios/tetsuo-t1-t2-t3.yaml'), resolveDesign('reaper-slot')), 'reaper-wakeup-dropped');
    expect(found?.depth).toBe(17);
    expect(found?.events.filter((e) => e.lane === 'oom-killer')).toEqual([
      { kind: 'victim-selected', text: 'select_bad_process() picks victim (8 points)', lane: 'oom-killer', process: 0, points: 8 },
      { kind: 'sigkill-sent', text: 'SIGKILL to victim', lane: 'oom-killer', process: 0 },
      { kind: 'victim-marked', text: 'mark_oom_victim(T2)', lane: 'oom-killer', task: 1, exiting: false },
      { kind: 'reaper-wakeup-dropped', text: 'wake_oom_reaper(T2): slot busy with T1, dropped', lane: 'oom-killer', task: 1, reason: 'slot-busy', busyWith: 0 },
    ]);
  });

  test('an actor without a step has no events', () => {
    const end = livelock.states[livelock.states.length - 1];
    expect(model.stepEvents(end, 0)).toEqual([]);
    expect(model.stepEvents(end, -1)).toEqual([]);
    expect(model.stepEvents(end, 99)).toEqual([]);
  });

  test('every step of every committed counterexample: the label is the join of the event texts, and only an OOM call has OOM-killer events, inside it', () => {
    const files = committedFiles('counterexamples');
    let steps = 0;
    for (const file of files) {
      const doc = read(file);
      const m = kernelModel(doc.scenario.content, doc.design);
      doc.steps.forEach((step, i) => {
        const events = m.stepEvents(doc.states[i], step.actorIndex);
        expect(labelOf(events), `${file} step ${i + 1}`).toBe(step.label);
        const lanes = events.map((e) => e.lane);
        if (lanes.includes('oom-killer')) {
          expect(events[0].kind).toBe('oom-entered');
          // A panic does not return: then the OOM-killer events run to the end, with no oom-left. It returns
          // (oom-left), or, before 9bfe5ded054b with CPUs, sleeps first and returns in a later step (oom-sleep).
          const panicked = events[events.length - 1].kind === 'panic';
          if (!panicked) expect(['oom-left', 'oom-sleep']).toContain(events[events.length - 1].kind);
          expect(lanes.slice(1, panicked ? undefined : -1).every((l) => l === 'oom-killer')).toBe(true);
        }
        steps++;
      });
    }
    expect(files).toHaveLength(149);
    // 124 counterexamples and 25 witnesses (reach[...].json).
    expect(steps).toBe(1559);
  });
});
