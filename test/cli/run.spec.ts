import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run } from './runCapture.js';

describe('oomcheck CLI', () => {
  test('--version prints the package version', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(run('--version')).toEqual({ code: 0, out: pkg.version, err: '' });
  });

  test('--help lists the commands and the exit codes; no arguments is a usage error', () => {
    const help = run('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('examples [NAME...]');
    expect(help.out).toContain('11 deadlock found, 12 invariant');
    expect(run().code).toBe(2);
  });

  test('unknown commands and options exit 2 with one line on stderr', () => {
    expect(run('frobnicate')).toEqual({ code: 2, out: '', err: "oomcheck: unknown command 'frobnicate' (try oomcheck --help)" });
    expect(run('examples', '--bogus')).toEqual({ code: 2, out: '', err: 'oomcheck: unknown option --bogus (see oomcheck examples --help)' });
    expect(run('examples', '--size', '1')).toEqual({ code: 2, out: '', err: 'oomcheck: --size must be an integer from 2 to 16, got "1"' });
    expect(run('examples', '--max-states', '0').err).toBe('oomcheck: --max-states must be a positive number, got "0"');
    expect(run('examples', 'nosuch').err).toBe('oomcheck: unknown example "nosuch"; known: peterson, peterson-swapped, philosophers, philosophers-ordered, spinlock, busy-wait');
  });

  test('examples: every verdict matches its known answer (exit 0), 19 rows', () => {
    const { code, out } = run('examples', '--quiet');
    expect(code).toBe(0);
    const lines = out.split('\n');
    const rows = lines.slice(2, 21);
    // Worst run: philosophers N=5, 82 states × 260 transitions / 2^64 (it stops at the deadlock).
    expect(lines.slice(21)).toEqual(['', '6 models, 209 distinct states in all. Fingerprint collision probability: 1.2e-15 (optimistic, as TLC computes it).']);
    expect(rows.every((r) => /\syes\s/.test(r))).toBe(true);
    expect(rows[0]).toMatch(/^peterson\s+mutual-exclusion\s+holds\s+yes\s+20\s/);
  });

  test('examples --trace prints the lasso of a liveness violation with its cycle marked', () => {
    const { out } = run('examples', 'spinlock', '--trace', '--quiet');
    expect(out).toContain(
      [
        'spinlock / p0-eventually-acquires:',
        '  0  initial state                         {"pc":[0,0],"lock":0}',
        '     ── cycle starts here ──',
        '  1  P1: test_and_set(&lock) succeeds      {"pc":[0,1],"lock":1}',
        '  2  P1: lock = 0                          {"pc":[0,0],"lock":0}',
        '     ── back to state 0, forever ──',
      ].join('\n'),
    );
  });

  test('a limit that stops a search exits 3', () => {
    const { code, out } = run('examples', 'philosophers', '--size', '10', '--max-states', '100', '--quiet');
    expect(code).toBe(3);
    expect(out).toContain('incomplete (maxStates)');
  });

  test('every help text fits 80 columns, the width its lines are wrapped to', () => {
    const texts = ['', 'check', 'scenarios', 'designs', 'examples', 'replay', 'merge'].map((c) => run(...(c === '' ? ['--help'] : ['help', c])).out);
    const long = texts.flatMap((t) => t.split('\n')).filter((l) => l.length > 80);
    expect(long).toEqual([]);
    // The reach words are listed in docs/scenarios.md, not in the manual.
    expect(texts[1]).toContain('(docs/scenarios.md, "The\n                    condition language", lists every word)');
  });

  test('a file with several problems: each on its own line, each starting "oomcheck:"', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oomcheck-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'name: x\nmemory: { free: -1 }\nprocesses: 3\n');
    const r = run('check', file, '--out', join(dir, 'out'));
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err.split('\n')).toEqual([
      `oomcheck: ${file}:1:1: missing required field 'description'`,
      `oomcheck: ${file}:1:1: missing required field 'locks'`,
      `oomcheck: ${file}:2:9: at memory: missing required field 'reserves'`,
      `oomcheck: ${file}:2:17: at memory.free: expected an integer ≥ 0, got -1`,
      `oomcheck: ${file}:3:12: at processes: expected a list of processes, got 3`,
    ]);
  });

  test('help examples prints the command usage', () => {
    expect(run('help', 'examples').out).toMatch(/^Usage: oomcheck examples/);
    expect(run('examples', '--help').out).toMatch(/^Usage: oomcheck examples/);
  });
});
