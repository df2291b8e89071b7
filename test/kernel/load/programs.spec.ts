import { describe, expect, test } from 'vitest';
import { header, problemsOf, threadLines as thread, victimWith } from './helpers.js';

describe("programs, walked from each thread's start", () => {
  test('unlocking a lock not held', () => {
    const lines = victimWith([
      ...thread('T1', ['{ op: mutex_unlock, lock: i_mutex }']), // op on line 11
      ...thread('T2', ['{ op: up_read, lock: mmap_sem }']), // op on line 14
    ]);
    expect(problemsOf(lines)).toEqual([
      's.yaml:11:13: at processes[0].threads[0].program[0]: mutex_unlock(i_mutex) but T1 does not hold i_mutex',
      's.yaml:14:13: at processes[0].threads[1].program[0]: up_read(mmap_sem) but T2 does not hold mmap_sem',
    ]);
  });

  test('releasing in the wrong mode says which op releases it', () => {
    const lines = victimWith(thread('T3', ['{ op: alloc, pages: 1 }', '{ op: up_read, lock: mmap_sem }'], ['        start: { holds: [{ lock: mmap_sem, mode: write }] }']));
    expect(problemsOf(lines)).toEqual(['s.yaml:12:13: at processes[0].threads[0].program[1]: up_read(mmap_sem) but T3 holds mmap_sem for write, not for read; use up_write']);
  });

  test('taking a lock already held (a self-deadlock), including a recursive down_read', () => {
    const lines = victimWith([
      ...thread('T1', ['{ op: mutex_lock, lock: i_mutex }', '{ op: mutex_lock, lock: i_mutex }']), // 11, 12
      ...thread('T2', ['{ op: down_read, lock: victim.mmap_sem }', '{ op: down_read, lock: mmap_sem }']), // 15, 16
      ...thread('T3', ['{ op: down_write, lock: mmap_sem }'], ['        start: { holds: [{ lock: mmap_sem, mode: read }] }']), // 19
    ]);
    expect(problemsOf(lines)).toEqual([
      's.yaml:12:13: at processes[0].threads[0].program[1]: mutex_lock(i_mutex) but T1 already holds i_mutex: it would deadlock on itself',
      's.yaml:16:13: at processes[0].threads[1].program[1]: down_read(mmap_sem) but T2 already holds mmap_sem for read: a recursive down_read deadlocks once a writer queues in between',
      's.yaml:19:13: at processes[0].threads[2].program[0]: down_write(mmap_sem) but T3 already holds mmap_sem for read: it would deadlock on itself',
    ]);
  });

  test('exiting while holding a lock, at exit or at the end of the program, says which locks', () => {
    const lines = victimWith([
      ...thread('T1', ['{ op: mutex_lock, lock: i_mutex }', '{ op: exit }']), // exit on 12
      ...thread('T3', ['{ op: alloc, pages: 1 }'], ['        start: { holds: [{ lock: mmap_sem, mode: write }, { lock: i_mutex, mode: write }] }']), // program on 14
    ]);
    expect(problemsOf(lines)).toEqual([
      's.yaml:12:13: at processes[0].threads[0].program[1]: exit while T1 holds i_mutex: a task must release its locks before exiting',
      's.yaml:15:11: at processes[0].threads[1].program: the program ends while T3 holds mmap_sem for write and i_mutex: it would return to user space with them held',
    ]);
  });

  test('operations after exit are unreachable', () => {
    const lines = victimWith(thread('T1', ['{ op: exit }', '{ op: alloc, pages: 1 }', '{ op: exit }']));
    expect(problemsOf(lines)).toEqual(['s.yaml:12:13: at processes[0].threads[0].program[1]: unreachable: program[0] is exit, so the 2 operations after it never run']);
  });

  test('exit_mm: no lock held at it, only once, only lock operations and kernel allocations after it, then exit; no start past it', () => {
    const held = victimWith(thread('T1', ['{ op: mutex_lock, lock: i_mutex }', '{ op: exit_mm }', '{ op: exit }']));
    expect(problemsOf(held)).toEqual(['s.yaml:12:13: at processes[0].threads[0].program[1]: exit_mm while T1 holds i_mutex: a task must release its locks before do_exit()']);
    const twice = victimWith(thread('T1', ['{ op: exit_mm }', '{ op: exit_mm }', '{ op: exit }']));
    expect(problemsOf(twice)).toEqual(['s.yaml:12:13: at processes[0].threads[0].program[1]: a second exit_mm: T1 dropped its mm at program[0]']);
    const fault = victimWith(thread('T1', ['{ op: exit_mm }', '{ op: alloc, pages: 1, context: user-fault }', '{ op: exit }']));
    expect(problemsOf(fault)).toEqual(["s.yaml:12:13: at processes[0].threads[0].program[1]: an allocation in context user-fault needs the task's mm, but T1 has no mm after exit_mm at program[0]"]);
    const putUser = victimWith(thread('T1', ['{ op: exit_mm }', '{ op: alloc, pages: 1, context: put_user }', '{ op: exit }']));
    expect(problemsOf(putUser)).toEqual(["s.yaml:12:13: at processes[0].threads[0].program[1]: an allocation in context put_user needs the task's mm, but T1 has no mm after exit_mm at program[0]"]);
    const user = victimWith(thread('T1', ['{ op: exit_mm }', '{ op: kill, process: victim }', '{ op: exit }']));
    expect(problemsOf(user)).toEqual([
      's.yaml:12:13: at processes[0].threads[0].program[1]: kill is a user-space operation, and an exiting task never returns to user space, but T1 has no mm after exit_mm at program[0]',
    ]);
    const noExit = victimWith(thread('T1', ['{ op: exit_mm }', '{ op: alloc, pages: 1 }']));
    expect(problemsOf(noExit)).toEqual(['s.yaml:11:11: at processes[0].threads[0].program: the program ends after exit_mm without exit: T1 must end do_exit() with { op: exit }']);
    const start = victimWith(thread('T1', ['{ op: exit_mm }', '{ op: exit }'], ['        start: { pc: 1 }']));
    expect(problemsOf(start)).toEqual(['s.yaml:13:22: at processes[0].threads[0].start.pc: pc 1 is past the exit_mm at program[0]: a thread cannot start without its mm']);
    const fine = victimWith(thread('T1', ['{ op: exit_mm }', '{ op: alloc, pages: 1 }', '{ op: mutex_lock, lock: i_mutex }', '{ op: mutex_unlock, lock: i_mutex }', '{ op: exit }']));
    expect(problemsOf(fine)).toEqual([]);
  });

  test('start.pc is in 0..program length and not past an exit; the walk starts there', () => {
    const pcOut = victimWith(thread('T1', ['{ op: exit }'], ['        start: { pc: 2 }']));
    expect(problemsOf(pcOut)).toEqual(['s.yaml:12:22: at processes[0].threads[0].start.pc: expected an integer in 0..1 (the program has 1 operation), got 2']);
    const pastExit = victimWith(thread('T1', ['{ op: exit }'], ['        start: { pc: 1 }']));
    expect(problemsOf(pastExit)).toEqual(['s.yaml:12:22: at processes[0].threads[0].start.pc: pc 1 is past the exit at program[0]: T1 would have exited already']);
    // From pc 1 the mutex_lock has already run: the unlock is fine only if i_mutex is held.
    const fromPc = victimWith(thread('T1', ['{ op: mutex_lock, lock: i_mutex }', '{ op: mutex_unlock, lock: i_mutex }'], ['        start: { pc: 1 }']));
    expect(problemsOf(fromPc)).toEqual(['s.yaml:12:13: at processes[0].threads[0].program[1]: mutex_unlock(i_mutex) but T1 does not hold i_mutex']);
    fromPc[fromPc.length - 1] = '        start: { pc: 1, holds: [{ lock: i_mutex, mode: write }] }';
    expect(problemsOf(fromPc)).toEqual([]);
  });

  test('two threads cannot both hold a mutex, or a write-held mmap_sem, or read and write it, at the start', () => {
    const lines = [
      ...header,
      'processes:',
      '  - name: victim',
      '    pages: 8',
      '    threads:',
      ...thread(
        'T1',
        ['{ op: mutex_unlock, lock: i_mutex }', '{ op: up_write, lock: mmap_sem }'],
        [
          '        start: { holds: [{ lock: i_mutex, mode: write }, { lock: mmap_sem, mode: write }] }', // 13
        ],
      ),
      ...thread('T2', ['{ op: mutex_unlock, lock: i_mutex }'], ['        start: { holds: [{ lock: i_mutex, mode: write }] }']), // 17
      '  - name: other',
      '    pages: 1',
      '    threads:',
      ...thread('H', ['{ op: up_read, lock: victim.mmap_sem }'], ['        start: { holds: [{ lock: victim.mmap_sem, mode: read }] }']), // 24
      ...thread('R1', ['{ op: up_read, lock: mmap_sem }'], ['        start: { holds: [{ lock: mmap_sem, mode: read }] }']),
      ...thread('R2', ['{ op: up_read, lock: mmap_sem }'], ['        start: { holds: [{ lock: mmap_sem, mode: read }] }']),
    ];
    expect(problemsOf(lines)).toEqual([
      's.yaml:17:26: at processes[0].threads[1].start.holds[0]: T2 starts holding i_mutex, but T1 (processes[0].threads[0]) starts holding it too: a mutex has one owner',
      's.yaml:24:26: at processes[1].threads[0].start.holds[0]: H starts holding victim.mmap_sem for read, but T1 (processes[0].threads[0]) starts holding it for write',
    ]);
  });
});

