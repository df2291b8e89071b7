import { writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run } from './runCapture.js';

describe('check, scenarios and designs', () => {
  test('designs lists the 9 presets and the knobs; designs PRESET shows every knob value', () => {
    const { code, out } = run('designs');
    expect(code).toBe(0);
    for (const p of ['no-reaper', 'reaper-slot', 'reaper-queue-bb29902a7515', 'mmf-oom-skip', 'tetsuo-panic']) expect(out).toContain(p);
    const skip = run('designs', 'mmf-oom-skip').out.split('\n');
    // A knob away from its default is marked *, its default beside it; a default one has the column empty.
    expect(skip).toContain('victimAbortsSelection        victim-unflagged *    any-memdie     any-memdie | memdie-unflagged | victim-unflagged');
    expect(skip).toContain('reaperQueueOrder             lifo                                 lifo | fifo');
    expect(skip.filter((l) => / \* {2}/.test(l))).toHaveLength(15);
    expect(skip.at(-1)).toBe('* marks the 15 knobs that differ from their default (in the default column).');
    expect(run('designs', 'no-reaper').out.split('\n').at(-1)).toBe('Every knob has its default value.');
    expect(run('designs', 'nope')).toMatchObject({ code: 2, err: expect.stringContaining("unknown design preset 'nope'") });
  });

  test('scenarios lists the 20 built-ins', () => {
    const { code, out } = run('scenarios');
    expect(code).toBe(0);
    expect(
      out
        .split('\n')
        .slice(2)
        .filter((l) => !l.startsWith(' '))
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual([
      'cve-2016-10723',
      'exit-mmap-mlocked',
      'exit-mmap-vs-reaper',
      'exiting-without-mm',
      'memcg-no-victim',
      'memcg-nofs-charge',
      'memcg-put-user',
      'memcg-reaped-current',
      'memcg-userspace-handler',
      'memcg-write-truncate',
      'mostly-unreapable',
      'nofail-retry-forever',
      'nofs-retry-forever',
      'reap-vs-kill-race',
      'reaper-queue-self-cycle',
      'shared-mm-mutex-holder',
      'shared-mm-sem-holder',
      'tetsuo-t1-t2-t3',
      'unreapable-victim',
      'victim-blocked-on-lock',
    ]);
    // Piped output is wrapped to 120 columns: the source column continues on lines of its own.
    expect(Math.max(...out.split('\n').map((l) => l.length))).toBe(120);
  });

  test('check FILE --design --property: an unexpected liveness violation exits 13 and writes its trace atomically', () => {
    const out = mkdtempSync(join(tmpdir(), 'oomcheck-'));
    const r = run('check', 'scenarios/victim-blocked-on-lock.yaml', '--design', 'no-reaper', '--property', 'no-oom-livelock', '--quiet', '--out', out);
    // --design replaces the scenario's list, and its expectations still apply to no-reaper: violated as expected.
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/victim-blocked-on-lock\s+no-reaper\s+7\s+\S+\s+violated 7 \(W\)/);
    for (const ext of ['.json', '.itf.json', '.md', '.mmd', '.html']) expect(existsSync(join(out, 'victim-blocked-on-lock', 'no-reaper', `no-oom-livelock${ext}`))).toBe(true);
    const knob = run('check', 'scenarios/victim-blocked-on-lock.yaml', '--design', 'no-reaper', '--knob', 'reaperRetries=3', '--quiet', '--out', out);
    expect(knob.code).toBe(13); // no-reaper+reaperRetries=3 has no recorded expectation
  });

  test('designs PRESET lists a release preset\'s commits (the "rest" its cite points to); a seed preset has none', () => {
    const lines = run('designs', 'linux-4.16').out.split('\n');
    const at = lines.indexOf('The 27 kernel commits its knobs encode, oldest first:');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 4]).toMatch(/^3812c8c8f395\s+3\.12\s+mm: memcg: do not trap chargers with full callstack on OOM$/);
    expect(lines.at(-1)).toMatch(/^212925802454\s+4\.14\s+mm: oom: let oom_reap_task and exit_mmap run concurrently$/);
    expect(run('designs', 'reaper-slot').out).not.toContain('kernel commit');
  });

  test('--knob oomLockHolderSleeps on a scenario without cpus: a note that it changes nothing there, and the same states', () => {
    const out = mkdtempSync(join(tmpdir(), 'oomcheck-'));
    const args = ['check', 'scenarios/victim-blocked-on-lock.yaml', '--design', 'no-reaper', '--property', 'no-deadlock', '--quiet', '--out', out];
    const plain = run(...args);
    const knob = run(...args, '--knob', 'oomLockHolderSleeps=false');
    expect(plain.err).toBe('');
    expect(knob.err).toBe('oomcheck: note: --knob oomLockHolderSleeps acts only in a scenario with cpus: victim-blocked-on-lock has none, so it changes nothing there');
    const states = (r: { out: string }) =>
      r.out
        .split('\n')
        .find((l) => l.startsWith('victim-blocked-on-lock '))!
        .split(/\s+/)[2];
    expect([states(plain), states(knob)]).toEqual(['7', '7']);
  });

  test('--knob that makes two designs alike checks them once, with a note; the expectations line says none is expected', () => {
    const out = mkdtempSync(join(tmpdir(), 'oomcheck-'));
    const r = run('check', 'scenarios/exit-mmap-vs-reaper.yaml', '--knob', 'exitMmap=mmget', '--quiet', '--out', out);
    expect(r.err).toBe('oomcheck: note: exit-mmap-vs-reaper: with --knob, designs mmf-oom-skip and mmf-oom-skip+exitMmap=mmget are the same design (mmf-oom-skip+exitMmap=mmget): checked once');
    const designs = r.out
      .split('\n')
      .filter((l) => l.startsWith('exit-mmap-vs-reaper '))
      .map((l) => l.split(/\s+/).slice(1, 3));
    expect(designs).toEqual([
      ['mmf-oom-skip+exitMmap=mmget', '429'],
      ['linux-4.14+exitMmap=mmget', '429'],
      ['linux-4.16+exitMmap=mmget', '429'],
      ['linux-4.17+exitMmap=mmget', '429'],
      ['linux-4.19+exitMmap=mmget', '701'],
    ]);
    const cve = run('check', 'scenarios/cve-2016-10723.yaml', '--knob', 'oomLockHolderSleeps=false', '--quiet', '--out', out);
    expect(cve.code).toBe(0);
    expect(cve.err).toBe(
      'oomcheck: note: cve-2016-10723: with --knob, designs linux-4.19 and linux-4.19+oomLockHolderSleeps=true are the same design (linux-4.19+oomLockHolderSleeps=false): checked once',
    );
    expect(cve.out.split('\n').filter((l) => l.startsWith('cve-2016-10723 ')).length).toBe(4);
    expect(cve.out).toContain('\nExpectations: none of the designs checked has expected verdicts (8 with no expectation).\n');
  });

  test('bad input exits 2 with the file, the place and the cause', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oomcheck-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      'name: x\ndescription: y\nlocks: []\nmemory: { free: 0, reserves: 0 }\nprocesses:\n  - name: p\n    pages: 1\n    threads:\n      - name: T\n        program:\n          - { op: mutex_unlock, lock: m }\n',
    );
    const r = run('check', file, '--quiet');
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file}:11:`);
    expect(r.err).toContain('processes[0].threads[0].program[0]');
    expect(run('check', join(dir, 'missing.yaml')).code).toBe(2);
    expect(run('check', '--fairness', 'sometimes').err).toBe('oomcheck: --fairness must be none, weak or strong, got "sometimes"');
  });

  test('a search needing more than 32 liveness predicates exits 2 with advice naming the scenario and design, not a stack trace', () => {
    const r = run('check', '--family', 't1t2t3:12:6', '--design', 'no-reaper', '--property', 'no-oom-livelock', '--quiet');
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      "oomcheck: --family t1t2t3:12:6 under no-reaper: check: 36 liveness predicates, at most 32 per search (always-eventually uses one, leads-to two): check fewer liveness properties at once — e.g. one task at a time with --property 'no-oom-livelock[TASK]', or list the properties in the scenario",
    );
  });

  test('the summary line counts in the singular when there is one', () => {
    const out = mkdtempSync(join(tmpdir(), 'oomcheck-'));
    const r = run('check', 'scenarios/memcg-put-user.yaml', '--design', 'memcg-deferred', '--quiet', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`1 search, 3 distinct states in all; 1 counterexample written under ${out}/.`);
  });

  test('NAME[TASK] applies to the scenarios that have the task, and is a usage error when none has it', () => {
    const out = mkdtempSync(join(tmpdir(), 'oomcheck-'));
    const some = run('check', '--property', 'no-oom-livelock[H]', '--design', 'mmf-oom-reaped', '--quiet', '--out', out);
    expect(some.code).toBe(0);
    // exit-mmap-mlocked, exit-mmap-vs-reaper, exiting-without-mm, memcg-userspace-handler, tetsuo-t1-t2-t3 and reap-vs-kill-race have a task H; the other built-ins are skipped.
    expect(
      some.out
        .split('\n')
        .slice(2, 6)
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(['exit-mmap-mlocked', 'exit-mmap-vs-reaper', 'exiting-without-mm', 'memcg-userspace-handler']);
    expect(run('check', '--property', 'bounded-overcharge[D]', '--quiet', '--out', out)).toMatchObject({
      code: 2,
      err: "oomcheck: property 'bounded-overcharge[D]': bounded-overcharge is not checked per task (per-task: no-oom-livelock, victim-always-handled)",
    });
    expect(run('check', '--property', 'no-spurios-enomem', '--quiet', '--out', out)).toMatchObject({
      code: 2,
      err: `oomcheck: unknown property 'no-spurios-enomem'; did you mean 'no-spurious-enomem'? (see oomcheck check --help)`,
    });
    expect(run('check', '--property', 'no-oom-livelock[ZZ]', '--quiet', '--out', out)).toMatchObject({
      code: 2,
      err: "oomcheck: property 'no-oom-livelock[ZZ]': no scenario checked has a task named 'ZZ'; expected one of V, A1, A2, L, H, B, E, D, N, G, C, F, W, M, M1, A, P, S, T1, T2, T3, U1, U2",
    });
    // A task name one edit away gets a did-you-mean, as a property name does.
    expect(run('check', 'tetsuo-t1-t2-t3', '--property', 'no-oom-livelock[HH]', '--quiet', '--out', out)).toMatchObject({
      code: 2,
      err: "oomcheck: property 'no-oom-livelock[HH]': no scenario checked has a task named 'HH'; did you mean 'H'?",
    });
  });
});

describe('tables fit the output width', () => {
  test('designs: presets, citations and knobs wrap their free text to 120 columns when piped', () => {
    const lines = run('designs').out.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'preset                     design, and the commit or post it cites',
      '-------------------------  ---------------------------------------------------------------------------------------------',
      'memcg-charge-context       memcg OOM in the charge context (before 3.12): chargers loop or sleep holding their locks',
      '                           cites Linux 3.11 mm/memcontrol.c mem_cgroup_handle_oom(); described in 3812c8c8f395 (seed',
      '                           003)',
    ]);
    // The knob table is wider than 120 by 6: its last column stops at the 30-column minimum (memcgOomLock's values widen the values column).
    expect(Math.max(...lines.map((l) => l.length))).toBe(126);
  });
});
