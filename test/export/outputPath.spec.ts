import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { maxSegmentBytes, pathSegment } from '../../src/export/index.js';
import { run } from '../cli/runCapture.js';

describe('pathSegment: a name as one safe, bounded, collision-free path segment', () => {
  test('safe names stay as they are (the committed counterexamples keep their paths)', () => {
    for (const name of ['tetsuo-t1-t2-t3', 'reaper-slot+exitTakesMmapSem=false', 'no-oom-livelock[H]', 'v1.2_x']) expect(pathSegment(name)).toBe(name);
  });

  test('separators, NUL, control characters, % and non-ASCII are percent-encoded; no . or .. segment, no hidden file', () => {
    expect(pathSegment('../../../../x')).toBe('%2E.%2F..%2F..%2F..%2Fx');
    expect(pathSegment('/../../y/pwn')).toBe('%2F..%2F..%2Fy%2Fpwn');
    expect(pathSegment('.')).toBe('%2E');
    expect(pathSegment('..')).toBe('%2E.');
    expect(pathSegment('.hidden')).toBe('%2Ehidden');
    expect(pathSegment('a\0b')).toBe('a%00b');
    expect(pathSegment('W\n# h\r\x1b[2J')).toBe('W%0A%23%20h%0D%1B[2J');
    expect(pathSegment('50%')).toBe('50%25');
    expect(pathSegment('é🙂')).toBe('%C3%A9%F0%9F%99%82');
    expect(pathSegment('a\\b:c')).toBe('a%5Cb%3Ac');
  });

  test('a long name is cut to maxSegmentBytes and ends in ~ and a hash of the whole name, so names sharing a prefix differ', () => {
    const a = pathSegment(`${'x'.repeat(300)}a`);
    const b = pathSegment(`${'x'.repeat(300)}b`);
    expect([a.length, b.length]).toEqual([maxSegmentBytes, maxSegmentBytes]);
    expect(a).toMatch(/^x{103}~[0-9a-f]{16}$/);
    expect(a).not.toBe(b);
    // A cut never splits a %XX escape.
    expect(pathSegment('é'.repeat(100))).toMatch(/^(%C3%A9)+~[0-9a-f]{16}$/);
    expect(Buffer.byteLength(pathSegment('🙂'.repeat(100)))).toBeLessThanOrEqual(maxSegmentBytes);
  });
});

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

describe('check writes every file inside --out, whatever the names', () => {
  const tetsuo = parse(readFileSync('scenarios/tetsuo-t1-t2-t3.yaml', 'utf8'));
  const cases: [string, string][] = [
    ['../../../../x', '/../../../../y/pwn'],
    ['/absolute/path', '..'],
    ['nul\0byte', 'a\0b'],
    ['a/b/c', '.'],
    ['n'.repeat(300), 't'.repeat(300)],
    ['ünïcødé 漢字 🙂', 'W\n# injected heading'],
  ];
  test.each(cases)('scenario %j, task %j', (name, task) => {
    const dir = mkdtempSync(join(tmpdir(), 'oomcheck-paths-'));
    const scenario = structuredClone(tetsuo);
    scenario.name = name;
    scenario.processes[1].threads[0].name = task;
    delete scenario.designs;
    delete scenario.expect;
    delete scenario.properties;
    const file = join(dir, 'scenario.json');
    writeFileSync(file, JSON.stringify(scenario));
    const out = join(dir, 'out');
    const r = run('check', file, '--design', 'no-reaper', '--property', `no-oom-livelock[${task}]`, '--out', out, '--quiet', '--format', 'json,md', '--report', 'json');
    expect(r.err).toBe('');
    expect(r.code).toBe(13);
    // Nothing was written beside --out, and every file is inside it.
    expect(readdirSync(dir).sort()).toEqual(['out', 'scenario.json']);
    const files = filesUnder(out);
    expect(files).toHaveLength(3);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    const traces: string[] = report.searches[0].properties[0].traces;
    expect(traces.map((t) => relative(out, t)).sort()).toEqual(files.filter((f) => f !== 'report.json'));
    for (const t of traces) {
      expect(existsSync(t)).toBe(true);
      expect(realpathSync(t).startsWith(`${realpathSync(out)}/`)).toBe(true);
      expect(relative(out, t).split('/')).toHaveLength(3);
      for (const segment of relative(out, t).split('/')) expect(Buffer.byteLength(segment)).toBeLessThanOrEqual(maxSegmentBytes + '.json'.length);
    }
    expect(r.out).toContain(`1 counterexample written under ${out}/.`);
    // The Markdown's replay command names the JSON file as written.
    const [json, md] = [traces.find((t) => t.endsWith('.json'))!, traces.find((t) => t.endsWith('.md'))!];
    expect(readFileSync(md, 'utf8')).toContain(`oomcheck replay '${basename(json)}'`);
    expect(resolve(traces[0])).toBe(join(out, pathSegment(name), 'no-reaper', `${pathSegment(`no-oom-livelock[${task}]`)}.json`));
  });
});
