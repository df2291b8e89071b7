import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { scenarioFilesOf } from '../../src/cli/scenarioArgs.js';
import { UsageError } from '../../src/cli/usageError.js';
import { builtinScenarioFiles } from '../../src/kernel/index.js';
import { run } from './runCapture.js';

const tetsuo = resolve('scenarios/tetsuo-t1-t2-t3.yaml');

describe('check FILE...: files, folders and built-in names', () => {
  test('a built-in name, as oomcheck scenarios lists it, is that built-in file', () => {
    expect(scenarioFilesOf(['tetsuo-t1-t2-t3'])).toEqual([tetsuo]);
  });

  test("a built-in scenario's path in the package, as oomcheck scenarios lists it, works from any folder", () => {
    const cwd = process.cwd();
    process.chdir(mkdtempSync(join(tmpdir(), 'oomcheck-args-')));
    try {
      expect(scenarioFilesOf(['scenarios/tetsuo-t1-t2-t3.yaml'])).toEqual([tetsuo]);
    } finally {
      process.chdir(cwd);
    }
  });

  test('a folder gives its scenario files sorted; a file given twice is checked once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oomcheck-args-'));
    copyFileSync(tetsuo, join(dir, 'b.yaml'));
    copyFileSync('scenarios/reap-vs-kill-race.yaml', join(dir, 'a.yml'));
    writeFileSync(join(dir, 'notes.txt'), 'not a scenario');
    expect(scenarioFilesOf([dir, join(dir, 'b.yaml'), `${dir}/./a.yml`])).toEqual([join(dir, 'a.yml'), join(dir, 'b.yaml')]);
    expect(scenarioFilesOf(['scenarios/'])).toHaveLength(builtinScenarioFiles().length);
  });

  test('a name that is no file, folder or built-in, and a folder without scenarios, are usage errors', () => {
    expect(() => scenarioFilesOf(['tetsuo'])).toThrow(new UsageError('tetsuo: no such file, folder or built-in scenario (oomcheck scenarios lists the built-in ones)'));
    const empty = mkdtempSync(join(tmpdir(), 'oomcheck-args-'));
    expect(() => scenarioFilesOf([empty])).toThrow(new UsageError(`${empty}: a folder with no scenario file (.yaml, .yml or .json)`));
  });

  test('two scenarios of one name are refused before any search: they would share an output folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oomcheck-args-'));
    copyFileSync(tetsuo, join(dir, 'copy.yaml'));
    const out = join(dir, 'out');
    const r = run('check', join(dir, 'copy.yaml'), 'tetsuo-t1-t2-t3', '--out', out);
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toBe(`oomcheck: two scenarios are named "tetsuo-t1-t2-t3" (${join(dir, 'copy.yaml')} and ${tetsuo}): their counterexamples would share one folder; rename one`);
    expect(readdirSync(dir)).toEqual(['copy.yaml']);
  });

  test('check by built-in name, without --out, writes under ./oomcheck-out, never into counterexamples/', () => {
    const cwd = process.cwd();
    const dir = mkdtempSync(join(tmpdir(), 'oomcheck-args-'));
    mkdirSync(join(dir, 'work'));
    process.chdir(join(dir, 'work'));
    try {
      const r = run('check', 'tetsuo-t1-t2-t3', '--design', 'no-reaper', '--property', 'no-deadlock', '--property', 'no-oom-livelock[H]', '--quiet', '--format', 'json');
      expect(r.code).toBe(0);
      expect(r.out.split('\n').at(-1)).toMatch(/^1 search, 112 distinct states in all; 1 counterexample written under oomcheck-out\/\./);
      expect(readdirSync(join(dir, 'work', 'oomcheck-out', 'tetsuo-t1-t2-t3', 'no-reaper'))).toEqual(['no-oom-livelock[H].json']);
    } finally {
      process.chdir(cwd);
    }
  });
});
