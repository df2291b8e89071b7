import { describe, expect, test } from 'vitest';
import { header, problemsOf, victimWith } from './helpers.js';

/** Thread T1 (lines 9–11), valid on its own. */
const t1 = ['      - name: T1', '        program:', '          - { op: exit }'];

/** A thread with nothing to run: it may be a vfork caller, asleep in wait_for_vfork_done(). */
const caller = '      - { name: P, program: [] }';

/** A second process `helper` (from line 12) with the given field lines and one thread S running `ops`. */
const helper = (fields: readonly string[], ops = ['{ op: exit }'], start: readonly string[] = []): string[] => [
  '  - name: helper',
  ...fields.map((f) => `    ${f}`),
  '    threads:',
  '      - name: S',
  '        program:',
  ...ops.map((op) => `          - ${op}`),
  ...start,
];

describe('processes that share an mm', () => {
  test('mm: names the process whose mm it uses; vfork and oomScoreAdj are its own', () => {
    expect(problemsOf(victimWith([...t1, caller], helper(['mm: victim', 'vfork: true', 'oomScoreAdj: -1000'])))).toEqual([]);
  });

  test('a sharer has no pages or memcg of its own; vfork needs mm; mm names a declared owner, not itself or another sharer', () => {
    expect(problemsOf(victimWith(t1, helper(['mm: victim', 'pages: 2'])))).toEqual([
      "s.yaml:14:12: at processes[1].pages: a process that shares another's mm has no pages of its own: the pages belong to the mm, give them on 'victim'",
    ]);
    expect(problemsOf(victimWith(t1, helper(['pages: 2', 'vfork: true'])))).toEqual(["s.yaml:14:12: at processes[1].vfork: vfork: true needs mm: a vfork child uses its parent's mm until it execs"]);
    expect(problemsOf(victimWith(t1, helper(['mm: victm'])))).toEqual(["s.yaml:13:9: at processes[1].mm: no process named 'victm'; did you mean 'victim'?"]);
    expect(problemsOf(victimWith(t1, helper(['mm: helper'])))).toEqual(['s.yaml:13:9: at processes[1].mm: mm: helper names this process itself; leave mm out for a process with an mm of its own']);
    const chain = [...victimWith(t1, helper(['mm: victim'])), '  - name: third', '    mm: helper', '    threads: [{ name: X, program: [] }]'];
    expect(problemsOf(chain)).toEqual(["s.yaml:19:9: at processes[2].mm: 'helper' itself uses the mm of 'victim': name the owner, mm: victim"]);
    expect(problemsOf(victimWith(t1, helper([])))).toEqual(["s.yaml:12:5: at processes[1]: missing required field 'pages'"]);
  });

  test("mmap_sem of a sharer is the owner's: holding it in both is a conflict, and <sharer>.mmap_sem names it too", () => {
    const both = victimWith(
      ['      - name: T1', '        program: [{ op: up_write, lock: mmap_sem }]', '        start: { holds: [{ lock: mmap_sem, mode: write }] }'],
      helper(['mm: victim'], ['{ op: up_read, lock: helper.mmap_sem }'], ['        start: { holds: [{ lock: helper.mmap_sem, mode: read }] }']),
    );
    expect(problemsOf(both)).toEqual([
      's.yaml:18:26: at processes[1].threads[0].start.holds[0]: S starts holding victim.mmap_sem for read, but T1 (processes[0].threads[0]) starts holding it for write',
    ]);
  });
});

