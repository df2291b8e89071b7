import { describe, expect, test } from 'vitest';
import { traceDocument, type TraceDocument } from '../../src/export/traceDocument.js';
import { checkScenario } from '../../src/check/index.js';
import { resolveDesign } from '../../src/kernel/design/design.js';
import { loadScenarioFile } from '../../src/kernel/load/loadScenario.js';
import { replayTrace, type ReplayResult } from '../../src/check/index.js';
import { readTraceFile } from '../../src/export/readTrace.js';
import { version } from '../../src/packageRoot.js';
import { deadlockTrace, livelockTrace, needlessKillTrace, panicTrace, tetsuoFile } from '../export/traces.js';

/** `T` with every `readonly` removed, all the way down: a trace document a test may tamper with. */
type Writable<T> = T extends readonly (infer U)[] ? Writable<U>[] : T extends object ? { -readonly [K in keyof T]: Writable<T[K]> } : T;

/** `doc` as if this oomcheck had written it: its step labels are compared on replay. */
function current(doc: TraceDocument): TraceDocument {
  return { ...doc, tool: { ...doc.tool, version: version() } };
}

/** The livelock trace changed by `change`, replayed as written by this oomcheck. */
function tampered(change: (doc: Writable<TraceDocument>) => void, doc: TraceDocument = livelockTrace()): ReplayResult {
  const mine = current(doc) as Writable<TraceDocument>;
  change(mine);
  return replayTrace(mine);
}

const diverged = (step: number, expected: string, found: string, description: string): ReplayResult => ({ verdict: 'diverged', divergence: { step, expected, found, description } });

describe('replayTrace: recorded counterexamples replay with their violation confirmed', () => {
  test('a lasso (leads-to), two invariants and a deadlock', () => {
    expect(replayTrace(livelockTrace())).toEqual({ verdict: 'confirmed', steps: 19, property: 'no-oom-livelock[H]', kind: 'leadsTo' });
    expect(replayTrace(panicTrace())).toEqual({ verdict: 'confirmed', steps: 10, property: 'no-panic', kind: 'invariant' });
    expect(replayTrace(needlessKillTrace())).toEqual({ verdict: 'confirmed', steps: 16, property: 'no-needless-kill', kind: 'invariant' });
    expect(replayTrace(deadlockTrace())).toEqual({ verdict: 'confirmed', steps: 2, property: 'no-deadlock', kind: 'deadlockFree' });
  });

  test('the same states also violate victim-always-handled[T2], but not no-oom-livelock[T2] (T2 is not in the allocator)', () => {
    expect(tampered((d) => (d.property = { ...d.property, failing: 'victim-always-handled[T2]' }))).toEqual({
      verdict: 'confirmed',
      steps: 19,
      property: 'victim-always-handled[T2]',
      kind: 'leadsTo',
    });
    expect(tampered((d) => (d.property = { ...d.property, failing: 'no-oom-livelock[T2]' }))).toEqual({
      verdict: 'not-violated',
      steps: 19,
      property: 'no-oom-livelock[T2]',
      reason: "state 16, in the cycle, satisfies the property's goal: the cycle keeps reaching it",
    });
  });

  test('fairness: a weakly fair cycle in which H starves on oom_lock is not strongly fair', () => {
    const run = checkScenario(loadScenarioFile(tetsuoFile), resolveDesign('reaper-slot'), ['no-oom-livelock[H]'], { fairness: 'weak' });
    const doc = traceDocument(run, run.verdicts[0], '0.1.0', tetsuoFile);
    expect([doc.steps.length, doc.loop, doc.property.fairness]).toEqual([9, 6, 'weak']);
    expect(replayTrace(doc)).toEqual({ verdict: 'confirmed', steps: 9, property: 'no-oom-livelock[H]', kind: 'leadsTo' });
    expect(tampered((d) => (d.property = { ...d.property, fairness: 'strong' }), doc)).toEqual({
      verdict: 'not-violated',
      steps: 9,
      property: 'no-oom-livelock[H]',
      reason: 'the cycle is not fair under strong fairness: H can move in the cycle but never does',
    });
  });
});

