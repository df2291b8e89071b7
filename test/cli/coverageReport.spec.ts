/**
 * `check --coverage`'s counts and warnings: each explored transition
 * counted once, for its step-event kinds and for the op at its task's pc.
 */
import { describe, expect, it } from 'vitest';
import { checkScenario, coverageCounter, opsNeverRun } from '../../src/check/index.js';
import { coverageReportLines } from '../../src/cli/coverageReport.js';
import { alloc, mutexLock, mutexUnlock, resolveDesign, scenario } from '../../src/kernel/index.js';

/** ABBA made inevitable: each task starts holding one mutex, allocates, then wants the other's; their unlocks can never run. */
const stuck = scenario('stuck-abba')
  .describe('T1 holds A and wants B; T2 holds B and wants A')
  .mutex('A')
  .mutex('B')
  .memory({ free: 2, reserves: 0 })
  .process('p1', { pages: 1 }, (p) => p.thread('T1', [alloc(1), mutexLock('B'), mutexUnlock('B'), mutexUnlock('A')], { holds: [{ lock: 'A', mode: 'write' }] }))
  .process('p2', { pages: 1 }, (p) => p.thread('T2', [alloc(1), mutexLock('A'), mutexUnlock('A'), mutexUnlock('B')], { holds: [{ lock: 'B', mode: 'write' }] }))
  .design('no-reaper')
  .properties('no-deadlock')
  .build();

describe('coverage', () => {
  it("an inevitable ABBA deadlock: 4 states, 4 transitions (two allocations in either order); both tasks' last three ops never ran", () => {
    const counter = coverageCounter();
    const run = checkScenario(stuck, resolveDesign('no-reaper', {}), undefined, { observe: counter.observe });
    expect(run.stats).toMatchObject({ states: 4, transitions: 4 });
    const coverage = counter.coverage();
    expect(coverage.transitions).toBe(run.stats.transitions);
    expect(coverage.stepKinds).toEqual([{ kind: 'page-allocated', transitions: 4 }]);
    expect(opsNeverRun(coverage).map((op) => `${op.task} ${op.pc}`)).toEqual(['T1 1', 'T1 2', 'T1 3', 'T2 1', 'T2 2', 'T2 3']);
    expect(coverageReportLines('stuck-abba under no-reaper', coverage, run.stats.stopReason, true)).toEqual([
      '',
      'Coverage of stuck-abba under no-reaper: 4 transitions',
      '  step event      transitions',
      '  --------------  -----------',
      '  page-allocated            4',
      '',
      '  task        op  operation        transitions',
      '  ----------  --  ---------------  -----------',
      '  T1           1  alloc(1)                   2',
      '  T1           2  mutex_lock(B)              0',
      '  T1           3  mutex_unlock(B)            0',
      '  T1           4  mutex_unlock(A)            0',
      '  T2           1  alloc(1)                   2',
      '  T2           2  mutex_lock(A)              0',
      '  T2           3  mutex_unlock(A)            0',
      '  T2           4  mutex_unlock(B)            0',
      '  oom_reaper   -  (kthread)                  0',
      'warning: T1 op 2 mutex_lock(B) never ran: a modelling mistake?',
      'warning: T1 op 3 mutex_unlock(B) never ran: a modelling mistake?',
      'warning: T1 op 4 mutex_unlock(A) never ran: a modelling mistake?',
      'warning: T2 op 2 mutex_lock(A) never ran: a modelling mistake?',
      'warning: T2 op 3 mutex_unlock(A) never ran: a modelling mistake?',
      'warning: T2 op 4 mutex_unlock(B) never ran: a modelling mistake?',
      '(a violation in this search, such as a deadlock, can also keep an op from running)',
    ]);
  });

  it("an op before its task's start pc is not warned about", () => {
    const started = scenario('started')
      .describe('T1 starts past its first op')
      .memory({ free: 1, reserves: 0 })
      .process('p1', { pages: 1 }, (p) => p.thread('T1', [alloc(1), alloc(1)], { pc: 1 }))
      .design('no-reaper')
      .build();
    const counter = coverageCounter();
    checkScenario(started, resolveDesign('no-reaper', {}), ['no-deadlock'], { observe: counter.observe });
    const ops = counter.coverage().ops;
    expect(ops.map((op) => [op.pc, op.transitions, op.beforeStart])).toEqual([
      [0, 0, true],
      [1, 1, false],
    ]);
    expect(opsNeverRun(counter.coverage())).toEqual([]);
  });
});
