import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { exitCodeOf, expectationLine, type Cell, type ReachCell, type Row } from '../../src/cli/outcome.js';
import { reportSchema } from '../../src/cli/reports/reportSchema.js';
import { run } from './runCapture.js';
import { version } from '../../src/packageRoot.js';

const schemaFile = 'schema/report.schema.json';
/** T1/T2/T3 under a design the scenario records no expectations for: H's livelock (19 steps) is an unexpected violation. */
const unexpected = ['--design', 'reaper-slot', '--knob', 'killExitingShortcut=none', '--knob', 'exitTakesMmapSem=false', '--property', 'no-deadlock', '--property', 'no-oom-livelock[H]'];
const design = 'reaper-slot+killExitingShortcut=none+exitTakesMmapSem=false';
const tmp = () => mkdtempSync(join(tmpdir(), 'oomcheck-report-'));

describe('--report json', () => {
  test('schema/report.schema.json is reportSchema() (UPDATE_SCHEMA=1 rewrites it)', () => {
    const generated = `${JSON.stringify(reportSchema(), null, 2)}\n`;
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(schemaFile, generated);
    expect(readFileSync(schemaFile, 'utf8'), 'stale: run UPDATE_SCHEMA=1 npx vitest run test/cli/reports.spec.ts').toBe(generated);
  });

  test('T1/T2/T3 under the first reaper: every figure of the table, valid against the schema', () => {
    const out = tmp();
    const r = run('check', 'tetsuo-t1-t2-t3', ...unexpected, '--format', 'json,md', '--report', 'json', '--out', out, '--quiet');
    expect(r.code).toBe(13);
    expect(r.out.split('\n').at(-1)).toBe(`Report: ${join(out, 'report.json')}.`);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    const validate = new Ajv2020({ strict: true }).compile(reportSchema());
    expect([validate(report), validate.errors]).toEqual([true, null]);
    expect({ ...report, searches: report.searches.map((s: { seconds: number }) => ({ ...s, seconds: typeof s.seconds })) }).toEqual({
      format: 'oomcheck-report',
      formatVersion: 2,
      oomcheck: version(),
      exitCode: 13,
      searches: [
        {
          scenario: 'tetsuo-t1-t2-t3',
          file: 'scenarios/tetsuo-t1-t2-t3.yaml',
          design,
          strategy: 'exhaustive',
          states: 823,
          transitions: 2073,
          depth: 27,
          seconds: 'number',
          properties: [
            { property: 'no-deadlock', verdict: 'holds', expected: null, asExpected: null, traces: [] },
            {
              property: 'no-oom-livelock[H]',
              verdict: 'violated',
              expected: null,
              asExpected: null,
              failing: 'no-oom-livelock[H]',
              task: 'H',
              fairness: 'strong',
              steps: 19,
              loopStart: 16,
              traces: [join(out, `tetsuo-t1-t2-t3/${design}/no-oom-livelock[H].json`), join(out, `tetsuo-t1-t2-t3/${design}/no-oom-livelock[H].md`)],
            },
          ],
        },
      ],
    });
  });

  test('an unknown report kind is a usage error, before any search', () => {
    expect(run('check', 'tetsuo-t1-t2-t3', '--report', 'json,xml')).toMatchObject({ code: 2, out: '', err: 'oomcheck: --report: unknown report "xml" (json or junit)' });
  });
});

describe('--report junit and GitHub annotations', () => {
  afterEach(() => vi.unstubAllEnvs());

  test('an unexpected violation is a failed test case and an ::error annotation on the scenario file; a holding property passes', () => {
    vi.stubEnv('GITHUB_ACTIONS', 'true');
    const out = tmp();
    const r = run('check', 'tetsuo-t1-t2-t3', ...unexpected, '--format', 'md', '--report', 'junit', '--out', out, '--quiet');
    expect(r.code).toBe(13);
    const trace = join(out, `tetsuo-t1-t2-t3/${design}/no-oom-livelock[H].md`);
    expect(r.out.split('\n').filter((l) => l.startsWith('::'))).toEqual([
      `::error file=scenarios/tetsuo-t1-t2-t3.yaml,title=oomcheck%3A tetsuo-t1-t2-t3::no-oom-livelock[H] under ${design}: violated 19 (H); trace: ${trace}`,
    ]);
    const xml = readFileSync(join(out, 'report.junit.xml'), 'utf8').split('\n');
    expect(xml.length).toBe(8);
    expect(xml[1]).toBe('<testsuites name="oomcheck" tests="2" failures="1">');
    expect(xml[2]).toMatch(new RegExp(`^  <testsuite name="tetsuo-t1-t2-t3 under ${design.replace(/\+/g, '\\+')}" tests="2" failures="1" errors="0" skipped="0" time="[0-9.]+">$`));
    expect(xml[3]).toBe(`    <testcase classname="tetsuo-t1-t2-t3.${design}" name="no-deadlock"></testcase>`);
    expect(xml[4]).toBe(
      `    <testcase classname="tetsuo-t1-t2-t3.${design}" name="no-oom-livelock[H]"><failure message="no-oom-livelock[H]: violated 19 (H); trace: ${trace}" type="violation"/></testcase>`,
    );
    expect(xml.slice(5)).toEqual(['  </testsuite>', '</testsuites>', '']);
  });

  test('without GITHUB_ACTIONS no annotation is printed', () => {
    vi.stubEnv('GITHUB_ACTIONS', '');
    const r = run('check', 'tetsuo-t1-t2-t3', '--design', 'no-reaper', '--property', 'no-oom-livelock[H]', '--format', 'md', '--out', tmp(), '--quiet');
    expect([r.code, r.out.includes('::error')]).toEqual([0, false]);
  });
});

