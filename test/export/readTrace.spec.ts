import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { itfExporter } from '../../src/export/itf.js';
import { jsonExporter } from '../../src/export/json.js';
import { readTraceFile, readTraceText, traceFormatOf } from '../../src/export/readTrace.js';
import { TraceFileError } from '../../src/export/traceFileError.js';
import { presets } from '../../src/kernel/design/presets/index.js';
import { knobsAbsentFrom, knobsNewInVersion2 } from '../../src/export/readHeader.js';
import { resolveDesign } from '../../src/kernel/design/design.js';
import { livelockTrace, spuriousTrace } from './traces.js';

/** The error `readTraceText` throws, as its one-line form. */
function problem(text: string, file: string): string {
  try {
    readTraceText(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(TraceFileError);
    return (error as TraceFileError).format();
  }
  throw new Error('no error');
}

/** `LINE:COL` of the value in `needle` (`"key": value`, its first occurrence after `after`). */
function valueAt(text: string, needle: string, after = ''): string {
  const index = text.indexOf(needle, after === '' ? 0 : text.indexOf(after)) + needle.indexOf('": ') + 3;
  const before = text.slice(0, index);
  return `${before.split('\n').length}:${index - before.lastIndexOf('\n')}`;
}

/** `LINE:COL` of the first occurrence of `needle` (a key). */
function keyAt(text: string, needle: string): string {
  const index = text.indexOf(needle);
  const before = text.slice(0, index);
  return `${before.split('\n').length}:${index - before.lastIndexOf('\n')}`;
}

/** A livelock trace in `format`, changed by `change`, as 2-space JSON. */
function edited(format: 'json' | 'itf', change: (d: any) => void): string {
  const doc = JSON.parse((format === 'json' ? jsonExporter : itfExporter).render(livelockTrace()));
  change(doc);
  return JSON.stringify(doc, null, 2);
}

describe('readTraceText: bad trace files name the file, the line and column, the JSON path and the cause', () => {
  test('formats by extension', () => {
    expect([traceFormatOf('a/b.itf.json'), traceFormatOf('B.JSON'), traceFormatOf('b.yaml')]).toEqual(['itf', 'json', undefined]);
    expect(problem('{}', 'trace.txt')).toBe('trace.txt: unknown trace format: a trace file ends in .json (oomcheck) or .itf.json (ITF)');
    expect(problem('{"a":', 'x.json')).toBe('x.json:1:6: JSON syntax error: unexpected end of file: expected a value');
    expect(problem(jsonExporter.render(livelockTrace()), 'x.itf.json')).toBe('x.itf.json:1:1: this looks like an oomcheck JSON trace: those end in .json, ITF traces in .itf.json');
    expect(problem(itfExporter.render(livelockTrace()), 'x.json')).toBe('x.json:1:1: this looks like an ITF trace: ITF files end in .itf.json');
  });

  test('oomcheck JSON', () => {
    const cases: [(d: any) => void, string, string][] = [
      [(d) => (d.schemaVersion = 6), '"schemaVersion": ', 'at schemaVersion: unsupported schema version 6 (this oomcheck reads versions 1, 2, 3, 4 and 5)'],
      [(d) => (d.states[0].spuriousError = 'no'), '"spuriousError": ', 'at states[0].spuriousError: expected true or false, found the string "no"'],
      [(d) => (d.states[0].memcgs = [{ usage: 1, limit: 1, oomLock: -1 }]), '"memcgs": ', 'at states[0].memcgs: expected 0 memcgs, found 1'],
      [(d) => (d.tool.name = 'tlc'), '"name": ', 'at tool.name: expected one of "oomcheck", found "tlc"'],
      [(d) => (d.states[3].tasks[1].pc = 9), '"pc": 9', 'at states[3].tasks[1].pc: 9 is out of range 0..2'],
      [(d) => (d.states[3].free = -1), '"free": -1', 'at states[3].free: -1 is out of range 0..2147483647'],
      [(d) => (d.design.knobs.reaperRetries = 99), '"reaperRetries": ', 'at design.knobs.reaperRetries: 99 is not one of 1..10'],
      [(d) => (d.steps[3].actor = 'T2'), '"actor": "T2"', 'at steps[3].actor: actor 2 is T3, not T2'],
      [(d) => (d.loop = 20), '"loop": ', 'at loop: 20 is out of range 0..19'],
      [(d) => (d.property.failing = 'no-oom-livelock[X]'), '"failing": ', 'at property.failing: "no-oom-livelock[X]" is not a property of this scenario'],
      [(d) => (d.property.kind = 'safety'), '"kind": "safety"', 'at property.kind: no-oom-livelock[H] is a liveness property'],
      [
        (d) => (d.scenario.content.processes[0].threads[1].program[0].lock = 'nope'),
        '"lock": "nope"',
        "at scenario.content.processes[0].threads[1].program[0].lock: mutex_lock(nope): no mutex named 'nope' is declared in locks; expected one of i_mutex",
      ],
    ];
    for (const [change, key, message] of cases) {
      const text = edited('json', change);
      expect(problem(text, 'x.json')).toBe(`x.json:${valueAt(text, key, key === '"name": ' ? '"tool"' : '')}: ${message}`);
    }
    expect(
      problem(
        edited('json', (d) => delete d.summary),
        'x.json',
      ),
    ).toBe('x.json:1:1: missing field "summary" in an oomcheck trace');
    expect(
      problem(
        edited('json', (d) => delete d.loop),
        'x.json',
      ),
    ).toBe('x.json:1:1: missing field "loop": a liveness counterexample is a lasso');
    const dropped = edited('json', (d) => d.states.pop());
    expect(problem(dropped, 'x.json')).toBe(`x.json:${valueAt(dropped, '"states": ')}: at states: expected 20 states, found 19`);
    const noMemory = edited('json', (d) => delete d.scenario.content.memory);
    expect(problem(noMemory, 'x.json')).toBe(`x.json:${valueAt(noMemory, '"content": ')}: at scenario.content: missing required field 'memory'`);
  });

  test('ITF', () => {
    const cases: [(d: any) => void, string, string, string][] = [
      [(d) => (d.states[5].free = { '#bigint': 'x' }), '"#bigint": "x"', '', 'at states[5].free["#bigint"]: expected decimal digits, found the string "x"'],
      [(d) => (d.states[5].locks['#map'][0][1].writer = 'Q'), '"writer": ', '"index": 5', 'at states[5].locks["#map"][0][1].writer: unknown task "Q"'],
      [(d) => (d.states[5].tasks['#map'][2][1].next = 'exit()'), '"next": "exit()"', '"index": 5', 'at states[5].tasks["#map"][2][1].next: the operation at pc 0 is "alloc(1)", not "exit()"'],
      [(d) => (d.states[5]['#meta'].index = 6), '"index": 6', '', 'at states[5]["#meta"].index: expected index 5, found the integer 6'],
      [(d) => (d.states[5].actor = 'kswapd'), '"actor": "kswapd"', '', 'at states[5].actor: unknown actor "kswapd" (actors: T1, T2, T3, H, oom_reaper)'],
      [(d) => (d.states[5].actor = 'H'), '"action": ', '"index": 5', 'at states[5].action: expected the action of H ("H: …"), found the string "T3: no memory: mutex_trylock(&oom_lock) …"'],
      [(d) => (d['#meta'].format = 'TLA'), '"format": ', '', 'at ["#meta"].format: expected one of "ITF", found "TLA"'],
      [(d) => d.states[5].tasks['#map'].pop(), '"#map": ', '"index": 5', 'at states[5].tasks["#map"]: expected 4 entries, one per task, found 3'],
      [
        (d) => (d['#meta'].design.preset = 'reaper-thread'),
        '"preset": ',
        '"design"',
        `at ["#meta"].design.preset: unknown design preset "reaper-thread"; known: ${presets.map((p) => p.name).join(', ')}`,
      ],
    ];
    for (const [change, key, after, message] of cases) {
      const text = edited('itf', change);
      expect(problem(text, 'x.itf.json')).toBe(`x.itf.json:${valueAt(text, key, after)}: ${message}`);
    }
    expect(
      problem(
        edited('itf', (d) => delete d['#meta']),
        'x.itf.json',
      ),
    ).toBe('x.itf.json:1:1: missing field "#meta": replay needs the scenario, design and property oomcheck records there');
    const noVar = edited('itf', (d) => d.vars.pop());
    expect(problem(noVar, 'x.itf.json')).toBe(`x.itf.json:${valueAt(noVar, '"vars": ')}: at vars: missing variable "raceKill"`);
  });

  test('readTraceFile reads a file, and names a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oomcheck-trace-'));
    writeFileSync(join(dir, 't.itf.json'), itfExporter.render(livelockTrace()));
    expect(readTraceFile(join(dir, 't.itf.json'))).toEqual(livelockTrace());
    expect(() => readTraceFile(join(dir, 'gone.json'))).toThrow(`${join(dir, 'gone.json')}: file not found`);
  });
});

