import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run } from './runCapture.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'oomcheck-random-'));

describe('check --family and --strategy random', () => {
  test('--family checks a generated scenario exhaustively: t1t2t3:3:1 under the first reaper is violated in 12 steps, 481 states', () => {
    const r = run('check', '--family', 't1t2t3:3:1', '--design', 'reaper-slot', '--quiet', '--out', tmp());
    expect(r.code).toBe(13);
    expect(r.out).toMatch(/t1t2t3-3-1\s+reaper-slot\s+481\s+\S+\s+violated 12 \(T3\)\s+violated 12 \(H1\)/);
  });

  test('bad strategy options and families exit 2 naming the cause', () => {
    expect(run('check', '--family', 't1t2t3:2:1').err).toBe('oomcheck: t1t2t3Family: need integers n ≥ 3 and 1 ≤ m ≤ n - 2, got n=2, m=1');
    expect(run('check', '--family', 'philosophers:3').err).toContain('unknown family "philosophers:3"');
    expect(run('check', '--strategy', 'dfs').err).toBe('oomcheck: --strategy must be exhaustive or random, got "dfs"');
    expect(run('check', '--runs', '5').err).toBe('oomcheck: --runs needs --strategy random');
    expect(run('check', '--strategy', 'random', '--path', '1:2').err).toBe('oomcheck: --path needs --seed (both are printed after a failing random run)');
    expect(run('check', '--strategy', 'random', '--runs', '0').code).toBe(2);
  });

  test('nothing found is incomplete (exit 3): "not found in R runs", with the seed under the table', () => {
    const r = run(
      'check',
      '--family',
      't1t2t3:3:1',
      '--design',
      'mmf-oom-reaped',
      '--property',
      'no-oom-livelock[H1]',
      '--strategy',
      'random',
      '--seed',
      '7',
      '--runs',
      '50',
      '--quiet',
      '--out',
      tmp(),
    );
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/t1t2t3-3-1\s+mmf-oom-reaped\s+50\s+\S+\s+not found in 50 runs/);
    expect(r.out).toMatch(/t1t2t3-3-1 under mmf-oom-reaped: seed 7, 50 runs, no violation found, \d+\.\d\d s/);
  });

  test('a scenario expecting "holds" is not incomplete for a random search that finds nothing (exit 0)', () => {
    const r = run(
      'check',
      'scenarios/tetsuo-t1-t2-t3.yaml',
      '--design',
      'mmf-oom-skip',
      '--property',
      'no-oom-livelock',
      '--strategy',
      'random',
      '--seed',
      '7',
      '--runs',
      '50',
      '--quiet',
      '--out',
      tmp(),
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('not found in 50 runs');
  });
});

test('a violation found prints seed, path, lengths and the replay command, which re-runs only the failing schedule', () => {
  const args = ['check', '--family', 't1t2t3:3:1', '--design', 'reaper-slot', '--knob', 'exitTakesMmapSem=false', '--property', 'no-oom-livelock[H1]', '--strategy', 'random', '--quiet'];
  const found = run(...args, '--seed', '1', '--out', tmp());
  expect(found.code).toBe(13);
  expect(found.out).toMatch(/t1t2t3-3-1\s+reaper-slot\+exitTakesMmapSem=false\s+3\s+\S+\s+violated 19 \(H1\)/);
  expect(found.out).toMatch(/seed 1, path [\d:]+, no-oom-livelock\[H1\] violated at run 3, \d+ → 19 → 19 steps \(found → shrunk → minimized\)/);
  const replay = /replay: oomcheck (.*)$/m.exec(found.out)![1];
  expect(replay).toMatch(/^check --family t1t2t3:3:1 --design reaper-slot --knob exitTakesMmapSem=false --property 'no-oom-livelock\[H1\]' --strategy random --seed 1 --path [\d:]+$/);
  const path = /--path ([\d:]+)$/.exec(replay)![1];
  const out = tmp();
  const again = run(...args, '--seed', '1', '--path', path, '--out', out);
  expect(again.code).toBe(13);
  expect(again.out).toContain('violated 19 (H1)');
  expect(existsSync(join(out, 't1t2t3-3-1', 'reaper-slot+exitTakesMmapSem=false', 'no-oom-livelock[H1].json'))).toBe(true);
});