describe('starting situations no kernel can reach', () => {
  test('TIF_MEMDIE or a fatal signal on one thread: every thread of the group must have SIGKILL pending, reported at each that lacks it', () => {
    const lines = [
      ...header,
      'processes:',
      '  - name: victim',
      '    pages: 8',
      '    threads:',
      '      - { name: T1, program: [{ op: exit }], start: { memdie: true } }',
      '      - { name: T2, program: [{ op: exit }] }',
      '      - { name: T3, program: [{ op: exit }], start: { pc: 0 } }',
      '      - { name: T4, program: [{ op: exit }], start: { fatalSignal: true } }',
    ];
    expect(problemsOf(lines)).toEqual([
      "s.yaml:10:9: at processes[0].threads[1]: T2 starts without a fatal signal, but T1 (processes[0].threads[0]) of the same thread group 'victim' starts with TIF_MEMDIE (and so SIGKILL pending): SIGKILL goes to the whole thread group, so no kernel reaches this state; give T2 start: { fatalSignal: true }",
      "s.yaml:11:53: at processes[0].threads[2].start: T3 starts without a fatal signal, but T1 (processes[0].threads[0]) of the same thread group 'victim' starts with TIF_MEMDIE (and so SIGKILL pending): SIGKILL goes to the whole thread group, so no kernel reaches this state; give T3 start: { fatalSignal: true }",
    ]);
    const signalOnly = [...header, 'processes:', '  - name: p', '    pages: 1', '    threads:', '      - { name: A, program: [], start: { fatalSignal: true } }', '      - { name: B, program: [] }'];
    expect(problemsOf(signalOnly)).toEqual([
      "s.yaml:10:9: at processes[0].threads[1]: B starts without a fatal signal, but A (processes[0].threads[0]) of the same thread group 'p' starts with a fatal signal pending: SIGKILL goes to the whole thread group, so no kernel reaches this state; give B start: { fatalSignal: true }",
    ]);
  });

  test('a vfork child needs its vfork caller: a thread of a process using the mm with nothing left to run, one per child', () => {
    // shared-mm-mutex-holder as it was: the parent's only thread starts in mutex_lock(), not in wait_for_vfork_done().
    const waiter = ['      - name: V', '        program: [{ op: mutex_lock, lock: i_mutex }, { op: mutex_unlock, lock: i_mutex }]'];
    expect(problemsOf(victimWith(waiter, helper(['mm: victim', 'vfork: true'])))).toEqual([
      "s.yaml:13:12: at processes[1].vfork: 'helper' is a vfork child, so a thread of a process using its mm ('victim') called vfork() and sleeps in wait_for_vfork_done() until 'helper' execs or exits, running nothing else; none of V (victim) can be that thread, so no kernel reaches this state; add a thread with program: [] to 'victim' as the vfork caller",
    ]);
    // A sibling with nothing left to run (an empty program, or started past its end) is the caller.
    expect(problemsOf(victimWith([...waiter, caller], helper(['mm: victim', 'vfork: true'])))).toEqual([]);
    expect(problemsOf(victimWith([...waiter, '      - { name: P, program: [{ op: alloc, pages: 1 }], start: { pc: 1 } }'], helper(['mm: victim', 'vfork: true'])))).toEqual([]);
    // One caller for two vfork children: the second has none left.
    const two = [...victimWith([...waiter, caller], helper(['mm: victim', 'vfork: true'])), '  - name: other', '    mm: victim', '    vfork: true', '    threads: [{ name: X, program: [] }]'];
    expect(problemsOf(two)).toEqual([]);
    const twoBusy = [
      ...victimWith([...waiter, caller], helper(['mm: victim', 'vfork: true'], ['{ op: exit }'])),
      '  - name: other',
      '    mm: victim',
      '    vfork: true',
      '    threads: [{ name: X, program: [{ op: exit }] }]',
    ];
    expect(problemsOf(twoBusy)).toEqual([
      "s.yaml:21:12: at processes[2].vfork: 'other' is a vfork child, so a thread of a process using its mm ('victim', 'helper') called vfork() and sleeps in wait_for_vfork_done() until 'other' execs or exits, running nothing else; none of V (victim), P (victim), S (helper) can be that thread: the threads with nothing left to run wait for other vfork children, so no kernel reaches this state; add a thread with program: [] to 'victim' as the vfork caller",
    ]);
  });

  test('processes sharing an mm do not share signals: a killed owner with a live sharer is a valid start', () => {
    const lines = victimWith(['      - { name: T1, program: [{ op: exit }], start: { memdie: true } }'], helper(['mm: victim']));
    expect(problemsOf(lines)).toEqual([]);
  });
});
