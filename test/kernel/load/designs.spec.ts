import { describe, expect, test } from 'vitest';
import { knobSpecs } from '../../../src/kernel/design/knobs/index.js';
import { presets } from '../../../src/kernel/design/presets/index.js';
import { loadScenarioText } from '../../../src/kernel/load/loadScenario.js';
import { problemsOf, victimWith } from './helpers.js';

// The registries grow while the model is written: lists in messages come from them.
const presetList = presets.map((p) => p.name).join(', ');
const knobList = knobSpecs.map((k) => k.name).join(', ');

/** A valid scenario (lines 1–11) followed by `lines` from line 12 on. */
const withTail = (lines: readonly string[]): string[] => victimWith(['      - name: T1', '        program:', '          - { op: exit }'], lines);

describe('designs, properties and expected verdicts', () => {
  test('each preset known; each knob known and in range (DesignError at the knob)', () => {
    const lines = withTail([
      'designs:',
      '  - preset: reaper-slt', // 13
      '  - preset: reaper-queue',
      '    knobs: { reaperRetries: 11, reaperQueueOrdr: fifo, shortcutWakesReaper: "yes", frob: 1 }', // 15
    ]);
    expect(problemsOf(lines)).toEqual([
      `s.yaml:13:13: at designs[0].preset: unknown design preset 'reaper-slt'; did you mean 'reaper-slot'?`,
      's.yaml:15:29: at designs[1].knobs.reaperRetries: knob reaperRetries: 11 is not one of 1..10',
      "s.yaml:15:33: at designs[1].knobs.reaperQueueOrdr: unknown knob 'reaperQueueOrdr'; did you mean 'reaperQueueOrder'?",
      's.yaml:15:77: at designs[1].knobs.shortcutWakesReaper: knob shortcutWakesReaper: "yes" is not one of false | true',
      `s.yaml:15:84: at designs[1].knobs.frob: unknown knob 'frob'; expected one of ${knobList}`,
    ]);
  });

  test('an unknown linux-X.Y names the release presets on either side; a knob value gets a did-you-mean', () => {
    const lines = withTail(['designs:', '  - preset: linux-4.18', '  - preset: linux-6.1', '  - { preset: linux-4.19, knobs: { exitMmap: reap_skip } }']);
    expect(problemsOf(lines)).toEqual([
      "s.yaml:13:13: at designs[0].preset: unknown design preset 'linux-4.18'; no preset models that release: the nearest are linux-4.17 and linux-4.19",
      "s.yaml:14:13: at designs[1].preset: unknown design preset 'linux-6.1'; no preset models that release: the nearest is linux-5.4",
      's.yaml:15:46: at designs[2].knobs.exitMmap: knob exitMmap: "reap_skip" is not one of atomic | mmget | unmap-skip | reap-skip; did you mean \'reap-skip\'?',
    ]);
  });

  test('two entries that resolve to the same design are one too many', () => {
    const lines = withTail(['designs:', '  - { preset: reaper-slot, knobs: { reaperRetries: 3 } }', '  - { preset: reaper-slot, knobs: { reaperRetries: 3 } }']);
    expect(problemsOf(lines)).toEqual(["s.yaml:14:5: at designs[1]: duplicate design 'reaper-slot+reaperRetries=3' (also at designs[0])"]);
  });

  test('properties: known names, per-task references to declared threads, each once', () => {
    const lines = withTail(['properties: [no-deadlok, "no-oom-livelock[T9]", no-panic, no-panic, "no-oom-livelock[T1]"]']);
    expect(problemsOf(lines)).toEqual([
      "s.yaml:12:14: at properties[0]: unknown property 'no-deadlok'; did you mean 'no-deadlock'?",
      "s.yaml:12:26: at properties[1]: no thread named 'T9' (in 'no-oom-livelock[T9]'); did you mean 'T1'?",
      "s.yaml:12:59: at properties[3]: duplicate property 'no-panic' (also at properties[2])",
    ]);
  });

  test('properties: a [TASK] only on a per-task property', () => {
    const lines = withTail(['properties: ["no-deadlock[T1]", "bounded-overcharge[T1]", "victim-always-handled[T1]"]']);
    expect(problemsOf(lines)).toEqual([
      "s.yaml:12:14: at properties[0]: 'no-deadlock' is not checked per task, so '[T1]' cannot restrict it (per-task: no-oom-livelock, victim-always-handled)",
      "s.yaml:12:33: at properties[1]: 'bounded-overcharge' is not checked per task, so '[T1]' cannot restrict it (per-task: no-oom-livelock, victim-always-handled)",
    ]);
  });

  test("expect: each design is one of the scenario's designs, named as resolveDesign names it", () => {
    const lines = withTail([
      'designs: [{ preset: reaper-slot }, { preset: reaper-queue, knobs: { reaperRetries: 3 } }]',
      'expect:',
      '  reaper-slot: { no-oom-livelock: violated }',
      '  reaper-queue+reaperRetries=3: { no-oom-livelock: holds }',
      '  reaper-queue: { no-oom-livelock: holds }', // 16
      '  reaper-queue+reaperRetries=4: { no-oom-livelock: holds }', // 17
    ]);
    expect(problemsOf(lines)).toEqual([
      's.yaml:16:3: at expect["reaper-queue"]: design \'reaper-queue\' is not checked by this scenario; expected one of reaper-slot, reaper-queue+reaperRetries=3',
      "s.yaml:17:3: at expect[\"reaper-queue+reaperRetries=4\"]: design 'reaper-queue+reaperRetries=4' is not checked by this scenario; did you mean 'reaper-queue+reaperRetries=3'?",
    ]);
  });

  test('expect without designs: any preset, but not a design with overrides (it is not checked)', () => {
    const ok = withTail(['expect: { no-reaper: { no-deadlock: holds }, tetsuo-panic: { no-panic: violated } }']);
    expect(loadScenarioText(ok.join('\n'), 's.yaml').expect).toEqual({ 'no-reaper': { 'no-deadlock': 'holds' }, 'tetsuo-panic': { 'no-panic': 'violated' } });
    const lines = withTail(['expect: { reaper-slot+reaperRetries=3: { no-deadlock: holds } }']);
    expect(problemsOf(lines)).toEqual([`s.yaml:12:11: at expect["reaper-slot+reaperRetries=3"]: design 'reaper-slot+reaperRetries=3' is not checked by this scenario; expected one of ${presetList}`]);
  });

  test('expect: each property known and checked; each verdict holds or violated', () => {
    const lines = withTail([
      'properties: [no-deadlock, no-oom-livelock]',
      'expect:',
      '  reaper-slot: { no-deadlok: holds, no-panic: holds, no-oom-livelock: hold, no-deadlock: 1 }', // 14
    ]);
    expect(problemsOf(lines)).toEqual([
      's.yaml:14:18: at expect["reaper-slot"]["no-deadlok"]: unknown property \'no-deadlok\'; did you mean \'no-deadlock\'?',
      's.yaml:14:37: at expect["reaper-slot"]["no-panic"]: property \'no-panic\' is not checked by this scenario; expected one of no-deadlock, no-oom-livelock',
      's.yaml:14:71: at expect["reaper-slot"]["no-oom-livelock"]: expected holds or violated, got "hold"; did you mean \'holds\'?',
      's.yaml:14:90: at expect["reaper-slot"]["no-deadlock"]: expected holds or violated, got 1',
    ]);
  });
});