describe('all problems at once', () => {
  test('structure, references, programs and designs are reported together, in file order', () => {
    const lines = [
      'name: s',
      'description: d',
      'locks: [{ name: i_mutex, kind: mutex }]',
      'memory: { free: -1, reserves: 1 }', // 4
      'processes:',
      '  - name: victim',
      '    pages: 8',
      '    threads:',
      ...thread('T1', ['{ op: mutex_unlock, lock: i_mutex }']), // 11
      ...thread('T2', ['{ op: down_read, lock: i_mutex }']), // 14
      ...thread('T3', ['{ op: alloc, pages: 0 }']), // 17
      'designs: [{ preset: reaper-slot, knobs: { reaperRetries: 0 } }]', // 18
      'expect: { no-reaper: { no-deadlock: holds } }', // 19
    ];
    expect(problemsOf(lines)).toEqual([
      's.yaml:4:17: at memory.free: expected an integer ≥ 0, got -1',
      's.yaml:11:13: at processes[0].threads[0].program[0]: mutex_unlock(i_mutex) but T1 does not hold i_mutex',
      's.yaml:14:36: at processes[0].threads[1].program[0].lock: down_read(i_mutex): i_mutex is a mutex, not a rw-semaphore; use mutex_lock',
      's.yaml:17:33: at processes[0].threads[2].program[0].pages: expected an integer ≥ 1, got 0',
      's.yaml:18:58: at designs[0].knobs.reaperRetries: knob reaperRetries: 0 is not one of 1..10',
    ]);
  });
});