describe('the exit code of a whole check', () => {
  const cell = (c: Partial<Cell>): Cell => ({ property: 'p', verdict: { property: 'p', verdict: 'holds' }, differs: false, incomplete: false, text: 'holds', ...c });
  const rows = (...cells: Partial<Cell>[]): Row[] => [{ run: undefined as never, cells: cells.map(cell), reach: [] }];
  const reachCell = (c: Partial<ReachCell>): ReachCell => ({
    ref: 'reach[q]',
    result: { name: 'q', condition: 'free == 0', answer: 'unreachable' },
    differs: false,
    incomplete: false,
    text: 'unreachable',
    ...c,
  });

  test('1 for a differing verdict, else the smallest violation code in any order, else 3 for incomplete, else 0', () => {
    expect(exitCodeOf(rows({ violationCode: 13 }, { differs: true }))).toBe(1);
    expect(exitCodeOf(rows({ violationCode: 13 }, { violationCode: 11 }, { violationCode: 12 }))).toBe(11);
    expect(exitCodeOf(rows({ violationCode: 12 }, { violationCode: 13 }))).toBe(12);
    expect(exitCodeOf(rows({ incomplete: true }, { violationCode: 13 }))).toBe(13);
    expect(exitCodeOf(rows({ incomplete: true }))).toBe(3);
    expect(exitCodeOf(rows({}))).toBe(0);
  });

  test('a reach answer counts as a verdict does: 1 when it differs (before any violation), 3 when incomplete; reachable alone is no failure', () => {
    const withReach = (cells: Partial<Cell>[], reach: Partial<ReachCell>[]): Row[] => [{ run: undefined as never, cells: cells.map(cell), reach: reach.map(reachCell) }];
    expect(exitCodeOf(withReach([{ violationCode: 11 }], [{ differs: true }]))).toBe(1);
    expect(exitCodeOf(withReach([{}], [{ incomplete: true }]))).toBe(3);
    expect(exitCodeOf(withReach([{ violationCode: 12 }], [{ incomplete: true }]))).toBe(12);
    expect(
      exitCodeOf(withReach([], [{ result: { name: 'q', condition: 'free == 0', answer: 'reachable', witness: { initialIndex: 0, initial: undefined as never, steps: [] } }, text: 'reachable 0' }])),
    ).toBe(0);
  });
});

describe('the line on expectations under the table', () => {
  const cell = (c: Partial<Cell>): Cell => ({ property: 'p', verdict: { property: 'p', verdict: 'holds' }, differs: false, incomplete: false, text: 'holds', ...c });
  const violated = { property: 'p', verdict: 'violated' } as const;

  test('says which verdicts the scenarios expect, how many are violations, which differ, and which have no expectation', () => {
    const rows: Row[] = [
      {
        run: undefined as never,
        cells: [
          cell({ expected: 'holds' }),
          cell({ expected: 'violated', verdict: violated }),
          cell({ expected: 'holds', verdict: violated, differs: true }),
          cell({}),
          cell({ expected: 'holds', verdict: { property: 'p', verdict: 'incomplete' }, incomplete: true }),
        ],
        reach: [],
      },
    ];
    expect(expectationLine(rows)).toBe('Expectations: 2 verdicts as the scenario expects (1 of them a violation), 1 differs (marked !), 1 with no expectation.');
    expect(expectationLine([{ run: undefined as never, cells: [cell({}), cell({ verdict: violated })], reach: [] }])).toBe(
      'Expectations: none of the designs checked has expected verdicts (2 with no expectation).',
    );
    expect(expectationLine([{ run: undefined as never, cells: [], reach: [] }])).toBeUndefined();
    const answer = (expected: 'reachable' | 'unreachable' | undefined, differs: boolean) => ({
      ref: 'reach[q]',
      result: { name: 'q', condition: 'free == 0', answer: 'unreachable' as const, ...(expected ? { expected } : {}) },
      differs,
      incomplete: false,
      text: 'unreachable',
    });
    const reach = [answer('unreachable', false), answer('reachable', true), answer(undefined, false)];
    expect(expectationLine([{ ...rows[0], reach }])).toBe(
      'Expectations: 2 verdicts as the scenario expects (1 of them a violation), 1 differs (marked !), 1 with no expectation. Reach: 1 answer as the scenario expects, 1 differs (marked !), 1 with no expectation.',
    );
    expect(expectationLine([{ run: undefined as never, cells: [], reach }])).toBe('Reach: 1 answer as the scenario expects, 1 differs (marked !), 1 with no expectation.');
    expect(expectationLine([{ run: undefined as never, cells: [cell({})], reach }])).toBe(
      'Expectations: none of the designs checked has expected verdicts (1 with no expectation). Reach: 1 answer as the scenario expects, 1 differs (marked !), 1 with no expectation.',
    );
  });

  test("the README's 30-second example: its violation is the one the scenario expects", () => {
    const r = run('check', 'tetsuo-t1-t2-t3', '--design', 'reaper-slot', '--knob', 'exitTakesMmapSem=false', '--property', 'no-oom-livelock[H]', '--format', 'md', '--out', tmp(), '--quiet');
    expect([r.code, r.out.split('\n')[4]]).toEqual([0, 'Expectations: 1 verdict as the scenario expects (1 of them a violation).']);
  });
});
