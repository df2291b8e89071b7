/**
 * `check --dump dot` and `check --coverage` end to end: the files and
 * lines they write, the 10,000-state cap, and what they refuse.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run } from './runCapture.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'oomcheck-graph-'));
const scenarioFile = 'scenarios/victim-blocked-on-lock.yaml';

describe('check --dump dot', () => {
  test('writes OUT/<scenario>/<design>/states.dot beside the counterexamples: 7 nodes and 7 edges under no-reaper', () => {
    const out = tmp();
    const r = run('check', scenarioFile, '--design', 'no-reaper', '--dump', 'dot', '--quiet', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain("\n1 state graph written (states.dot beside each search's counterexamples).\n");
    const dot = readFileSync(join(out, 'victim-blocked-on-lock', 'no-reaper', 'states.dot'), 'utf8');
    expect(dot.split('\n').filter((l) => /^ {2}s\d+ \[/.test(l))).toHaveLength(7);
    expect(dot.split('\n').filter((l) => / -> /.test(l))).toHaveLength(7);
    expect(existsSync(join(out, 'victim-blocked-on-lock', 'no-reaper', 'no-oom-livelock.json'))).toBe(true);
  });

  test('caps a search at 10,000 states: t1t2t3:5:3 (18,783 states) stops at 10,001, incomplete, and writes no graph', () => {
    const out = tmp();
    const r = run('check', '--family', 't1t2t3:5:3', '--design', 'reaper-slot', '--property', 'no-oom-livelock', '--dump', 'dot', '--quiet', '--out', out);
    expect(r.code).toBe(13);
    expect(r.out).toMatch(/t1t2t3-5-3\s+reaper-slot\s+10001\s/);
    expect(r.out).toContain(
      'states.dot not written for t1t2t3-5-3 under reaper-slot: the search stopped incomplete (maxStates) after 10001 states; --dump dot draws complete searches of at most 10,000 states',
    );
    expect(r.out).toContain('\n0 state graphs written');
    expect(existsSync(join(out, 't1t2t3-5-3', 'reaper-slot', 'states.dot'))).toBe(false);
  });

  test('refuses, before searching (exit 2): another format, a larger --max-states, the random strategy', () => {
    expect(run('check', scenarioFile, '--dump', 'svg').err).toBe('oomcheck: --dump: unknown format "svg" (dot)');
    expect(run('check', scenarioFile, '--dump', 'dot', '--max-states', '20000')).toMatchObject({ code: 2, err: 'oomcheck: --dump dot draws at most 10,000 states; --max-states 20000 is above that' });
    const random = run('check', scenarioFile, '--dump', 'dot', '--strategy', 'random');
    expect(random.code).toBe(2);
    expect(random.err).toBe(
      'oomcheck: --dump dot needs the exhaustive strategy: a random search explores no state graph to draw or count (drop --strategy random, or bound the search with --max-states)',
    );
    expect(run('check', scenarioFile, '--coverage', '--strategy', 'random').err).toMatch(/^oomcheck: --coverage needs the exhaustive strategy/);
  });
});

describe('check --coverage', () => {
  test('victim-blocked-on-lock under reaper-slot: 87 transitions, every op ran', () => {
    const r = run('check', scenarioFile, '--design', 'reaper-slot', '--coverage', '--quiet', '--out', tmp());
    expect(r.code).toBe(0);
    const block = r.out.slice(r.out.indexOf('Coverage of'), r.out.indexOf('\n\n1 search'));
    expect(block.split('\n')).toEqual([
      'Coverage of victim-blocked-on-lock under reaper-slot: 87 transitions',
      '  step event                     transitions',
      '  -----------------------------  -----------',
      '  slowpath-entered                         1',
      '  oom-lock-taken                           2',
      '  last-second-allocation-failed            2',
      '  oom-entered                              3',
      '  victim-selected                          2',
      '  sigkill-sent                             2',
      '  victim-marked                            2',
      '  reaper-woken                             2',
      '  oom-left                                 3',
      '  reaped                                  15',
      '  page-allocated                           4',
      '  selection-aborted                        1',
      '  oom-lock-released                        1',
      '  lock-released                           11',
      '  needless-kill                            1',
      '  lock-acquired                            8',
      '  exiting                                 18',
      '  mm-released                             18',
      '  mm-torn-down                            18',
      '  victim-exited                            5',
      '  reap-skipped                             5',
      '',
      '  task        op  operation                          transitions',
      '  ----------  --  ---------------------------------  -----------',
      '  V            1  mutex_lock(i_mutex)                          8',
      '  V            2  mutex_unlock(i_mutex)                        8',
      '  W            1  alloc(1)                                    12',
      '  W            2  mutex_unlock(i_mutex)                        3',
      '  V            -  (after its program: SIGKILL exit)           16',
      '  W            -  (after its program: SIGKILL exit)           20',
      '  oom_reaper   -  (kthread)                                   20',
    ]);
    expect(r.out).not.toContain('warning:');
  });

  test('under no-reaper the victim never runs: three warnings', () => {
    const r = run('check', scenarioFile, '--design', 'no-reaper', '--coverage', '--quiet', '--out', tmp());
    expect(r.out.split('\n').filter((l) => l.startsWith('warning:'))).toEqual([
      'warning: V op 1 mutex_lock(i_mutex) never ran: a modelling mistake?',
      'warning: V op 2 mutex_unlock(i_mutex) never ran: a modelling mistake?',
      'warning: W op 2 mutex_unlock(i_mutex) never ran: a modelling mistake?',
    ]);
  });
});
