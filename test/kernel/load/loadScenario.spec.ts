import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadScenarioFile, loadScenarioText } from '../../../src/kernel/load/loadScenario.js';
import { ScenarioError } from '../../../src/kernel/load/scenarioError.js';
import type { Scenario } from '../../../src/kernel/scenario.js';
import { problemsOf } from './helpers.js';

const fixture = (name: string): string => join(import.meta.dirname, 'fixtures', name);

/** What both fixtures load to, written out field by field. */
const expectedFixture: Scenario = {
  name: 't1-t2-t3',
  description: 'T1 exits, T2 sleeps on i_mutex, T3 allocates holding mmap_sem for write',
  source: 'seed 002',
  locks: [{ name: 'i_mutex', kind: 'mutex' }],
  memory: { free: 0, reserves: 1 },
  processes: [
    {
      name: 'victim',
      pages: 8,
      threads: [
        // memdie implies fatalSignal: the loader adds it
        { name: 'T1', program: [{ op: 'exit' }], start: { memdie: true, fatalSignal: true } },
        {
          name: 'T2',
          program: [
            { op: 'mutex_lock', lock: 'i_mutex' },
            { op: 'alloc', pages: 1 },
            { op: 'mutex_unlock', lock: 'i_mutex' },
          ],
          // T1 has TIF_MEMDIE, so SIGKILL is pending on the whole thread group
          start: { fatalSignal: true },
        },
        {
          name: 'T3',
          program: [{ op: 'alloc', pages: 1 }, { op: 'up_write', lock: 'mmap_sem' }, { op: 'exit' }],
          start: { holds: [{ lock: 'mmap_sem', mode: 'write' }], fatalSignal: true },
        },
      ],
    },
    {
      name: 'other',
      pages: 2,
      oomScoreAdj: -1000,
      threads: [
        {
          name: 'H',
          program: [
            { op: 'down_read', lock: 'victim.mmap_sem' },
            { op: 'up_read', lock: 'victim.mmap_sem' },
            { op: 'alloc', pages: 2 },
          ],
          start: { pc: 2, fatalSignal: false },
        },
      ],
    },
  ],
  designs: [{ preset: 'reaper-slot' }, { preset: 'reaper-queue', knobs: { reaperRetries: 3, shortcutWakesReaper: true } }],
  properties: ['no-deadlock', 'no-oom-livelock', 'no-oom-livelock[H]'],
  expect: {
    'reaper-slot': { 'no-oom-livelock': 'violated' },
    'reaper-queue+reaperRetries=3+shortcutWakesReaper=true': { 'no-deadlock': 'holds', 'no-oom-livelock[H]': 'holds' },
  },
};

/** The ScenarioError thrown by `f`, or a failure. */
function scenarioErrorOf(f: () => unknown): ScenarioError {
  try {
    f();
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

describe('loading scenario files', () => {
  test('the YAML and the JSON fixture load to the same Scenario, field for field', () => {
    const yaml = loadScenarioFile(fixture('valid.yaml'));
    const json = loadScenarioFile(fixture('valid.json'));
    expect(yaml).toStrictEqual(expectedFixture);
    expect(json).toStrictEqual(expectedFixture);
  });

  test('loadScenarioText is loadScenarioFile without the file', () => {
    expect(loadScenarioText(readFileSync(fixture('valid.yaml'), 'utf8'), 'x.yml')).toStrictEqual(expectedFixture);
  });

  test("optional fields that are absent stay absent (defaults are the model's)", () => {
    const s = loadScenarioText(
      ['name: s', 'description: ""', 'locks: []', 'memory: { free: 1, reserves: 0 }', 'processes: [{ name: p, pages: 0, threads: [{ name: T, program: [] }] }]'].join('\n'),
      's.yaml',
    );
    expect(s).toStrictEqual({
      name: 's',
      description: '',
      locks: [],
      memory: { free: 1, reserves: 0 },
      processes: [{ name: 'p', pages: 0, threads: [{ name: 'T', program: [] }] }],
    });
  });

  test('a missing file is a ScenarioError naming it, without a line', () => {
    const error = scenarioErrorOf(() => loadScenarioFile('scenarios/does-not-exist.yaml'));
    expect(error.format()).toBe('scenarios/does-not-exist.yaml: file not found');
    expect(error.problems).toEqual([{ file: 'scenarios/does-not-exist.yaml', path: '', message: 'file not found' }]);
  });

  test('a directory, an unreadable file, a non-UTF-8 file and an unknown extension are ScenarioErrors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oomcheck-load-'));
    const asDir = join(dir, 'dir.yaml');
    writeFileSync(join(dir, 'latin1.yaml'), Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]));
    expect(scenarioErrorOf(() => loadScenarioFile(join(dir, 'latin1.yaml'))).format()).toBe(`${join(dir, 'latin1.yaml')}: cannot read file: it is not UTF-8 text`);
    writeFileSync(join(dir, 'x.txt'), 'name: s');
    expect(scenarioErrorOf(() => loadScenarioFile(join(dir, 'x.txt'))).format()).toBe(`${join(dir, 'x.txt')}: unknown file type: a scenario file ends in .yaml, .yml or .json`);
    expect(scenarioErrorOf(() => loadScenarioText('{}', 'x.toml')).format()).toBe('x.toml: unknown file type: a scenario file ends in .yaml, .yml or .json');
    mkdirSync(asDir);
    expect(scenarioErrorOf(() => loadScenarioFile(asDir)).format()).toBe(`${asDir}: cannot read file: it is a directory`);
    if (process.getuid?.() !== 0) {
      const secret = join(dir, 'secret.yaml');
      writeFileSync(secret, 'name: s');
      chmodSync(secret, 0o000);
      expect(scenarioErrorOf(() => loadScenarioFile(secret)).format()).toBe(`${secret}: cannot read file: permission denied`);
    }
  });

  test('a UTF-8 byte-order mark is allowed in YAML and JSON', () => {
    const json = readFileSync(fixture('valid.json'), 'utf8');
    expect(loadScenarioText(`\uFEFF${json}`, 'x.json')).toStrictEqual(expectedFixture);
  });

  test('an empty file is one problem at line 1', () => {
    expect(problemsOf([''])).toEqual(['s.yaml:1:1: expected a scenario (a mapping with name, description, processes, locks, memory), got null']);
  });
});
