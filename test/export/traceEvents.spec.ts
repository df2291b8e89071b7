import { describe, expect, test } from 'vitest';
import { traceEvents } from '../../src/export/traceEvents.js';
import { livelockTrace } from './traces.js';

describe("a trace's step events, recomputed by the kernel model", () => {
  test("every step of Tetsuo's livelock is recognised; step 7 is T3's OOM kill", () => {
    const events = traceEvents(livelockTrace());
    expect(events).toHaveLength(19);
    expect(events.flat().filter((e) => e.kind === 'unrecognised')).toEqual([]);
    expect(events[6].map((e) => e.kind)).toEqual(['oom-entered', 'victim-selected', 'sigkill-sent', 'victim-marked', 'reaper-woken', 'oom-left']);
  });

  test('a recorded fragment the model does not write is unrecognised, in the lane of the event in its place; the others keep their meaning', () => {
    const doc = livelockTrace();
    const steps = doc.steps.map((s, i) => (i === 6 ? { ...s, label: s.label.replace('task_to_reap = T2', 'slot busy with T1, dropped') } : s));
    const step7 = traceEvents({ ...doc, steps })[6];
    expect(step7.map((e) => e.kind)).toEqual(['oom-entered', 'victim-selected', 'sigkill-sent', 'victim-marked', 'unrecognised', 'oom-left']);
    expect(step7[4]).toEqual({ kind: 'unrecognised', text: 'wake_oom_reaper(T2): slot busy with T1, dropped', lane: 'oom-killer' });
  });

  test('a label whose fragments do not line up with the model is one unrecognised event of the actor', () => {
    const doc = livelockTrace();
    const steps = doc.steps.map((s, i) => (i === 0 ? { ...s, label: 'something; else' } : s));
    expect(traceEvents({ ...doc, steps })[0]).toEqual([{ kind: 'unrecognised', text: 'something; else', lane: 'actor' }]);
  });
});
