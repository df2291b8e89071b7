/**
 * Sharding a random search across processes: `check --shard K/N` in N
 * spawned processes of the built CLI, then `merge`, against one
 * unsharded run with the same seed and run count.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { run } from './runCapture.js';

const dir = mkdtempSync(join(tmpdir(), 'oomcheck-shard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const job = ['check', 'tetsuo-t1-t2-t3', '--design', 'reaper-slot', '--design', 'mmf-oom-skip', '--strategy', 'random', '--seed', '7', '--runs', '60', '--depth', '40', '--format', 'json', '--quiet'];
const shardFile = (k: number) => join(dir, `s${k}`, `shard-${k}-of-3.json`);

/** Runs the built CLI in a child process; resolves to its exit code. */
function spawnCli(args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/src/cli/main.js', ...args], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? -1));
  });
}

interface ReportProperty {
  readonly property: string;
  readonly verdict: string;
  readonly steps?: number;
}
const cellsOf = (path: string): string[] =>
  (JSON.parse(readFileSync(path, 'utf8')) as { searches: { design: string; runs: number; properties: ReportProperty[] }[] }).searches.flatMap((s) =>
    s.properties.map((p) => `${s.design} ${p.property}: ${p.verdict}${p.steps === undefined ? '' : ` ${p.steps}`}`),
  );

