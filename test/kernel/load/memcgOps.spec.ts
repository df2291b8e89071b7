import { describe, expect, test } from 'vitest';
import { header, problemsOf, threadLines } from './helpers.js';

/**
 * A file with memcg `grp` (limit 4, line 5) and process `victim` in it
 * (lines 6–10) whose thread T1 (line 11) runs `ops` (from line 13), then `startLines`.
 */
const withOps = (ops: readonly string[], startLines: readonly string[] = []): string[] => [
  ...header,
  'memcgs: [{ name: grp, limit: 4 }]',
  'processes:',
  '  - name: victim',
  '    memcg: grp',
  '    pages: 2',
  '    threads:',
  ...threadLines('T1', ops, startLines),
];

describe('alloc: gfp and context', () => {
  test('gfp is a mask parseGfp reads; its message is reported at gfp', () => {
    const lines = withOps([
      '{ op: alloc, pages: 1, gfp: GFP_ATOMIC }', // 13
      '{ op: alloc, pages: 1, gfp: "GFP_NOFS | __GFP_NOFAL" }',
      '{ op: alloc, pages: 1, gfp: "GFP_KERNEL|__GFP_NOFAIL|__GFP_NORETRY" }',
      '{ op: alloc, pages: 1, gfp: 3 }',
      '{ op: alloc, pages: 1, gfp: " GFP_NOFS |__GFP_NOFAIL " }',
    ]);
    expect(problemsOf(lines)).toEqual([
      "s.yaml:13:41: at processes[0].threads[0].program[0].gfp: 'GFP_ATOMIC' must start with GFP_KERNEL or GFP_NOFS, then '| __GFP_…' modifiers",
      "s.yaml:14:41: at processes[0].threads[0].program[1].gfp: unknown GFP flag '__GFP_NOFAL' in 'GFP_NOFS | __GFP_NOFAL'; known: __GFP_NOFAIL, __GFP_NORETRY, __GFP_RETRY_MAYFAIL, __GFP_MAY_OOMKILL, __GFP_KILLABLE",
      "s.yaml:15:41: at processes[0].threads[0].program[2].gfp: 'GFP_KERNEL|__GFP_NOFAIL|__GFP_NORETRY': __GFP_NOFAIL cannot be combined with __GFP_NORETRY or __GFP_RETRY_MAYFAIL",
      's.yaml:16:41: at processes[0].threads[0].program[3].gfp: expected a string, got 3',
    ]);
  });

  test('context is one of syscall, user-fault, kernel-fault, put_user, with a guess for a typo', () => {
    const lines = withOps(['{ op: alloc, pages: 1, context: user_fault }', '{ op: alloc, pages: 1, context: irq }']);
    expect(problemsOf(lines)).toEqual([
      's.yaml:13:45: at processes[0].threads[0].program[0].context: expected one of syscall, user-fault, kernel-fault, put_user, got "user_fault"; did you mean \'user-fault\'?',
      's.yaml:14:45: at processes[0].threads[0].program[1].context: expected one of syscall, user-fault, kernel-fault, put_user, got "irq"',
    ]);
  });

  test('a user fault is never GFP_NOFS', () => {
    const lines = withOps(['{ op: alloc, pages: 1, context: user-fault, gfp: "GFP_NOFS | __GFP_NOFAIL" }']);
    expect(problemsOf(lines)).toEqual([
      "s.yaml:13:62: at processes[0].threads[0].program[0].gfp: a user page fault allocates with __GFP_FS set (GFP_HIGHUSER_MOVABLE); 'GFP_NOFS | __GFP_NOFAIL' cannot happen there",
    ]);
  });

  test('gfp and context do not apply to other ops; a typo of them is guessed on alloc', () => {
    const lines = withOps(['{ op: exit, gfp: GFP_NOFS }']);
    lines.splice(12, 0, '          - { op: alloc, pages: 1, contxt: syscall }');
    expect(problemsOf(lines)).toEqual([
      "s.yaml:13:36: at processes[0].threads[0].program[0].contxt: unknown field 'contxt'; did you mean 'context'?",
      "s.yaml:14:25: at processes[0].threads[0].program[1].gfp: field 'gfp' does not apply to exit (it takes no operand)",
    ]);
  });
});

