import { describe, expect, test } from 'vitest';
import { resolveLockRef } from '../../../src/kernel/load/lockRefs.js';
import { header, problemsOf, threadLines, victimWith } from './helpers.js';

/** Thread T1 (from line 9) running `ops` (from line 11), then `startLines`. */
const t1 = (ops: readonly string[], startLines: readonly string[] = []): string[] => threadLines('T1', ops, startLines);

describe('lock references', () => {
  test("resolveLockRef: mmap_sem is the own mm's, <process>.mmap_sem another's, the rest mutexes", () => {
    expect(resolveLockRef('mmap_sem', 'victim')).toEqual({ kind: 'mmap_sem', process: 'victim' });
    expect(resolveLockRef('other.mmap_sem', 'victim')).toEqual({ kind: 'mmap_sem', process: 'other' });
    expect(resolveLockRef('i_mutex', 'victim')).toEqual({ kind: 'mutex', name: 'i_mutex' });
  });

  test('a mutex op must name a declared mutex', () => {
    const lines = victimWith(t1(['{ op: mutex_lock, lock: i_mutx }', '{ op: mutex_unlock, lock: i_mutx }', '{ op: mutex_lock, lock: oom_lock }']));
    expect(problemsOf(lines)).toEqual([
      "s.yaml:11:37: at processes[0].threads[0].program[0].lock: mutex_lock(i_mutx): no mutex named 'i_mutx' is declared in locks; did you mean 'i_mutex'?",
      "s.yaml:12:39: at processes[0].threads[0].program[1].lock: mutex_unlock(i_mutx): no mutex named 'i_mutx' is declared in locks; did you mean 'i_mutex'?",
      "s.yaml:13:37: at processes[0].threads[0].program[2].lock: mutex_lock(oom_lock): oom_lock is the OOM killer's own lock; programs do not take it",
    ]);
  });

  test('an rwsem op must name mmap_sem or <process>.mmap_sem of a declared process', () => {
    const lines = victimWith(t1(['{ op: down_read, lock: victm.mmap_sem }', '{ op: down_write, lock: sem }']));
    expect(problemsOf(lines)).toEqual([
      "s.yaml:11:36: at processes[0].threads[0].program[0].lock: down_read(victm.mmap_sem): no process named 'victm'; did you mean 'victim'?",
      "s.yaml:12:37: at processes[0].threads[0].program[1].lock: down_write(sem): expected mmap_sem (this thread's mm) or <process>.mmap_sem, got 'sem'",
    ]);
  });

  test('a mutex op on mmap_sem and an rwsem op on a mutex are errors that say which op to use', () => {
    const lines = victimWith(t1(['{ op: mutex_lock, lock: mmap_sem }', '{ op: up_read, lock: i_mutex }']));
    expect(problemsOf(lines)).toEqual([
      's.yaml:11:37: at processes[0].threads[0].program[0].lock: mutex_lock(mmap_sem): mmap_sem is a rw-semaphore, not a mutex; use down_read or down_write',
      's.yaml:12:34: at processes[0].threads[0].program[1].lock: up_read(i_mutex): i_mutex is a mutex, not a rw-semaphore; use mutex_unlock',
    ]);
  });

  test('held locks: declared, a mutex only for write, each listed once', () => {
    const lines = victimWith(
      t1(
        ['{ op: exit }'],
        [
          '        start:',
          '          holds:',
          '            - { lock: i_mutex, mode: read }',
          '            - { lock: other.mmap_sem, mode: read }',
          '            - { lock: mmap_sem, mode: read }',
          '            - { lock: victim.mmap_sem, mode: write }',
        ],
      ),
    );
    expect(problemsOf(lines)).toEqual([
      's.yaml:14:38: at processes[0].threads[0].start.holds[0].mode: i_mutex is a mutex: it is held in write mode only',
      "s.yaml:15:23: at processes[0].threads[0].start.holds[1].lock: no process named 'other'; expected one of victim",
      's.yaml:17:15: at processes[0].threads[0].start.holds[3]: victim.mmap_sem is already listed in holds[2]',
    ]);
  });

  test("references to another process's mmap_sem resolve across processes", () => {
    const lines = [
      ...header,
      'processes:',
      '  - { name: victim, pages: 8, threads: [{ name: T1, program: [{ op: exit }] }] }',
      '  - name: other',
      '    pages: 1',
      '    threads: [{ name: H, program: [{ op: down_read, lock: victim.mmap_sem }, { op: up_read, lock: victim.mmap_sem }] }]',
    ];
    expect(problemsOf(lines)).toEqual([]);
  });
});
