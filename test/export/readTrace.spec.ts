import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { itfExporter } from '../../src/export/itf.js';
import { jsonExporter } from '../../src/export/json.js';
import { readTraceFile, readTraceText, traceFormatOf } from '../../src/export/readTrace.js';
import { TraceFileError } from '../../src/export/traceFileError.js';
import { livelockTrace } from './traces.js';

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
      [(d) => (d.schemaVersion = 2), '"schemaVersion": ', 'at schemaVersion: unsupported schema version 2 (this oomcheck reads version 1)'],
      [(d) => (d.tool.name = 'tlc'), '"name": ', 'at tool.name: expected one of "oomcheck", found "tlc"'],
      [(d) => (d.states[3].tasks[1].pc = 9), '"pc": 9', 'at states[3].tasks[1].pc: 9 is out of range 0..2'],
      [(d) => (d.states[3].free = -1), '"free": -1', 'at states[3].free: -1 is out of range 0..2147483647'],
      [(d) => (d.design.knobs.reaperRetries = 99), '"reaperRetries": ', 'at design.knobs.reaperRetries: 99 is not one of 1..10'],
      [(d) => (d.steps[3].actor = 'T2'), '"actor": "T2"', 'at steps[3].actor: actor 2 is T3, not T2'],
      [(d) => (d.loop = 20), '"loop": ', 'at loop: 20 is out of range 0..19'],
      [(d) => (d.property.failing = 'no-oom-livelock[X]'), '"failing": ', 'at property.failing: "no-oom-livelock[X]" is not a property of this scenario'],
      [(d) => (d.property.kind = 'safety'), '"kind": "safety"', 'at property.kind: no-oom-livelock[H] is a liveness property'],
      [(d) => (d.scenario.content.processes[0].threads[1].program[0].lock = 'nope'), '"lock": "nope"', "at scenario.content.processes[0].threads[1].program[0].lock: mutex_lock(nope): no mutex named 'nope' is declared in locks; expected one of i_mutex"],
    ];
    for (const [change, key, message] of cases) {
      const text = edited('json', change);
      expect(problem(text, 'x.json')).toBe(`x.json:${valueAt(text, key, key === '"name": ' ? '"tool"' : '')}: ${message}`);
    }
    expect(problem(edited('json', (d) => delete d.summary), 'x.json')).toBe('x.json:1:1: missing field "summary" in an oomcheck trace');
    expect(problem(edited('json', (d) => delete d.loop), 'x.json')).toBe('x.json:1:1: missing field "loop": a liveness counterexample is a lasso');
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
      [(d) => (d['#meta'].design.preset = 'reaper-thread'), '"preset": ', '"design"', 'at ["#meta"].design.preset: unknown design preset "reaper-thread"; known: no-reaper, reaper-slot, reaper-queue, reaper-queue-bb29902a7515, reaper-queue-af8e15cc85a2, mmf-oom-reaped, mmf-oom-skip, tetsuo-timeout, tetsuo-panic'],
    ];
    for (const [change, key, after, message] of cases) {
      const text = edited('itf', change);
      expect(problem(text, 'x.itf.json')).toBe(`x.itf.json:${valueAt(text, key, after)}: ${message}`);
    }
    expect(problem(edited('itf', (d) => delete d['#meta']), 'x.itf.json')).toBe('x.itf.json:1:1: missing field "#meta": replay needs the scenario, design and property oomcheck records there');
    const noVar = edited('itf', (d) => d.vars.pop());
    expect(problem(noVar, 'x.itf.json')).toBe(`x.itf.json:${valueAt(noVar, '"vars": ')}: at vars: missing variable "needlessKill"`);
  });

  test('readTraceFile reads a file, and names a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oomcheck-trace-'));
    writeFileSync(join(dir, 't.itf.json'), itfExporter.render(livelockTrace()));
    expect(readTraceFile(join(dir, 't.itf.json'))).toEqual(livelockTrace());
    expect(() => readTraceFile(join(dir, 'gone.json'))).toThrow(`${join(dir, 'gone.json')}: file not found`);
  });
});