describe('check --shard K/N in 3 processes, then merge', () => {
  let codes: number[] = [];
  beforeAll(async () => {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json']);
    codes = await Promise.all([1, 2, 3].map((k) => spawnCli([...job, '--shard', `${k}/3`, '--out', join(dir, `s${k}`)])));
  });

  test('the merged verdicts are those of one unsharded run with the same seed and runs; not-found runs sum to 60', () => {
    expect(codes).toEqual([3, 3, 3]);
    const whole = run(...job, '--out', join(dir, 'whole'), '--report', 'json');
    const merged = run('merge', shardFile(3), shardFile(1), shardFile(2), '--out', join(dir, 'merged'), '--format', 'json', '--report', 'json');
    expect([whole.code, merged.code]).toEqual([3, 3]);
    const expected = [
      'reaper-slot no-deadlock: incomplete',
      'reaper-slot no-oom-livelock: violated 12',
      'reaper-slot no-oom-livelock[H]: violated 12',
      'reaper-slot victim-always-handled: violated 12',
      'reaper-slot no-needless-kill: incomplete',
      'reaper-slot no-panic: incomplete',
      'mmf-oom-skip no-deadlock: incomplete',
      'mmf-oom-skip no-oom-livelock: incomplete',
      'mmf-oom-skip no-oom-livelock[H]: incomplete',
      'mmf-oom-skip victim-always-handled: incomplete',
      'mmf-oom-skip no-needless-kill: incomplete',
      'mmf-oom-skip no-panic: violated 18',
    ];
    expect(cellsOf(join(dir, 'merged', 'report.json'))).toEqual(expected);
    expect(cellsOf(join(dir, 'whole', 'report.json'))).toEqual(expected);
    // Cells (seconds left out): runs executed, summed over the shards.
    const row = (line: string) => line.split(/ {2,}/).filter((_, i) => i !== 3);
    const table = merged.out.split('\n');
    expect(row(table[2])).toEqual([
      'tetsuo-t1-t2-t3',
      'reaper-slot',
      '507',
      'not found in 60 runs',
      'violated 12 (T3)',
      'violated 12 (H)',
      'violated 12 (T1)',
      'not found in 60 runs',
      'not found in 60 runs',
    ]);
    expect(row(table[3])).toEqual(['tetsuo-t1-t2-t3', 'mmf-oom-skip', '630', ...Array<string>(5).fill('not found in 60 runs'), 'violated 18']);
    expect(merged.out).toContain('tetsuo-t1-t2-t3 under mmf-oom-skip: seed 7, 3 shards, 630 runs, 1 violation: oomcheck replay re-executes the traces');
    expect(merged.out).toContain('2 random searches, 1137 runs in all; 4 counterexamples written under');
  });

  test('a merged counterexample replays', () => {
    const replayed = run('replay', join(dir, 'merged', 'tetsuo-t1-t2-t3', 'mmf-oom-skip', 'no-panic.json'));
    expect(replayed.out).toMatch(/^replayed 18 steps: no-panic still violated/);
  });

  test('a missing shard, a shard given twice, another job, or not a shard file: exit 2, naming the file', () => {
    expect(run('merge', shardFile(1), shardFile(2))).toMatchObject({ code: 2, err: 'oomcheck: shard 3/3 missing: merge needs all 3 shards of the job' });
    expect(run('merge', shardFile(1), shardFile(2), shardFile(2)).err).toBe(`oomcheck: ${shardFile(2)}: shard 2/3 is given twice (also ${shardFile(2)})`);
    const other = join(dir, 'other-seed.json');
    writeFileSync(other, readFileSync(shardFile(3), 'utf8').replace('"seed": 7,', '"seed": 8,'));
    expect(run('merge', shardFile(1), shardFile(2), other).err).toBe(
      `oomcheck: ${other}: a shard of another job than ${shardFile(1)} (seed 8, 60 runs, depth 40, 2 searches against seed 7, 60 runs, depth 40, 2 searches; or other scenarios, designs or properties)`,
    );
    const report = join(dir, 'whole', 'report.json');
    expect(run('merge', report).err).toBe(`oomcheck: ${report}: not an oomcheck shard result (its "format" is not "oomcheck-shard"; check --shard K/N writes one)`);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, readFileSync(shardFile(1), 'utf8').replace('"count": 3', '"count": 0'));
    expect(run('merge', broken).err).toBe(`oomcheck: ${broken}: at shard: must be { index: K, count: N } with 1 ≤ K ≤ N`);
    const tampered = join(dir, 'tampered.json');
    const doc = JSON.parse(readFileSync(shardFile(1), 'utf8'));
    const violation = doc.searches[0].verdicts.find((v: { verdict: string }) => v.verdict === 'violated');
    violation.trace.steps.pop();
    violation.trace.states.pop();
    writeFileSync(tampered, JSON.stringify(doc));
    expect(run('merge', tampered, shardFile(2), shardFile(3)).code).toBe(2);
  });

  test("a shard says on stderr that it skips the scenario's reach: queries (not with --property, which skips them anyway)", () => {
    const shard = ['check', 'tetsuo-t1-t2-t3', '--design', 'reaper-slot', '--strategy', 'random', '--seed', '7', '--runs', '6', '--depth', '20', '--format', 'json', '--quiet', '--shard', '1/3'];
    const noted = run(...shard, '--out', join(dir, 'noted'));
    expect(noted.err).toBe('oomcheck: note: --shard skips the reach: query of tetsuo-t1-t2-t3 (a shard file carries verdicts only); run it without --shard to answer it');
    expect(noted.out.split('\n').at(-1)).toBe(`Shard result: ${join(dir, 'noted', 'shard-1-of-3.json')}.`);
    expect(run(...shard, '--property', 'no-panic', '--out', join(dir, 'quiet')).err).toBe('');
  });

  test('progress on stderr comes before the table, never after "Shard result" (stdout and stderr to one pipe)', async () => {
    // The time limit makes the search run long enough to print progress (a line a second) on any machine;
    // what is asserted is only the order of the lines.
    const args = ['dist/src/cli/main.js', 'check', '--family', 't1t2t3:4:2', '--design', 'reaper-slot', '--strategy', 'random', '--seed', '1', '--runs', '10000000', '--time', '2'];
    const shardArgs = [...args, '--format', 'json', '--shard', '1/2', '--out', join(dir, 'progress')];
    const child = spawn('sh', ['-c', 'exec "$0" "$@" 2>&1', process.execPath, ...shardArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code).toBe(3);
    const lines = output.trimEnd().split('\n');
    const progress = lines.flatMap((l, i) => (/^\d+s: \d+ runs, /.test(l) ? [i] : []));
    expect(progress.length).toBeGreaterThan(0);
    const header = lines.findIndex((l) => l.startsWith('scenario '));
    expect(Math.max(...progress)).toBeLessThan(header);
    expect(lines.at(-1)).toBe(`Shard result: ${join(dir, 'progress', 'shard-1-of-2.json')}.`);
  });

  test('--shard needs --strategy random and --seed, and K/N with 1 ≤ K ≤ N', () => {
    expect(run('check', 'tetsuo-t1-t2-t3', '--shard', '1/2').err).toBe('oomcheck: --shard needs --strategy random (an exhaustive search is not split into shards)');
    expect(run('check', 'tetsuo-t1-t2-t3', '--strategy', 'random', '--shard', '1/2').err).toBe('oomcheck: --shard needs --seed: every shard of a job must generate the same schedules');
    expect(run('check', 'tetsuo-t1-t2-t3', '--strategy', 'random', '--seed', '1', '--shard', '3/2').err).toBe('oomcheck: --shard must be K/N with 1 ≤ K ≤ N ≤ 100000, got "3/2"');
    expect(run('merge').err).toBe('oomcheck: merge takes the shard result files of one job (see oomcheck merge --help)');
  });
});
