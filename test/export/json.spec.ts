import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { jsonExporter } from '../../src/export/json.js';
import { readTraceText } from '../../src/export/readTrace.js';
import { traceSchema } from '../../src/export/traceSchema.js';
import { knobSpecs } from '../../src/kernel/design/knobs/index.js';
import { replayTrace } from '../../src/check/index.js';
import { allTraces, livelockTrace, panicTrace } from './traces.js';

const repo = join(import.meta.dirname, '..', '..');
const schemaFile = join(repo, 'schema', 'trace.schema.json');

/** Every subschema of `schema` with its JSON pointer, and whether it is a property (which needs a description; not in `if`/`then` conditions). */
function* subschemas(schema: unknown, pointer = '#', isProperty = false, inCondition = false): Generator<{ pointer: string; node: Record<string, unknown>; isProperty: boolean }> {
  if (typeof schema !== 'object' || schema === null) return;
  const node = schema as Record<string, unknown>;
  yield { pointer, node, isProperty: isProperty && !inCondition };
  for (const keyword of ['properties', 'patternProperties', '$defs']) {
    for (const [name, sub] of Object.entries((node[keyword] ?? {}) as Record<string, unknown>)) yield* subschemas(sub, `${pointer}/${keyword}/${name}`, keyword !== '$defs', inCondition);
  }
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) for (const [i, sub] of ((node[keyword] ?? []) as unknown[]).entries()) yield* subschemas(sub, `${pointer}/${keyword}/${i}`, false, inCondition);
  for (const keyword of ['items', 'additionalProperties', 'not']) yield* subschemas(node[keyword], `${pointer}/${keyword}`, false, inCondition);
  for (const keyword of ['if', 'then', 'else']) yield* subschemas(node[keyword], `${pointer}/${keyword}`, false, true);
}

const compile = () => new Ajv2020({ strict: true, allErrors: true }).compile(traceSchema());

describe('jsonExporter', () => {
  test('renders the document as 2-space JSON with a trailing newline, keys in the order of the type', () => {
    const doc = livelockTrace();
    const text = jsonExporter.render(doc);
    expect([jsonExporter.format, jsonExporter.extension]).toEqual(['json', '.json']);
    expect(
      text.startsWith(
        '{\n  "schemaVersion": 5,\n  "tool": {\n    "name": "oomcheck",\n    "version": "0.1.0"\n  },\n  "scenario": {\n    "name": "tetsuo-t1-t2-t3",\n    "file": "scenarios/tetsuo-t1-t2-t3.yaml",\n',
      ),
    ).toBe(true);
    expect(
      text.endsWith(
        '\n  "loop": 16,\n  "summary": "After 16 steps, the last 3 steps repeat forever, a fair cycle (strong fairness: every task and the reaper that can run keeps running); H stays in the page allocator forever: an OOM livelock."\n}\n',
      ),
    ).toBe(true);
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed)).toEqual(['schemaVersion', 'tool', 'scenario', 'design', 'property', 'actors', 'states', 'steps', 'loop', 'summary']);
    expect(Object.keys(parsed.design.knobs)).toEqual(knobSpecs.map((k) => k.name));
    // The codec decodes task fields in another order; the exporter puts them back in the order of TaskState.
    expect(Object.keys(parsed.states[5].tasks[0])).toEqual(['pc', 'exiting', 'exited', 'alloc', 'fatalSignal', 'memdie', 'memdieAborts', 'charged', 'inFault', 'reapedSinceAttempt']);
    expect(Object.keys(parsed.states[5])).toEqual(['tasks', 'mms', 'locks', 'memcgs', 'oomLock', 'free', 'reserves', 'reaper', 'panicked', 'needlessKill', 'spuriousError', 'raceKill']);
    expect(parsed.states).toHaveLength(20);
    expect(parsed.steps[18]).toEqual({ actor: 'H', actorIndex: 3, label: 'out_of_memory(); select_bad_process() aborts: T2 has TIF_MEMDIE; mutex_unlock(&oom_lock)' });
    expect(Object.keys(JSON.parse(jsonExporter.render(panicTrace())))).toEqual(['schemaVersion', 'tool', 'scenario', 'design', 'property', 'actors', 'states', 'steps', 'summary']);
  });

  test('is deterministic: the same document with its keys in another order renders the same text', () => {
    const doc = livelockTrace();
    const reversed = JSON.parse(JSON.stringify(doc), (_key, value: unknown) =>
      typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value,
    );
    // The scenario's expectations and knob overrides are the author's, in the author's order.
    reversed.scenario.content.expect = doc.scenario.content.expect;
    reversed.scenario.content.designs = doc.scenario.content.designs;
    expect(Object.keys(reversed)[0]).toBe('summary');
    expect(jsonExporter.render(reversed)).toBe(jsonExporter.render(doc));
  });

  test('every trace round-trips through readTraceText, byte for byte, and replays with its violation confirmed', () => {
    const expected = {
      livelock: [19, 'leadsTo'],
      panic: [10, 'invariant'],
      needlessKill: [16, 'invariant'],
      deadlock: [2, 'deadlockFree'],
      spurious: [2, 'invariant'],
      handlerDeadlock: [4, 'deadlockFree'],
      memcgLivelock: [6, 'leadsTo'],
    };
    for (const [name, doc] of Object.entries(allTraces())) {
      const text = jsonExporter.render(doc);
      const back = readTraceText(text, `${name}.json`);
      expect(back).toEqual(doc);
      expect(jsonExporter.render(back)).toBe(text);
      const [steps, kind] = expected[name as keyof typeof expected];
      expect([name, replayTrace(back)]).toEqual([name, { verdict: 'confirmed', steps, property: doc.property.failing, kind }]);
    }
  });
});

