import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { adversarialDocument, adversarialKinds } from '../../../bench/adversarialDocuments.js';
import { knobSpecs } from '../../../src/kernel/design/knobs/index.js';
import { presets } from '../../../src/kernel/design/presets/index.js';
import { loadScenarioText } from '../../../src/kernel/load/loadScenario.js';
import { opNames } from '../../../src/kernel/load/ops.js';
import { ScenarioError } from '../../../src/kernel/load/scenarioError.js';
import { scenarioSchema } from '../../../src/kernel/load/scenarioSchema.js';
import { propertyNames } from '../../../src/kernel/propertyNames.js';

/** The seed and run count of both properties (500 runs each). */
const runs = { seed: 20261122, numRuns: 500 };

const fixture = (name: string): string => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const baseYaml = fixture('valid.yaml');
const baseJson = fixture('valid.json');
const base = JSON.parse(baseJson) as unknown;
const validate = new Ajv2020({ strict: true }).compile(scenarioSchema());

/** Words the scenario format knows, so that mutations reach the semantic checks, not only the type checks. */
const words = fc.constantFrom(
  ...opNames,
  ...presets.map((p) => p.name),
  ...knobSpecs.map((k) => k.name),
  ...propertyNames,
  'mmap_sem',
  'victim.mmap_sem',
  'other.mmap_sem',
  'i_mutex',
  'oom_lock',
  'T1',
  'T2',
  'H',
  'victim',
  'read',
  'write',
  'holds',
  'violated',
  'name',
  'pages',
  'lock',
  'op',
  'start',
  'pc',
  'memdie',
  'fatalSignal',
  '__proto__',
  'constructor',
  'toString',
  '',
  ' ',
  'a.b',
  'no-oom-livelock[T9]',
  'memcgs',
  'memcg',
  'limit',
  'gfp',
  'context',
  'process',
  'GFP_NOFS',
  'GFP_KERNEL | __GFP_NOFAIL',
  'user-fault',
  'put_user',
);
const scalar = fc.oneof(words, fc.string({ maxLength: 8 }), fc.integer({ min: -1100, max: 1100 }), fc.double(), fc.boolean(), fc.constant(null));
const junk = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.oneof(words, fc.string({ maxLength: 6 })), scalar, { maxKeys: 3 }) },
);
const mutation = fc.tuple(fc.constantFrom('delete', 'replace', 'insert', 'duplicate', 'reverse'), fc.nat(), fc.oneof(words, fc.string({ maxLength: 6 })), junk);
type Mutation = [string, number, string, unknown];

/** Every value slot of the tree: a container and a key in it. */
function slots(node: unknown, out: [Record<string | number, unknown>, string | number][] = []): [Record<string | number, unknown>, string | number][] {
  if (typeof node !== 'object' || node === null) return out;
  for (const key of Object.keys(node)) {
    const k = Array.isArray(node) ? Number(key) : key;
    out.push([node as Record<string | number, unknown>, k]);
    slots((node as Record<string, unknown>)[key], out);
  }
  return out;
}

/** Applies `mutations` to a copy of the valid scenario. */
function mutate(mutations: readonly Mutation[]): unknown {
  const doc = structuredClone(base) as Record<string, unknown>;
  for (const [kind, at, key, value] of mutations) {
    const all = slots(doc);
    const [parent, k] = all[at % all.length];
    const target = parent[k];
    if (kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(k as number, 1);
      else delete parent[k];
    } else if (kind === 'replace') {
      parent[k] = value;
    } else if (kind === 'insert' && typeof target === 'object' && target !== null) {
      if (Array.isArray(target)) target.push(value);
      else Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
    } else if (kind === 'duplicate' && Array.isArray(parent)) {
      parent.push(structuredClone(target));
    } else if (kind === 'reverse' && Array.isArray(target)) {
      target.reverse();
    } else {
      parent[k] = value;
    }
  }
  return doc;
}

/**
 * Loads `text`; fails the property on any exception but a ScenarioError,
 * on a problem with neither path nor line, or on a loaded scenario that
 * does not load again to itself (from JSON) or does not pass the schema.
 */
function loadsOrExplains(text: string, file: string): boolean {
  try {
    const scenario = loadScenarioText(text, file);
    expect(loadScenarioText(JSON.stringify(scenario), 'again.json')).toStrictEqual(scenario);
    expect(validate(scenario), JSON.stringify(validate.errors)).toBe(true);
    return true;
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw new Error(`not a ScenarioError: ${String(error)}\n${text}`);
    expect(error.problems.length).toBeGreaterThan(0);
    for (const p of error.problems) {
      expect(p.path !== '' || p.line !== undefined, JSON.stringify(p)).toBe(true);
      if (p.line !== undefined) expect(p.line >= 1 && (p.column ?? 0) >= 1, JSON.stringify(p)).toBe(true);
      expect(p.message.length > 0 && !p.message.includes('\n'), JSON.stringify(p)).toBe(true);
    }
    expect(error.format().split('\n')).toHaveLength(error.problems.length);
    return false;
  }
}