/** A committed counterexample, in both formats (its version is whatever it was last written with). */
const committed = 'counterexamples/tetsuo-t1-t2-t3/reaper-slot/no-needless-kill';

/** `doc` (parsed JSON of either format) rewritten as trace format 1 wrote it: no memcg state fields, no knobs added in version 2. */
function asVersion1(format: 'json' | 'itf', doc: any): any {
  const header = format === 'json' ? doc : doc['#meta'];
  header.schemaVersion = 1;
  for (const knob of knobsNewInVersion2) delete header.design.knobs[knob];
  if (format === 'itf') doc.vars = doc.vars.filter((v: string) => v !== 'memcgs' && v !== 'spuriousError' && v !== 'raceKill');
  for (const state of doc.states) {
    delete state.memcgs;
    delete state.spuriousError;
    delete state.raceKill;
    const tasks = format === 'json' ? state.tasks : state.tasks['#map'].map(([, t]: [string, unknown]) => t);
    for (const task of tasks) {
      delete task.charged;
      delete task.inFault;
    }
  }
  return withoutVersion4Fields(format, doc);
}

/** `doc` without the state fields trace format 4 added: a task's `reapedSinceAttempt`, an mm's `exitMmap`. */
function withoutVersion4Fields(format: 'json' | 'itf', doc: any): any {
  const values = (map: any) => (format === 'json' ? map : map['#map'].map(([, v]: [string, unknown]) => v));
  for (const state of doc.states) {
    for (const task of values(state.tasks)) delete task.reapedSinceAttempt;
    for (const mm of values(state.mms)) delete mm.exitMmap;
  }
  return doc;
}

