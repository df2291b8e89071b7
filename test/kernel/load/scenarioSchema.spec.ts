import { Ajv2020 } from 'ajv/dist/2020.js';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { loadScenarioFile } from '../../../src/kernel/load/loadScenario.js';
import { scenarioSchema } from '../../../src/kernel/load/scenarioSchema.js';
import { opNames } from '../../../src/kernel/load/ops.js';

const repo = join(import.meta.dirname, '..', '..', '..');
const schemaFile = join(repo, 'schema', 'scenario.schema.json');
const fixture = (name: string): string => join(import.meta.dirname, 'fixtures', name);

/** The schema compiled by ajv in strict mode (unknown keywords, types, required fields all checked). */
function compile(): ReturnType<Ajv2020['compile']> {
  return new Ajv2020({ strict: true, allErrors: true }).compile(scenarioSchema());
}

/** A subschema found by {@link subschemas}: where, and whether it is a property (that needs a description). */
interface Sub {
  readonly pointer: string;
  readonly schema: Record<string, unknown>;
  readonly isProperty: boolean;
}

/** Every subschema of `schema`, following the keywords that hold schemas; conditions (`if`/`then`) are not properties. */
function* subschemas(schema: unknown, pointer = '#', isProperty = false, inCondition = false): Generator<Sub> {
  if (typeof schema !== 'object' || schema === null) return; // `true`/`false` schemas
  const node = schema as Record<string, unknown>;
  yield { pointer, schema: node, isProperty: isProperty && !inCondition };
  for (const keyword of ['properties', 'patternProperties', '$defs']) {
    for (const [name, sub] of Object.entries((node[keyword] ?? {}) as Record<string, unknown>)) {
      yield* subschemas(sub, `${pointer}/${keyword}/${name}`, keyword !== '$defs', inCondition);
    }
  }
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    for (const [i, sub] of ((node[keyword] ?? []) as unknown[]).entries()) yield* subschemas(sub, `${pointer}/${keyword}/${i}`, false, inCondition);
  }
  for (const keyword of ['items', 'additionalProperties', 'not']) yield* subschemas(node[keyword], `${pointer}/${keyword}`, false, inCondition);
  for (const keyword of ['if', 'then', 'else']) yield* subschemas(node[keyword], `${pointer}/${keyword}`, false, true);
}

describe('the JSON Schema of scenario files', () => {
  test('schema/scenario.schema.json is scenarioSchema() (UPDATE_SCHEMA=1 rewrites it)', () => {
    const generated = `${JSON.stringify(scenarioSchema(), null, 2)}\n`;
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(schemaFile, generated);
    expect(readFileSync(schemaFile, 'utf8'), 'stale: run UPDATE_SCHEMA=1 npx vitest run test/kernel/load/scenarioSchema.spec.ts').toBe(generated);
  });

  test('it compiles in ajv strict mode; every object is closed and every property described', () => {
    expect(() => compile()).not.toThrow();
    const schema = scenarioSchema();
    let described = 0;
    for (const { pointer, schema: node, isProperty } of subschemas(schema)) {
      if (node.type === 'object') expect([pointer, node.additionalProperties]).toEqual([pointer, false]);
      if (!isProperty) continue;
      expect([pointer, typeof node.description]).toEqual([pointer, 'string']);
      described++;
    }
    expect(described).toBeGreaterThan(40);
    expect((schema.$defs as { op: { properties: { op: { enum: unknown } } } }).op.properties.op.enum).toEqual(opNames);
  });

  test('the valid fixtures and the committed scenarios pass it', () => {
    const validate = compile();
    expect(validate(parse(readFileSync(fixture('valid.yaml'), 'utf8'))), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(JSON.parse(readFileSync(fixture('valid.json'), 'utf8'))), JSON.stringify(validate.errors)).toBe(true);
    const dir = join(repo, 'scenarios');
    for (const file of readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f))) {
      loadScenarioFile(join(dir, file)); // the loader accepts it…
      expect([file, validate(parse(readFileSync(join(dir, file), 'utf8'))), validate.errors]).toEqual([file, true, null]); // …so must the schema
    }
  });

  test('invalid documents fail it, each for its own reason', () => {
    const validate = compile();
    const base = JSON.parse(readFileSync(fixture('valid.json'), 'utf8')) as Record<string, any>;
    const variants: [string, (s: any) => void, string][] = [
      ['unknown top-level field', (s) => (s.foo = 1), '/'],
      ['unknown op', (s) => (s.processes[0].threads[0].program[0].op = 'mutex_lok'), '/processes/0/threads/0/program/0/op'],
      ['alloc with a lock', (s) => (s.processes[0].threads[1].program[1].lock = 'i_mutex'), '/processes/0/threads/1/program/1/lock'],
      ['mutex_lock without a lock', (s) => delete s.processes[0].threads[1].program[0].lock, '/processes/0/threads/1/program/0'],
      ['memdie with fatalSignal false', (s) => (s.processes[0].threads[0].start.fatalSignal = false), '/processes/0/threads/0/start/fatalSignal'],
      ['knob out of range', (s) => (s.designs[1].knobs.reaperRetries = 11), '/designs/1/knobs/reaperRetries'],
      ['unknown preset', (s) => (s.designs[0].preset = 'reaper-slt'), '/designs/0/preset'],
      ['expect of an unknown design', (s) => (s.expect['reaper-slot+frob=1'] = {}), '/expect'],
      ['process name with a dot', (s) => (s.processes[1].name = 'a.b'), '/processes/1/name'],
      ['lock named mmap_sem', (s) => (s.locks[0].name = 'mmap_sem'), '/locks/0/name'],
      ['negative pages', (s) => (s.processes[0].pages = -1), '/processes/0/pages'],
      ['bad verdict', (s) => (s.expect['reaper-slot']['no-oom-livelock'] = 'hold'), '/expect/reaper-slot/no-oom-livelock'],
    ];
    for (const [why, mutate, where] of variants) {
      const s = structuredClone(base);
      mutate(s);
      expect([why, validate(s)]).toEqual([why, false]);
      expect([why, validate.errors!.some((e) => e.instancePath === (where === '/' ? '' : where))]).toEqual([why, true]);
    }
  });
});