describe('replayTrace: a tampered trace reports its first divergence, exactly', () => {
  test('a state field edited: the step into that state', () => {
    expect(tampered((d) => (d.states[5].free = 3))).toEqual(
      diverged(5, 'free = 3', 'free = 0', 'step 5 (T3: no memory: mutex_trylock(&oom_lock) ok) leads to another state: free differs (free is 3 in the trace, 0 on replay)'),
    );
    // A field the readable form does not show is still compared.
    expect(tampered((d) => (d.states[7].tasks[1].memdieAborts = 1))).toEqual(
      diverged(
        7,
        'tasks.T2.memdieAborts = 1',
        'tasks.T2.memdieAborts = 0',
        'step 7 (T3: out_of_memory(); select_bad_process() picks victim (8 points); SIGKILL to victim; mark_oom_victim(T2); wake_oom_reaper(T2): task_to_reap = T2; mutex_unlock(&oom_lock)) leads to another state: tasks.T2.memdieAborts differs',
      ),
    );
    expect(tampered((d) => (d.states[0].tasks[0].pc = 1))).toEqual(
      diverged(0, 'tasks.T1.pc = 1', 'tasks.T1.pc = 0', 'the initial state differs from the scenario\'s: tasks.T1.pc differs (tasks.T1 is "done" in the trace, "next: exit" on replay)'),
    );
  });

  test('a step dropped (with its state): the next step takes another action', () => {
    const result = tampered((d) => {
      d.steps.splice(3, 1);
      d.states.splice(4, 1);
      d.loop = 15;
    });
    expect(result).toEqual(
      diverged(
        4,
        'no memory: mutex_trylock(&oom_lock) ok',
        'alloc(1): get_page_from_freelist() fails: __alloc_pages_slowpath()',
        'step 4 (T3: no memory: mutex_trylock(&oom_lock) ok): T3 takes another step: alloc(1): get_page_from_freelist() fails: __alloc_pages_slowpath()',
      ),
    );
    expect(tampered((d) => d.states.pop())).toEqual(diverged(0, '20 states for 19 steps', '19 states', 'a trace has one more state than steps'));
  });

  test('an actor changed: it cannot move there; a name that disagrees with its index', () => {
    expect(tampered((d) => (d.steps[1] = { ...d.steps[1], actor: 'T2', actorIndex: 1 }))).toEqual(
      diverged(2, 'T2 moves', 'T2 cannot move (can move: T1, T3, H)', 'step 2 (T2: do_exit(): PF_EXITING): T2 cannot move in state 1'),
    );
    expect(tampered((d) => (d.steps[1] = { ...d.steps[1], actor: 'T2' }))).toEqual(diverged(2, 'actor T2', 'actor 0 is T1', "step 2 (T2: do_exit(): PF_EXITING): the actor's name and index disagree"));
    expect(tampered((d) => (d.steps[6] = { ...d.steps[6], label: 'out_of_memory(); nothing' }))).toEqual(
      diverged(
        7,
        'out_of_memory(); nothing',
        'out_of_memory(); select_bad_process() picks victim (8 points); SIGKILL to victim; mark_oom_victim(T2); wake_oom_reaper(T2): task_to_reap = T2; mutex_unlock(&oom_lock)',
        'step 7 (T3: out_of_memory(); nothing): T3 takes another step: out_of_memory(); select_bad_process() picks victim (8 points); SIGKILL to victim; mark_oom_victim(T2); wake_oom_reaper(T2): task_to_reap = T2; mutex_unlock(&oom_lock)',
      ),
    );
    expect(tampered((d) => (d.actors = ['T1', 'T2', 'T3', 'H', 'kswapd']))).toEqual(
      diverged(0, 'T1, T2, T3, H, kswapd', 'T1, T2, T3, H, oom_reaper', 'the trace names other actors than the scenario has'),
    );
  });

  test('the loop index changed: the lasso does not close, or the end does not stutter, or there is no loop', () => {
    expect(tampered((d) => (d.loop = 17))).toEqual(
      diverged(
        19,
        'tasks.H.alloc = 2, oomLock = 3',
        'tasks.H.alloc = 1, oomLock = -1',
        'the last state should be state 17, where the cycle starts: tasks.H.alloc, oomLock differ (oom_lock is "H" in the trace, null on replay; tasks.H is "in allocator, holds oom_lock (last-second attempt)" in the trace, "in allocator (retry)" on replay)',
      ),
    );
    expect(tampered((d) => (d.loop = 19))).toEqual({
      verdict: 'not-violated',
      steps: 19,
      property: 'no-oom-livelock[H]',
      reason: 'the trace ends by stuttering in state 19, but H can still move there',
    });
    expect(tampered((d) => delete d.loop)).toEqual({ verdict: 'not-violated', steps: 19, property: 'no-oom-livelock[H]', reason: 'the trace has no loop, and a liveness counterexample is a lasso' });
  });

  test('a knob changed: the name no longer matches; renamed too, the first step the knob forbids', () => {
    expect(tampered((d) => (d.design = { ...d.design, knobs: { ...d.design.knobs, exitTakesMmapSem: true } }))).toEqual(
      diverged(0, "exitTakesMmapSem=false (the design's name)", 'exitTakesMmapSem=true (its knobs)', 'the design is named reaper-slot+exitTakesMmapSem=false but its knobs have exitTakesMmapSem=true'),
    );
    // exit_mm() takes mmap_sem for read: T1 cannot exit while T3 holds it for write.
    expect(tampered((d) => (d.design = { name: 'reaper-slot', preset: 'reaper-slot', knobs: { ...d.design.knobs, exitTakesMmapSem: true } }))).toEqual(
      diverged(3, 'T1 moves', 'T1 cannot move (can move: T3, H)', 'step 3 (T1: exit_mm(); mm still used by other threads): T1 cannot move in state 2'),
    );
    expect(tampered((d) => (d.design = { ...d.design, preset: 'reaper-queue', name: 'reaper-queue+exitTakesMmapSem=false' }))).toEqual(
      diverged(0, "reaper=queue (the design's name)", 'reaper=slot (its knobs)', 'the design is named reaper-queue+exitTakesMmapSem=false but its knobs have reaper=slot'),
    );
  });

  test('a safety trace cut short no longer violates its property', () => {
    const cut = (d: Writable<TraceDocument>) => {
      d.steps.pop();
      d.states.pop();
    };
    expect(tampered(cut, panicTrace())).toEqual({ verdict: 'not-violated', steps: 9, property: 'no-panic', reason: 'the last state (state 9) satisfies it' });
    expect(tampered(cut, deadlockTrace())).toEqual({ verdict: 'not-violated', steps: 1, property: 'no-deadlock', reason: 'A, B can still move in the last state (state 1)' });
  });
});