describe('trace format version 1 (before memcgs) still reads, as a current document', () => {
  test("a committed counterexample, as JSON and as ITF: the new fields take their initial values, the new knobs the preset's", () => {
    const json = JSON.stringify(asVersion1('json', JSON.parse(readFileSync(`${committed}.json`, 'utf8'))), null, 2);
    const itf = JSON.stringify(asVersion1('itf', JSON.parse(readFileSync(`${committed}.itf.json`, 'utf8'))), null, 2);
    expect(json).toContain('"schemaVersion": 1,');
    const doc = readTraceText(json, 'old.json');
    expect(readTraceText(itf, 'old.itf.json')).toEqual(doc);
    expect(doc.schemaVersion).toBe(5);
    expect([doc.steps.length, doc.states.length, doc.property.failing]).toEqual([16, 17, 'no-needless-kill']);
    const preset = resolveDesign(doc.design.preset).knobs as unknown as Record<string, unknown>;
    expect(knobsNewInVersion2.map((k) => (doc.design.knobs as unknown as Record<string, unknown>)[k])).toEqual(knobsNewInVersion2.map((k) => preset[k]));
    for (const state of doc.states) {
      expect([state.memcgs, state.spuriousError, state.tasks.map((t) => [t.charged, t.inFault])]).toEqual([[], false, state.tasks.map(() => [false, false])]);
    }
    // Written again, it is a version 4 trace that reads back as itself.
    const again = jsonExporter.render(doc);
    expect(again.startsWith('{\n  "schemaVersion": 5,')).toBe(true);
    expect(readTraceText(again, 'new.json')).toEqual(doc);
  });

  test('a version 1 trace cannot have memcgs, nor version 2 state fields', () => {
    const withMemcgs = JSON.stringify(asVersion1('json', JSON.parse(jsonExporter.render(spuriousTrace()))), null, 2);
    expect(problem(withMemcgs, 'x.json')).toBe(`x.json:${valueAt(withMemcgs, '"memcgs": ')}: at scenario.content.memcgs: a version 1 trace cannot have memcgs (they are new in version 2)`);
    const extra = edited('json', (d) => {
      asVersion1('json', d);
      d.states[0].spuriousError = false;
    });
    expect(problem(extra, 'x.json')).toBe(
      `x.json:${keyAt(extra, '"spuriousError": ')}: at states[0].spuriousError: unknown field "spuriousError" in a kernel state (fields: tasks, mms, locks, oomLock, free, reserves, reaper, panicked, needlessKill)`,
    );
  });
});