describe('wait_oom_event, kill, set_limit', () => {
  test('each operand is required, and no other applies', () => {
    const lines = withOps([
      '{ op: wait_oom_event }', // 13
      '{ op: kill, memcg: grp }',
      '{ op: set_limit, pages: 8, gfp: GFP_KERNEL }',
      '{ op: wait_oom_event, memcg: grp, lock: i_mutex }',
    ]);
    expect(problemsOf(lines)).toEqual([
      "s.yaml:13:13: at processes[0].threads[0].program[0]: missing required field 'memcg' (wait_oom_event takes a memcg name)",
      "s.yaml:14:13: at processes[0].threads[0].program[1]: missing required field 'process' (kill takes a process name)",
      "s.yaml:14:25: at processes[0].threads[0].program[1].memcg: field 'memcg' does not apply to kill (it takes 'process')",
      "s.yaml:15:13: at processes[0].threads[0].program[2]: missing required field 'memcg' (set_limit takes a memcg name)",
      "s.yaml:15:40: at processes[0].threads[0].program[2].gfp: field 'gfp' does not apply to set_limit (it takes 'memcg' and 'pages')",
      "s.yaml:16:47: at processes[0].threads[0].program[3].lock: field 'lock' does not apply to wait_oom_event (it takes 'memcg')",
    ]);
  });

  test('memcg operands name declared memcgs, kill a declared process, with guesses', () => {
    const lines = withOps(['{ op: wait_oom_event, memcg: gpr }', '{ op: kill, process: victm }', '{ op: set_limit, memcg: other, pages: 8 }']);
    expect(problemsOf(lines)).toEqual([
      "s.yaml:13:42: at processes[0].threads[0].program[0].memcg: no memcg named 'gpr' is declared in memcgs; did you mean 'grp'?",
      "s.yaml:14:34: at processes[0].threads[0].program[1].process: no process named 'victm'; did you mean 'victim'?",
      "s.yaml:15:37: at processes[0].threads[0].program[2].memcg: no memcg named 'other' is declared in memcgs; expected one of grp",
    ]);
    const none = [...header, 'processes:', '  - { name: p, pages: 1, threads: [{ name: H, program: [{ op: wait_oom_event, memcg: grp }] }] }'];
    expect(problemsOf(none)).toEqual(["s.yaml:6:86: at processes[0].threads[0].program[0].memcg: no memcg named 'grp': no memcgs are declared (add a top-level memcgs list)"]);
  });

  test('set_limit pages are an integer ≥ 0 and only raise the declared limit', () => {
    const lower = withOps(['{ op: set_limit, memcg: grp, pages: 3 }', '{ op: set_limit, memcg: grp, pages: 4 }']);
    expect(problemsOf(lower)).toEqual(["s.yaml:13:49: at processes[0].threads[0].program[0].pages: set_limit to 3 pages would lower grp's limit of 4: only raising the limit is modelled"]);
    const negative = withOps(['{ op: set_limit, memcg: grp, pages: -1 }']);
    expect(problemsOf(negative)).toEqual(['s.yaml:13:49: at processes[0].threads[0].program[0].pages: expected an integer ≥ 0, got -1']);
  });
});

describe('user mode holds no lock', () => {
  test('a user page fault, and each user-space op, with a lock held is an error at that op', () => {
    const fault = withOps(['{ op: mutex_lock, lock: i_mutex }', '{ op: alloc, pages: 1, context: user-fault }', '{ op: mutex_unlock, lock: i_mutex }']);
    expect(problemsOf(fault)).toEqual(['s.yaml:14:13: at processes[0].threads[0].program[1]: a user page fault happens in user mode, but T1 holds i_mutex']);
    const kill = withOps(['{ op: kill, process: victim }', '{ op: up_read, lock: victim.mmap_sem }'], ['        start: { holds: [{ lock: victim.mmap_sem, mode: read }] }']);
    kill[10] = '      - name: H';
    expect(problemsOf(kill)).toEqual(['s.yaml:13:13: at processes[0].threads[0].program[0]: kill is a user-space operation, but H holds victim.mmap_sem for read']);
    const both = withOps(['{ op: down_write, lock: mmap_sem }', '{ op: mutex_lock, lock: i_mutex }', '{ op: set_limit, memcg: grp, pages: 5 }']);
    expect(problemsOf(both)).toEqual(['s.yaml:15:13: at processes[0].threads[0].program[2]: set_limit is a user-space operation, but T1 holds mmap_sem for write and i_mutex']);
  });

  test('without locks, they are fine; other contexts may hold locks', () => {
    const lines = withOps([
      '{ op: wait_oom_event, memcg: grp }',
      '{ op: alloc, pages: 1, context: user-fault }',
      '{ op: mutex_lock, lock: i_mutex }',
      '{ op: alloc, pages: 1, context: kernel-fault }',
      '{ op: alloc, pages: 1, gfp: GFP_NOFS, context: put_user }',
      '{ op: mutex_unlock, lock: i_mutex }',
      '{ op: set_limit, memcg: grp, pages: 4 }',
      '{ op: kill, process: victim }',
    ]);
    expect(problemsOf(lines)).toEqual([]);
  });
});
