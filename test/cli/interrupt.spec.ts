import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { writeFileAtomic } from '../../src/cli/atomicWrite.js';

describe('SIGINT and SIGTERM stop check: the table so far, incomplete cells, exit 3', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json']);
  });

  test.each(['SIGINT', 'SIGTERM'] as const)('%s once a progress line shows the search running', async (signal) => {
    const out = mkdtempSync(join(tmpdir(), 'oomcheck-int-'));
    const child = spawn(process.execPath, ['dist/src/cli/main.js', 'check', '--family', 't1t2t3:8:4', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (d) => (stdout += d));
    // Wait for output, not for time: the first progress line comes after a second of search, however loaded the machine.
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!sent && / states, /.test(stderr)) {
        sent = true;
        child.kill(signal);
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(sent).toBe(true);
    expect(code).toBe(3);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^scenario {4}design {2,}states {2}seconds {2}no-oom-livelock /);
    expect(lines.slice(2).filter((l) => l.startsWith('t1t2t3-8-4  ')).length).toBeGreaterThan(0);
    expect(stdout).toMatch(/ incomplete /);
    expect(lines.at(-1)).toBe('Interrupted: the searches stopped early; their cells without a verdict are incomplete.');
    const files = readdirSync(out, { recursive: true, encoding: 'utf8' });
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('a reader that stops reading', () => {
  test('check | head: no stack trace, exit 141 (128 + SIGPIPE)', async () => {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json']);
    const out = mkdtempSync(join(tmpdir(), 'oomcheck-pipe-'));
    const child = spawn(process.execPath, ['dist/src/cli/main.js', 'check', 'tetsuo-t1-t2-t3', '--design', 'reaper-slot', '--quiet', '--format', 'md', '--out', out], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Close the read end before anything is written (as `check | true` does), so the first write meets a closed pipe
    // whatever the timing; after `head -1` the same happens to the first write past what head read.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect([code, stderr]).toEqual([141, '']);
  });
});

describe('writeFileAtomic', () => {
  test('writes through a temporary file and removes those left by processes no longer running', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oomcheck-tmp-'));
    mkdirSync(join(dir, 'd'));
    // 2147483646 is no process; the parent of this test runs.
    const stale = ['.no-deadlock.json.2147483646.1764400000000.tmp', '.2147483646.1764400000000.tmp'];
    const live = `.no-deadlock.json.${process.ppid}.1764400000000.tmp`;
    for (const name of [...stale, live, '.keep', 'x.tmp']) writeFileSync(join(dir, 'd', name), '');
    writeFileAtomic(join(dir, 'd', 'no-deadlock.json'), '{}\n');
    expect(readFileSync(join(dir, 'd', 'no-deadlock.json'), 'utf8')).toBe('{}\n');
    expect(readdirSync(join(dir, 'd')).sort()).toEqual(['.keep', live, 'no-deadlock.json', 'x.tmp'].sort());
    expect(stale.some((name) => existsSync(join(dir, 'd', name)))).toBe(false);
  });
});