describe('trace format version 2 (before the exit, shared-mm, ALLOC_OOM and 5.1 knobs) still reads', () => {
  // The knobs format 3 added: memcgOomSkipsDying, dyingCurrentShortcut, the five shared-mm/GFP_NOFS knobs, oomReserves; format 4's memcgOomLock, exitMmap and oomLockHolderSleeps; format 5's selectTieBreak.
  const newIn3 = knobsAbsentFrom(2);
  test("a committed counterexample without the format-3 knobs and raceKill: each knob takes its preset's value, the flag false", () => {
    const doc = JSON.parse(readFileSync('counterexamples/unreapable-victim/mmf-oom-reaped/no-oom-livelock.json', 'utf8'));
    doc.schemaVersion = 2;
    // Format 3's eight, format 4's memcgOomLock, exitMmap and oomLockHolderSleeps, format 5's selectTieBreak.
    expect(newIn3).toHaveLength(12);
    for (const knob of newIn3) delete doc.design.knobs[knob];
    for (const state of withoutVersion4Fields('json', doc).states) delete state.raceKill;
    const read = readTraceText(JSON.stringify(doc, null, 2), 'v2.json');
    expect([read.schemaVersion, read.design.knobs.dyingCurrentShortcut]).toEqual([5, 'current-mm']);
    expect(read.states.every((s) => !s.raceKill)).toBe(true);
    const skip = JSON.parse(readFileSync('counterexamples/tetsuo-t1-t2-t3/mmf-oom-skip/no-panic.json', 'utf8'));
    skip.schemaVersion = 2;
    for (const knob of newIn3) delete skip.design.knobs[knob];
    for (const state of withoutVersion4Fields('json', skip).states) delete state.raceKill;
    expect(readTraceText(JSON.stringify(skip, null, 2), 'v2.json').design.knobs.dyingCurrentShortcut).toBe('task-will-free-mem');
  });
});

describe('trace format version 3 (before exit_mmap() in stages) still reads', () => {
  test("a committed counterexample without memcgOomLock, exitMmap and the version 4 state fields: the knob takes its preset's value, the fields their initial ones", () => {
    const doc = withoutVersion4Fields('json', JSON.parse(readFileSync('counterexamples/unreapable-victim/mmf-oom-reaped/no-oom-livelock.json', 'utf8')));
    doc.schemaVersion = 3;
    expect(knobsAbsentFrom(3)).toEqual(['memcgOomLock', 'exitMmap', 'oomLockHolderSleeps', 'selectTieBreak']);
    for (const knob of knobsAbsentFrom(3)) delete doc.design.knobs[knob];
    const read = readTraceText(JSON.stringify(doc, null, 2), 'v3.json');
    expect([read.schemaVersion, read.design.knobs.memcgOomLock, read.design.knobs.exitMmap]).toEqual([5, 'memcg-trylock', 'atomic']);
    expect(read.states.every((s) => s.mms.every((m) => m.exitMmap === 0) && s.tasks.every((t) => !t.reapedSinceAttempt))).toBe(true);
    const itf = withoutVersion4Fields('itf', JSON.parse(readFileSync('counterexamples/unreapable-victim/mmf-oom-reaped/no-oom-livelock.itf.json', 'utf8')));
    itf['#meta'].schemaVersion = 3;
    for (const knob of knobsAbsentFrom(3)) delete itf['#meta'].design.knobs[knob];
    expect(readTraceText(JSON.stringify(itf, null, 2), 'v3.itf.json')).toEqual(read);
  });
});

describe('trace format version 4 (before selectTieBreak) still reads', () => {
  test("a committed counterexample without selectTieBreak: the knob takes its preset's value (first before 5.3, last in linux-5.4)", () => {
    expect(knobsAbsentFrom(4)).toEqual(['selectTieBreak']);
    const read = (file: string) => {
      const doc = JSON.parse(readFileSync(file, 'utf8'));
      doc.schemaVersion = 4;
      delete doc.design.knobs.selectTieBreak;
      return readTraceText(JSON.stringify(doc, null, 2), 'v4.json');
    };
    const old = read('counterexamples/unreapable-victim/mmf-oom-reaped/no-oom-livelock.json');
    expect([old.schemaVersion, old.design.knobs.selectTieBreak]).toEqual([5, 'first']);
    const doc = JSON.parse(readFileSync('counterexamples/unreapable-victim/mmf-oom-reaped/no-oom-livelock.json', 'utf8'));
    expect(old.states).toEqual(readTraceText(JSON.stringify(doc, null, 2), 'v5.json').states);
    expect(read('counterexamples/memcg-no-victim/linux-5.4/bounded-overcharge.json').design.knobs.selectTieBreak).toBe('last');
  });
});