describe('replayTrace: a trace of another oomcheck version replays on its states, whatever the wording of its labels', () => {
  const fixture = (name: string) => readTraceFile(new URL(`../check/fixtures/${name}`, import.meta.url).pathname);

  test('traces written by oomcheck 0.1.0, before the trace wording of issue 12, are confirmed', () => {
    const json = fixture('oomcheck-0.1.0-needless-kill.json');
    const itf = fixture('oomcheck-0.1.0-spurious-enomem.itf.json');
    expect([json.tool.version, itf.tool.version]).toEqual(['0.1.0', '0.1.0']);
    // The old wording, which this oomcheck no longer writes.
    expect(json.steps.at(-1)?.label).toContain('select_bad_process() picks holder (1 points)');
    expect(itf.steps.at(-1)?.label).toBe('mem_cgroup_oom(): not a user fault, nothing to do: the system call returns -ENOMEM');
    expect(replayTrace(json)).toEqual({ verdict: 'confirmed', steps: 16, property: 'no-needless-kill', kind: 'invariant' });
    expect(replayTrace(itf)).toEqual({ verdict: 'confirmed', steps: 2, property: 'no-spurious-enomem', kind: 'invariant' });
  });

  test('as if written by this version, the same file diverges at its first reworded step', () => {
    expect(replayTrace(current(fixture('oomcheck-0.1.0-needless-kill.json')))).toEqual(
      diverged(
        15,
        'oom_reap_task(T1): down_read_trylock(&victim->mm->mmap_sem) ok, reaps 8 pages',
        'oom_reap_task(T1): down_read_trylock(&victim->mm->mmap_sem) ok, reaps 8 pages, exit_oom_victim(T1)',
        'step 15 (oom_reaper: oom_reap_task(T1): down_read_trylock(&victim->mm->mmap_sem) ok, reaps 8 pages): oom_reaper takes another step: oom_reap_task(T1): down_read_trylock(&victim->mm->mmap_sem) ok, reaps 8 pages, exit_oom_victim(T1)',
      ),
    );
  });

  test('a step of another version is still checked against the states: an edited state diverges', () => {
    const doc = fixture('oomcheck-0.1.0-needless-kill.json') as Writable<TraceDocument>;
    doc.states[3].free = 5;
    expect(replayTrace(doc)).toEqual(
      diverged(3, 'free = 5', 'free = 0', 'step 3 (T3: get_page_from_freelist(ALLOC_WMARK_HIGH) fails under oom_lock) leads to another state: free differs (free is 5 in the trace, 0 on replay)'),
    );
  });
});
