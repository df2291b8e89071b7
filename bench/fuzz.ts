/**
 * `npm run fuzz`: a large fuzzing campaign against the scenario loader and
 * the trace readers (not part of `npm test`). Every document must load or
 * be refused with a ScenarioError / TraceFileError, never crash, and in
 * time linear in its size; adversarial documents must have their expected
 * outcome. Prints counts by outcome (loaded, refused by reason, crashed)
 * and the slowest documents. Options: `--documents N` (default 100,000),
 * `--traces N` (default 10,000), `--seed S`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readTraceText, TraceFileError } from '../src/export/index.js';
import { loadScenarioText, ScenarioError } from '../src/kernel/index.js';
import { type AdversarialDocument, adversarialDocument, adversarialKinds } from './adversarialDocuments.js';

const { values } = parseArgs({ options: { documents: { type: 'string' }, traces: { type: 'string' }, seed: { type: 'string' } } });
const documents = Number(values.documents ?? 100_000);
const traces = Number(values.traces ?? 10_000);
const seed = Number(values.seed ?? 20261129);

/** mulberry32: a seeded generator, so that a campaign can be replayed. */
function generator(s: number): () => number {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
const random = generator(seed);
const int = (n: number): number => Math.floor(random() * n);
/** Log-uniform in 0..max: most sizes small, some near each bound. */
const size = (max: number): number => Math.floor(Math.exp(random() * Math.log(max + 1))) - 1;

/** The reason of a refusal, from its first problem's message. */
const reasons: [string, RegExp][] = [
  ['text size', /characters long; at most|bytes; at most/],
  ['string length', /a string of [\d,]+ characters/],
  ['list length', /items in one list or mapping/],
  ['nesting depth', /nested more than/],
  ['aliases', /aliases \(the limit|refers to a node that contains it/],
  ['values after aliases', /values once aliases are expanded/],
  ['page counts', /state encoding holds/],
  ['syntax', /^(YAML|JSON) syntax error|^Unresolved tag/],
];
const reasonOf = (message: string): string => reasons.find(([, re]) => re.test(message))?.[0] ?? 'validation';

const counts = new Map<string, number>();
const count = (key: string): void => {
  counts.set(key, (counts.get(key) ?? 0) + 1);
};
const slowest: { ms: number; chars: number; what: string }[] = [];
let worstMsPerMiB = 0;
const mismatches: string[] = [];
const crashes: string[] = [];

/** Runs `load` on one text; records its outcome and time. */
function run(area: 'scenario' | 'trace', what: string, text: string, load: () => void, expected?: AdversarialDocument['expect']): void {
  const started = performance.now();
  let outcome = 'loaded';
  try {
    load();
  } catch (error) {
    if (error instanceof ScenarioError || error instanceof TraceFileError) outcome = error.problems[0]?.message ?? '(no problem)';
    else {
      outcome = 'crashed';
      if (crashes.length < 10) crashes.push(`${what}: ${error instanceof Error ? error.stack : String(error)}`);
    }
  }
  const ms = performance.now() - started;
  count(`${area} ${outcome === 'loaded' || outcome === 'crashed' ? outcome : `refused: ${reasonOf(outcome)}`}`);
  if (expected !== undefined && expected !== 'any' && (expected === 'loaded' ? outcome !== 'loaded' : !expected.test(outcome)) && mismatches.length < 10) {
    mismatches.push(`${what}: expected ${String(expected)}, got ${outcome.slice(0, 160)}`);
  }
  slowest.push({ ms, chars: text.length, what });
  slowest.sort((a, b) => b.ms - a.ms);
  slowest.length = Math.min(slowest.length, 5);
  if (text.length >= 65_536) worstMsPerMiB = Math.max(worstMsPerMiB, ms / (text.length / 2 ** 20));
}

/** Damage to a text: truncation, random characters or bytes, lines deleted, duplicated or swapped, numbers made huge. */
function damage(text: string): string {
  const at = int(text.length + 1);
  switch (int(7)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return text.slice(0, at) + String.fromCharCode(...Array.from({ length: 1 + int(12) }, () => int(0x80))) + text.slice(at);
    case 2:
      return text.slice(0, at) + String.fromCharCode(...Array.from({ length: 1 + int(6) }, () => int(0x10000))) + text.slice(at + int(4));
    case 3: {
      const lines = text.split('\n');
      lines.splice(int(lines.length), 1);
      return lines.join('\n');
    }
    case 4: {
      const lines = text.split('\n');
      const i = int(lines.length);
      lines.splice(i, 0, ...Array(1 + int(3)).fill(lines[i]));
      return lines.join('\n');
    }
    case 5: {
      const lines = text.split('\n');
      const [i, j] = [int(lines.length), int(lines.length)];
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join('\n');
    }
    default: {
      const huge = ['2147483648', '4294967296', '9007199254740993', '1e308', '-1', '0.5', '99999999999999999999'][int(7)];
      let n = 0;
      const pickNth = int(20);
      return text.replace(/\b\d+\b/g, (m) => (n++ === pickNth ? huge : m));
    }
  }
}

/** A random JSON value: huge and negative numbers, long strings, long lists, deep nesting (big only at the top: its size stays under a few MB). */
function junk(depth = 0): unknown {
  switch (int(depth > 3 ? 5 : 8)) {
    case 0:
      return 2 ** (int(70) - 5) * (int(2) ? 1 : -1);
    case 1:
      return 'x'.repeat(size(depth === 0 ? 100_000 : 100));
    case 2:
      return null;
    case 3:
      return int(2) === 1;
    case 4:
      return String.fromCharCode(...Array.from({ length: int(8) }, () => int(0x10000)));
    case 5:
      return Array.from({ length: size(depth === 0 ? 100_000 : 10) }, () => junk(depth + 1));
    case 6:
      return { [`k${int(5)}`]: junk(depth + 1) };
    default: {
      const deep = 1 + size(200);
      return JSON.parse('['.repeat(deep) + ']'.repeat(deep));
    }
  }
}

/** `doc` (plain JSON) with one value replaced by junk, or one key deleted. */
function tamper(doc: unknown): unknown {
  const slots: [Record<string | number, unknown>, string | number][] = [];
  const stack = [doc];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    for (const key of Object.keys(node)) {
      slots.push([node as Record<string, unknown>, Array.isArray(node) ? Number(key) : key]);
      stack.push((node as Record<string, unknown>)[key]);
    }
  }
  if (slots.length === 0) return junk();
  const [parent, key] = slots[int(slots.length)];
  if (int(4) === 0 && !Array.isArray(parent)) delete parent[key];
  else parent[key] = junk();
  return doc;
}

const root = join(import.meta.dirname, '..', '..');
const scenarioTexts = readdirSync(join(root, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => readFileSync(join(root, 'scenarios', f), 'utf8'));
const traceFiles = readdirSync(join(root, 'counterexamples'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));
const traceTexts = traceFiles
  .map((f) => ({ name: f, text: readFileSync(join(root, 'counterexamples', f), 'utf8') }))
  .sort((a, b) => a.text.length - b.text.length)
  .slice(0, 40);

const started = performance.now();
for (let i = 0; i < documents; i++) {
  if (i % 2 === 0) {
    // Adversarial: mostly small, one in 500 up to past the text bound.
    const kind = adversarialKinds[int(adversarialKinds.length)];
    const doc = adversarialDocument(kind, i % 1000 === 0 ? size(400_000) : size(400), int(8));
    run('scenario', `${kind} size ${doc.size}`, doc.text, () => loadScenarioText(doc.text, doc.file), doc.expect);
  } else {
    const base = scenarioTexts[int(scenarioTexts.length)];
    const asJson = int(4) === 0;
    let text = asJson ? JSON.stringify(JSON.parse(JSON.stringify(loadScenarioText(base, 'b.yaml'))), null, 1) : base;
    for (let d = 1 + int(3); d > 0; d--) text = damage(text);
    run('scenario', `damaged ${asJson ? 'JSON' : 'YAML'} scenario`, text, () => loadScenarioText(text, asJson ? 'd.json' : 'd.yaml'));
  }
  if ((i + 1) % 10_000 === 0 || i + 1 === documents) console.error(`${i + 1} documents, ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
for (let i = 0; i < traces; i++) {
  const { name, text: original } = traceTexts[int(traceTexts.length)];
  const file = name.endsWith('.itf.json') ? 't.itf.json' : 't.json';
  const text = int(3) === 0 ? damage(original) : JSON.stringify(tamper(JSON.parse(original)), null, int(2) ? 1 : undefined);
  run('trace', `tampered ${file}`, text, () => readTraceText(text, file));
  if ((i + 1) % 2_000 === 0) console.error(`${i + 1} traces, ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

const seconds = (performance.now() - started) / 1000;
console.log(`Fuzz campaign, seed ${seed}: ${documents} scenario documents, ${traces} tampered traces, ${seconds.toFixed(0)} s\n`);
for (const [key, n] of [...counts].sort((a, b) => a[0].localeCompare(b[0]))) console.log(`${String(n).padStart(8)}  ${key}`);
console.log(`\ncrashed: ${crashes.length === 0 ? 'none' : ''}`);
for (const c of crashes) console.log(`  ${c}`);
console.log(`adversarial documents with an unexpected outcome: ${mismatches.length === 0 ? 'none' : ''}`);
for (const m of mismatches) console.log(`  ${m}`);
console.log('slowest documents:');
for (const s of slowest) console.log(`  ${s.ms.toFixed(0)} ms, ${s.chars} characters: ${s.what}`);
console.log(`worst time per MiB among documents of 64 KiB or more: ${(worstMsPerMiB / 1000).toFixed(1)} s`);
process.exitCode = crashes.length > 0 || mismatches.length > 0 ? 1 : 0;
