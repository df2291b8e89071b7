import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run } from './runCapture.js';

/** Three identical threads of an unkillable daemon (interchangeable) and a victim waiting for their mutex. */
const daemon = `name: daemon-3
description: identical threads of an unkillable daemon allocate under i_mutex; a killable process waits for it
memory: { free: 0, reserves: 1 }
locks: [{ name: i_mutex, kind: mutex }]
processes:
  - name: daemon
    pages: 2
    oomScoreAdj: -1000
    threads:
${[1, 2, 3].map((i) => `      - { name: D${i}, program: [{ op: mutex_lock, lock: i_mutex }, { op: alloc, pages: 1 }, { op: mutex_unlock, lock: i_mutex }] }`).join('\n')}
  - name: victim
    pages: 4
    threads:
      - { name: V, program: [{ op: mutex_lock, lock: i_mutex }, { op: mutex_unlock, lock: i_mutex }, { op: exit }] }
designs: [{ preset: mmf-oom-skip }]
properties: [no-deadlock, no-panic, no-reaper-lockup, "victim-always-handled[V]"]
`;

describe('oomcheck check --symmetry / --no-symmetry', () => {
  test('by default one state per orbit, said under the table; --no-symmetry stores all, with the same verdicts and traces', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oomcheck-'));
    const file = join(dir, 'daemon.yaml');
    writeFileSync(file, daemon);
    const reduced = run('check', file, '--fairness', 'weak', '--quiet', '--out', join(dir, 'a'));
    const plain = run('check', file, '--fairness', 'weak', '--quiet', '--out', join(dir, 'b'), '--no-symmetry');
    expect([reduced.code, plain.code]).toEqual([12, 12]);
    expect(reduced.out).toContain('daemon-3  mmf-oom-skip     177');
    expect(plain.out).toContain('daemon-3  mmf-oom-skip     571');
    expect(reduced.out).toContain(
      'Symmetry (one state stored per orbit; --no-symmetry stores them all, with the same verdicts):\n  daemon-3 under mmf-oom-skip: tasks {D1, D2, D3} interchangeable (a group of 6); 177 states stored, one per orbit',
    );
    expect(plain.out).not.toContain('Symmetry');
    const cells = (out: string) =>
      out
        .split('\n')[2]
        .split(/\s{2,}/)
        .slice(4);
    expect(cells(reduced.out)).toEqual(['holds', 'violated 9', 'violated 9', 'violated 9 (V)']);
    expect(cells(plain.out)).toEqual(cells(reduced.out));
    // Here the traces mapped back are the very ones the unreduced search finds.
    const traces = (out: string) => readdirSync(join(out, 'daemon-3', 'mmf-oom-skip')).map((f) => readFileSync(join(out, 'daemon-3', 'mmf-oom-skip', f), 'utf8'));
    expect(traces(join(dir, 'a'))).toEqual(traces(join(dir, 'b')));
  });

  test('a property naming the interchangeable tasks leaves nothing to reduce: said under the table, not silently', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oomcheck-'));
    const file = join(dir, 'daemon.yaml');
    // No properties: list, so the defaults: no-oom-livelock and victim-always-handled name every task.
    writeFileSync(file, daemon.replace(/^properties: .*\n/m, ''));
    const all = run('check', file, '--fairness', 'weak', '--quiet', '--out', join(dir, 'a'));
    expect(all.code).toBe(12);
    expect(all.out).toContain('daemon-3  mmf-oom-skip     571');
    expect(all.out.split('\n').slice(-2)).toEqual([
      'Symmetry: none where a property names the interchangeable tasks (a search keeps them in place; --property NAME[TASK] names one task):',
      '  daemon-3 under mmf-oom-skip: none — no-oom-livelock and victim-always-handled name every task (otherwise interchangeable: tasks {D1, D2, D3})',
    ]);
    const two = run('check', file, '--fairness', 'weak', '--quiet', '--out', join(dir, 'b'), '--property', 'victim-always-handled[D1]', '--property', 'victim-always-handled[D2]');
    expect(two.out).toContain('daemon-3  mmf-oom-skip     571');
    expect(two.out.split('\n').at(-1)).toBe(
      '  daemon-3 under mmf-oom-skip: none — victim-always-handled[D1] names D1; victim-always-handled[D2] names D2 (otherwise interchangeable: tasks {D1, D2, D3})',
    );
    // One task named: the other two stay interchangeable.
    const one = run('check', file, '--fairness', 'weak', '--quiet', '--out', join(dir, 'c'), '--property', 'victim-always-handled[D1]');
    expect(one.out.split('\n').at(-1)).toBe('  daemon-3 under mmf-oom-skip: tasks {D2, D3} interchangeable (a group of 2); 361 states stored, one per orbit');
    expect(run('check', file, '--fairness', 'weak', '--quiet', '--out', join(dir, 'd'), '--no-symmetry').out).not.toContain('Symmetry');
  });

  test('both at once is a usage error', () => {
    const { code, err } = run('check', '--symmetry', '--no-symmetry');
    expect([code, err]).toEqual([2, 'oomcheck: --symmetry and --no-symmetry contradict each other (see oomcheck check --help)']);
  });
});