describe('schema/trace.schema.json', () => {
  test('is traceSchema() (UPDATE_SCHEMA=1 rewrites it)', () => {
    const generated = `${JSON.stringify(traceSchema(), null, 2)}\n`;
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(schemaFile, generated);
    expect(readFileSync(schemaFile, 'utf8'), 'stale: run UPDATE_SCHEMA=1 npx vitest run test/export/json.spec.ts').toBe(generated);
  });

  test('compiles in ajv strict mode; every object is closed and every property described', () => {
    expect(() => compile()).not.toThrow();
    let described = 0;
    for (const { pointer, node, isProperty } of subschemas(traceSchema())) {
      if (node.type === 'object') expect([pointer, node.additionalProperties]).toEqual([pointer, false]);
      if (!isProperty) continue;
      expect([pointer, typeof node.description]).toEqual([pointer, 'string']);
      described++;
    }
    expect(described).toBeGreaterThan(80);
  });

  test('every exported trace validates; tampered ones fail where they were tampered with', () => {
    const validate = compile();
    for (const [name, doc] of Object.entries(allTraces())) {
      expect([name, validate(JSON.parse(jsonExporter.render(doc))), validate.errors]).toEqual([name, true, null]);
    }
    const tampered: [string, (d: any) => void, string, string][] = [
      ['no summary', (d) => delete d.summary, '', 'required'],
      ['a field too many in a state', (d) => (d.states[3].extra = 1), '/states/3', 'additionalProperties'],
      ['an unknown allocator stage', (d) => (d.states[3].tasks[1].alloc = 12), '/states/3/tasks/1/alloc', 'enum'],
      ['an unknown knob value', (d) => (d.design.knobs.reaper = 'thread'), '/design/knobs/reaper', 'enum'],
      ['schema version 1 (the readers take it; the schema is of version 2)', (d) => (d.schemaVersion = 1), '/schemaVersion', 'const'],
      ['a memcg without its OOM lock', (d) => (d.states[3].memcgs = [{ usage: 1, limit: 1 }]), '/states/3/memcgs/0', 'required'],
      ['a bad hash', (d) => (d.scenario.sha256 = 'abc'), '/scenario/sha256', 'pattern'],
      ['a scenario without memory', (d) => delete d.scenario.content.memory, '/scenario/content', 'required'],
    ];
    for (const [what, change, path, keyword] of tampered) {
      const doc = JSON.parse(jsonExporter.render(livelockTrace()));
      change(doc);
      expect([what, validate(doc)]).toEqual([what, false]);
      expect([what, validate.errors?.some((e) => e.instancePath === path && e.keyword === keyword)]).toEqual([what, true]);
    }
  });
});