describe('fuzzing the loader with malformed documents', () => {
  test('mutated scenarios (fields deleted, retyped, inserted, duplicated, reordered) load or throw a ScenarioError; what loads passes the schema', () => {
    let loaded = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (mutations, asJson) => {
        const doc = mutate(mutations as Mutation[]);
        const text = asJson ? JSON.stringify(doc, null, 1) : stringify(doc);
        if (loadsOrExplains(text, asJson ? 'm.json' : 'm.yaml')) {
          loaded++;
          expect(validate(asJson ? JSON.parse(text) : parse(text)), `${JSON.stringify(validate.errors)}\n${text}`).toBe(true);
        }
      }),
      runs,
    );
    expect(loaded).toBeGreaterThan(0); // some mutations keep it valid: the cross-check with the schema runs
    expect(loaded).toBeLessThan(runs.numRuns / 2);
  });

  test('damaged text (truncated, random strings and bytes inserted, random documents) loads or throws a ScenarioError', () => {
    const damage = fc.oneof(
      fc.nat().map((n) => (t: string) => t.slice(0, n % (t.length + 1))),
      fc.tuple(fc.nat(), fc.string({ unit: 'binary', maxLength: 12 })).map(
        ([n, s]) =>
          (t: string) =>
            t.slice(0, n % (t.length + 1)) + s + t.slice(n % (t.length + 1)),
      ),
      fc.tuple(fc.nat(), fc.uint8Array({ maxLength: 12 })).map(([n, bytes]) => (t: string) => {
        const at = n % (t.length + 1);
        return t.slice(0, at) + String.fromCharCode(...bytes) + t.slice(at + bytes.length);
      }),
      fc.tuple(fc.nat(), fc.uint8Array({ maxLength: 12 })).map(([n, bytes]) => (t: string) => {
        const at = n % (t.length + 1);
        return t.slice(0, at) + new TextDecoder().decode(bytes) + t.slice(at);
      }),
      fc.jsonValue().map((v) => () => JSON.stringify(v)),
      fc.string({ unit: 'binary', maxLength: 40 }).map((s) => () => s),
    );
    fc.assert(
      fc.property(fc.array(damage, { minLength: 1, maxLength: 3 }), fc.boolean(), (damages, asJson) => {
        const text = damages.reduce((t, d) => d(t), asJson ? baseJson : baseYaml);
        loadsOrExplains(text, asJson ? 'd.json' : 'd.yaml');
      }),
      runs,
    );
  });

  // Sizes around each bound (aliases 1,000; lists 10,000; depth 64; strings 16,384), and past the 256 KiB text bound.
  const sizes = [0, 1, 63, 64, 65, 1000, 1001, 10_000, 10_001, 16_384, 16_385, 300_000];
  test.each(adversarialKinds)('adversarial documents (%s): each loads or is refused with its own message, in time linear in its size', (kind) => {
    for (const size of sizes) {
      // Variants matter for control characters, integers and list items; one or two do for the rest.
      for (const pick of kind === 'controlChars' || kind === 'largeInteger' ? [0, 1, 2, 3, 4, 5, 6, 7] : size > 10_000 ? [0] : [0, 1]) {
        const doc = adversarialDocument(kind, size, pick);
        const started = performance.now();
        let outcome: string;
        try {
          loadScenarioText(doc.text, doc.file);
          outcome = 'loaded';
        } catch (error) {
          if (!(error instanceof ScenarioError)) throw new Error(`${kind} ${size}: not a ScenarioError: ${String(error)}`);
          expect(error.problems.length).toBeLessThanOrEqual(51);
          outcome = error.problems[0].message;
        }
        const ms = performance.now() - started;
        const label = `${kind} size ${size} pick ${pick}: ${outcome.slice(0, 200)}`;
        if (doc.expect === 'loaded') expect(outcome, label).toBe('loaded');
        else if (doc.expect !== 'any') expect(outcome, label).toMatch(doc.expect);
        // Loose (a bound on linear growth, not a benchmark): yaml parses 1 MiB of small items in 1–4 s; 40 s per MiB plus 5 s.
        expect(ms, label).toBeLessThan(5000 + (doc.text.length / 2 ** 20) * 40_000);
      }
    }
  });
});
