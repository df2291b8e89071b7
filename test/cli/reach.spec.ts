import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import { reportSchema } from '../../src/cli/reports/reportSchema.js';
import { run } from './runCapture.js';

/** A table line with its seconds column (right-aligned in 7) written as `   S.SS`, whatever the machine's speed. */
const timeless = (line: string): string => line.replace(/ +\d+\.\d\d(?= {2})/, (m) => `${' '.repeat(m.length - 4)}S.SS`);
const tmp = () => mkdtempSync(join(tmpdir(), 'oomcheck-reach-'));
/** How the CLI names a built-in scenario given by name: its path in the package. */
const builtin = resolve('scenarios/tetsuo-t1-t2-t3.yaml');
const skippedLocked = 'mm victim has MMF_OOM_SKIP and any task holds victim.mmap_sem';

describe('oomcheck check --reach', () => {
  test('a witness under 4.9 and 4.8 (its second give-up), unreachable before it: the table, the query line, the witness files; exit 0', () => {
    const out = tmp();
    const r = run('check', 'unreapable-victim', '--reach', skippedLocked, '--out', out, '--quiet', '--report', 'json,junit');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n').map(timeless);
    expect(lines.slice(0, 6)).toEqual([
      'scenario           design                     states  seconds  reach[1]',
      '-----------------  -------------------------  ------  -------  ------------',
      'unreapable-victim  reaper-queue-af8e15cc85a2      35     S.SS  unreachable',
      'unreapable-victim  mmf-oom-reaped                 32     S.SS  unreachable',
      'unreapable-victim  linux-4.8                      47     S.SS  reachable 13',
      'unreapable-victim  mmf-oom-skip                   23     S.SS  reachable 7',
    ]);
    expect(lines[7]).toBe(`reach[1]: ${skippedLocked}`);
    expect(r.out).toContain(`4 searches, 137 distinct states in all; 0 counterexamples and 2 witnesses written under ${out}/.`);
    const md = readFileSync(join(out, 'unreapable-victim', 'mmf-oom-skip', 'reach[1].md'), 'utf8');
    expect(md.split('\n').slice(0, 3)).toEqual(['# unreapable-victim under mmf-oom-skip: reach[1] reachable in 7 steps', '', `Reachable in 7 steps: after step 7, ${skippedLocked}.`]);
    expect(md).toContain(`| **✓ reached: ${skippedLocked}** |`);
    expect(existsSync(join(out, 'unreapable-victim', 'mmf-oom-reaped', 'reach[1].md'))).toBe(false);
    // The witness replays: the same 7 steps still reach the condition (exit 0, not a violation's 12).
    const replay = run('replay', join(out, 'unreapable-victim', 'mmf-oom-skip', 'reach[1].json'));
    expect([replay.code, replay.out]).toEqual([0, `replayed 7 steps: the witness reach[1] still reaches ${skippedLocked}`]);
    const itf = run('replay', join(out, 'unreapable-victim', 'mmf-oom-skip', 'reach[1].itf.json'));
    expect(itf.code).toBe(0);

    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    const validate = new Ajv2020({ strict: true }).compile(reportSchema());
    expect([validate(report), validate.errors]).toEqual([true, null]);
    expect(report.formatVersion).toBe(2);
    expect(report.searches.map((s: { design: string; properties: unknown[]; reach: unknown[] }) => [s.design, s.properties, s.reach])).toEqual([
      ['reaper-queue-af8e15cc85a2', [], [{ query: 'reach[1]', condition: skippedLocked, answer: 'unreachable', expected: null, asExpected: null, states: 35, traces: [] }]],
      ['mmf-oom-reaped', [], [{ query: 'reach[1]', condition: skippedLocked, answer: 'unreachable', expected: null, asExpected: null, states: 32, traces: [] }]],
      [
        'linux-4.8',
        [],
        [
          {
            query: 'reach[1]',
            condition: skippedLocked,
            answer: 'reachable',
            expected: null,
            asExpected: null,
            steps: 13,
            traces: ['json', 'itf.json', 'md', 'mmd', 'html'].map((e) => join(out, 'unreapable-victim', 'linux-4.8', `reach[1].${e}`)),
          },
        ],
      ],
      [
        'mmf-oom-skip',
        [],
        [
          {
            query: 'reach[1]',
            condition: skippedLocked,
            answer: 'reachable',
            expected: null,
            asExpected: null,
            steps: 7,
            traces: ['json', 'itf.json', 'md', 'mmd', 'html'].map((e) => join(out, 'unreapable-victim', 'mmf-oom-skip', `reach[1].${e}`)),
          },
        ],
      ],
    ]);
    const junit = readFileSync(join(out, 'report.junit.xml'), 'utf8');
    expect(junit).toContain(
      `<testcase classname="unreapable-victim.mmf-oom-skip" name="reach[1]"><system-out>reach[1] (${skippedLocked}): reachable 7; witness: ${join(out, 'unreapable-victim', 'mmf-oom-skip', 'reach[1].md')}</system-out></testcase>`,
    );
  });

  test('--reach with --property checks both in one search; the scenario keeps its state count', () => {
    const r = run(
      'check',
      'tetsuo-t1-t2-t3',
      '--design',
      'reaper-slot',
      '--knob',
      'exitTakesMmapSem=false',
      '--property',
      'no-oom-livelock[H]',
      '--reach',
      '2 tasks have TIF_MEMDIE',
      '--reach',
      'kernel has panicked',
      '--format',
      'md',
      '--out',
      tmp(),
      '--quiet',
    );
    expect(r.code).toBe(0);
    expect(timeless(r.out.split('\n')[2])).toBe('tetsuo-t1-t2-t3  reaper-slot+exitTakesMmapSem=false     845     S.SS  violated 19 (H)     reachable 7  unreachable');
    expect(r.out).toContain('reach[1]: 2 tasks have TIF_MEMDIE\nreach[2]: kernel has panicked');
  });

  test('random search: "not reached in R runs", never unreachable; exit 3', () => {
    const r = run('check', 'tetsuo-t1-t2-t3', '--design', 'mmf-oom-skip', '--reach', 'free > 100', '--strategy', 'random', '--runs', '20', '--seed', '1', '--out', tmp(), '--quiet');
    expect(r.code).toBe(3);
    expect(timeless(r.out.split('\n')[2])).toBe('tetsuo-t1-t2-t3  mmf-oom-skip    20     S.SS  not reached in 20 runs');
  });

  test('mistakes: a usage error (exit 2) naming the scenario and the column, with a caret', () => {
    const r = run('check', 'tetsuo-t1-t2-t3', '--reach', 'T2 waits on i_mutx');
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err.split('\n')).toEqual([
      `oomcheck: --reach: column 13 of the condition, on scenario tetsuo-t1-t2-t3 (${builtin}): no lock named 'i_mutx'; did you mean 'i_mutex'?`,
      // Every line starts "oomcheck:"; the caret stays under the column.
      'oomcheck:   T2 waits on i_mutx',
      'oomcheck:               ^',
    ]);
    expect(run('check', 'tetsuo-t1-t2-t3', '--reach', 'T1 has TIF_MEMDIE or').err.split('\n')[0]).toBe(
      `oomcheck: --reach: column 21 of the condition, on scenario tetsuo-t1-t2-t3 (${builtin}): the condition ends after 'or': expected a condition`,
    );
  });

  test("a scenario's reach: answer that contradicts its expectation is marked ! and exits 1", () => {
    const dir = tmp();
    const file = join(dir, 'wrong.yaml');
    const text = readFileSync('scenarios/unreapable-victim.yaml', 'utf8').replace('"mmf-oom-skip": reachable', '"mmf-oom-skip": unreachable');
    writeFileSync(file, text);
    const r = run('check', file, '--design', 'mmf-oom-skip', '--out', dir, '--quiet', '--format', 'md');
    expect(r.code).toBe(1);
    expect(r.out).toContain('reachable 7 !');
    expect(r.out).toContain('Reach: 0 answers as the scenario expects, 1 differs (marked !).');
  });
});
