import { describe, expect, test } from 'vitest';
import { opText } from '../../src/export/itf.js';
import { blockedOn, situation, slowPathName } from '../../src/export/taskSituation.js';
import { GFP_KERNEL, parseGfp, type Gfp } from '../../src/kernel/gfp.js';
import { layoutOf } from '../../src/kernel/layout.js';
import { AllocStage, type KernelState } from '../../src/kernel/state.js';
import { handlerDeadlockTrace } from './traces.js';

/** The handler-deadlock trace: V (victim, memcg A) takes m and allocates; U (handler) waits for A's OOM event, takes m, kills victim. */
function setup() {
  const doc = handlerDeadlockTrace();
  const layout = layoutOf(doc.scenario.content);
  const initial = doc.states[0];
  const at = (change: (s: KernelState) => void): KernelState => {
    const s = structuredClone(initial);
    change(s);
    return s;
  };
  return { doc, layout, knobs: doc.design.knobs, initial, at };
}

describe('where a task is, in words', () => {
  test('opText: plain GFP_KERNEL system-call allocations as before, other masks and contexts, the user-space operations', () => {
    const { layout } = setup();
    const gfp = (text: string) => parseGfp(text) as Gfp;
    expect([
      opText(layout, { op: 'alloc', pages: 1, gfp: GFP_KERNEL, context: 'syscall' }),
      opText(layout, { op: 'alloc', pages: 2, gfp: gfp('GFP_NOFS | __GFP_NOFAIL'), context: 'syscall' }),
      opText(layout, { op: 'alloc', pages: 1, gfp: gfp('GFP_NOFS|__GFP_NOFAIL'), context: 'put_user' }),
      opText(layout, { op: 'alloc', pages: 1, gfp: GFP_KERNEL, context: 'user-fault' }),
      opText(layout, { op: 'wait_oom_event', memcg: 0 }),
      opText(layout, { op: 'kill', process: 0 }),
      opText(layout, { op: 'set_limit', memcg: 0, pages: 16 }),
    ]).toEqual([
      'alloc(1)',
      'alloc(2, GFP_NOFS|__GFP_NOFAIL)',
      'alloc(1, GFP_NOFS|__GFP_NOFAIL, put_user)',
      'alloc(1, GFP_KERNEL, user-fault)',
      'wait_oom_event(A)',
      'kill(victim)',
      'set_limit(A, 16)',
    ]);
  });

  test('the stages of a memcg charge, and the page allocator for stages 1-3', () => {
    const { layout, knobs, at } = setup();
    const V = 0;
    const inStage = (alloc: AllocStage) =>
      situation(
        layout,
        knobs,
        at((s) => ((s.tasks[V].pc = 1), (s.tasks[V].alloc = alloc))),
        V,
      );
    expect(
      [AllocStage.Retry, AllocStage.LastSecond, AllocStage.OutOfMemory, AllocStage.ChargeOom, AllocStage.MemcgOom, AllocStage.MemcgWait, AllocStage.FaultUnwound, AllocStage.ChargeRetry].map(inStage),
    ).toEqual([
      'is in the page allocator',
      'is in the page allocator',
      'is in the page allocator',
      'is in the memcg charge path',
      'is in mem_cgroup_out_of_memory(), holding the OOM lock of memcg A',
      'sleeps on memcg_oom_waitq of memcg A',
      'is in pagefault_out_of_memory()',
      'is in the memcg charge path',
    ]);
    expect([slowPathName(AllocStage.Retry), slowPathName(AllocStage.MemcgWait)]).toEqual(['the page allocator', 'the memcg charge path']);
    // 4.2-4.18 (memcgOomLock: memcg-trylock+oom-lock): the group's OOM lock and then oom_lock too; 4.19: oom_lock alone.
    const killer = (memcgLock: boolean) =>
      situation(
        layout,
        knobs,
        at((s) => ((s.tasks[V].pc = 1), (s.tasks[V].alloc = AllocStage.MemcgOom), (s.oomLock = V), (s.memcgs[0].oomLock = memcgLock ? V : -1))),
        V,
      );
    expect([killer(true), killer(false)]).toEqual(['is in mem_cgroup_out_of_memory(), holding the OOM lock of memcg A and oom_lock', 'is in mem_cgroup_out_of_memory(), holding oom_lock']);
  });

  test('user-space operations: waiting for the OOM event, about to read it, kill, raise the limit; SIGKILL in user space exits', () => {
    const { layout, knobs, initial, at } = setup();
    const U = 1;
    const underOom = (pc: number) => at((s) => ((s.tasks[0].pc = 1), (s.tasks[0].alloc = AllocStage.MemcgWait), (s.tasks[U].pc = pc)));
    expect(situation(layout, knobs, initial, U)).toBe('waits for the OOM event of memcg A');
    expect(situation(layout, knobs, underOom(0), U)).toBe('is about to read the OOM event of memcg A');
    expect(situation(layout, knobs, underOom(3), U)).toBe('is about to kill(victim)');
    expect(
      situation(
        layout,
        knobs,
        at((s) => (s.tasks[U].fatalSignal = true)),
        U,
      ),
    ).toBe('is about to exit (SIGKILL pending)');
    expect(blockedOn(layout, knobs, initial, U)).toBeUndefined();
  });

  test('a user fault sleeps on its own mmap_sem held for write; past it, it is in the fault', () => {
    const { doc, knobs } = setup();
    const content = structuredClone(doc.scenario.content) as any;
    content.processes[0].threads[0].program[1] = { op: 'alloc', pages: 1, context: 'user-fault' };
    content.processes[1].threads[0].program.push({ op: 'set_limit', memcg: 'A', pages: 4 });
    const layout = layoutOf(content);
    const sem = layout.processes[0].mmapSem;
    const s = structuredClone(doc.states[0]);
    s.tasks[0].pc = 1;
    s.locks[sem].writer = 1;
    expect(situation(layout, knobs, s, 0)).toBe("sleeps in the page fault's down_read(&mm->mmap_sem), held by U for write");
    s.locks[sem].writer = -1;
    expect(situation(layout, knobs, s, 0)).toBe('is about to allocate 1 page (GFP_KERNEL, user-fault)');
    s.tasks[0].inFault = true;
    expect(situation(layout, knobs, s, 0)).toBe('is in a page fault, about to allocate 1 page (GFP_KERNEL, user-fault)');
    s.tasks[0].inFault = false;
    s.tasks[0].alloc = AllocStage.ChargeRetry;
    expect(situation(layout, knobs, s, 0)).toBe('is about to retry its page fault');
    s.tasks[1].pc = 4;
    expect(situation(layout, knobs, s, 1)).toBe('is about to raise the limit of memcg A to 4 pages');
  });
});
