import { describe, expect, test } from 'vitest';
import { alloc, kill, scenario, setLimit, waitOomEvent } from '../../src/kernel/builder.js';
import { checkScenario } from '../../src/check/index.js';
import { resolveDesign } from '../../src/kernel/design/design.js';
import { gfpText, parseGfp } from '../../src/kernel/gfp.js';
import { shortestPathToLabel } from './shortestPath.js';

/** One task allocating with `gfp` when memory is gone, a hog to kill, one reserve page. */
const oneAlloc = (gfp: string, pages = 1, start = {}) =>
  scenario('gfp')
    .describe('one allocation with no free memory')
    .memory({ free: 0, reserves: 1 })
    .process('fs', { pages: 1 }, (p) => p.thread('T', [alloc(pages, { gfp })], start))
    .process('hog', { pages: 8 }, (p) => p.thread('G', []))
    .build();

describe('GFP masks', () => {
  test('parse and print: base, modifiers, errors', () => {
    expect(gfpText(parseGfp('GFP_NOFS | __GFP_NOFAIL') as never)).toBe('GFP_NOFS|__GFP_NOFAIL');
    expect(parseGfp('GFP_ATOMIC')).toEqual({ error: "'GFP_ATOMIC' must start with GFP_KERNEL or GFP_NOFS, then '| __GFP_…' modifiers" });
    expect(parseGfp('GFP_KERNEL | __GFP_NOFAIL | __GFP_NORETRY')).toEqual({
      error: "'GFP_KERNEL | __GFP_NOFAIL | __GFP_NORETRY': __GFP_NOFAIL cannot be combined with __GFP_NORETRY or __GFP_RETRY_MAYFAIL",
    });
    expect(parseGfp('GFP_KERNEL | GFP_NOFS')).toEqual({ error: "'GFP_KERNEL | GFP_NOFS' has two base masks (GFP_KERNEL and GFP_NOFS); use one, then '| __GFP_…' modifiers" });
    expect(parseGfp('GFP_KERNEL | __GFP_WAIT')).toEqual({
      error: "unknown GFP flag '__GFP_WAIT' in 'GFP_KERNEL | __GFP_WAIT'; known: __GFP_NOFAIL, __GFP_NORETRY, __GFP_RETRY_MAYFAIL, __GFP_MAY_OOMKILL, __GFP_KILLABLE",
    });
  });

  test('__GFP_NORETRY fails at once, __GFP_RETRY_MAYFAIL after one retry; neither calls the OOM killer nor counts as spurious', () => {
    const noretry = shortestPathToLabel(oneAlloc('GFP_KERNEL | __GFP_NORETRY'), 'mmf-oom-skip', /returns -ENOMEM/);
    expect(noretry?.path).toEqual(['T: alloc(1, GFP_KERNEL|__GFP_NORETRY): get_page_from_freelist() fails; __GFP_NORETRY: the system call returns -ENOMEM']);
    const mayfail = shortestPathToLabel(oneAlloc('GFP_KERNEL | __GFP_RETRY_MAYFAIL'), 'mmf-oom-skip', /returns -ENOMEM/);
    expect(mayfail?.path).toEqual([
      'T: alloc(1, GFP_KERNEL|__GFP_RETRY_MAYFAIL): get_page_from_freelist() fails: __alloc_pages_slowpath()',
      'T: __GFP_RETRY_MAYFAIL: no progress, no OOM killer: the system call returns -ENOMEM',
    ]);
    expect(mayfail?.after.spuriousError).toBe(false);
    const run = checkScenario(oneAlloc('GFP_KERNEL | __GFP_RETRY_MAYFAIL'), resolveDesign('mmf-oom-skip'), ['no-oom-livelock', 'no-spurious-enomem']);
    expect([run.stats.states, ...run.verdicts.map((v) => v.verdict)]).toEqual([3, 'holds', 'holds']);
  });

  test('__GFP_KILLABLE: a killed GFP_NOFS allocation gives up under tetsuo-gfp-flags; before 4.7 it loops, from 4.7 out_of_memory() marks it TIF_MEMDIE and the reserves serve it', () => {
    const killed = oneAlloc('GFP_NOFS | __GFP_KILLABLE', 1, { fatalSignal: true });
    const gives = shortestPathToLabel(killed, 'tetsuo-gfp-flags', /gives up/);
    expect(gives?.path).toEqual([
      'T: alloc(1, GFP_NOFS|__GFP_KILLABLE): get_page_from_freelist() fails: __alloc_pages_slowpath()',
      'T: __GFP_KILLABLE: SIGKILL pending, the allocation gives up: -ENOMEM, on the way to exit',
    ]);
    const before47 = checkScenario(killed, resolveDesign('no-reaper'), ['no-oom-livelock']);
    expect([before47.stats.states, before47.verdicts[0].counterexample?.steps.length]).toEqual([2, 2]);
    // 3da88fb3bacf (4.7): the !__GFP_FS test moved after out_of_memory()'s dying-task shortcut.
    for (const preset of ['mmf-oom-reaped', 'nofail-reserves']) {
      const r = checkScenario(killed, resolveDesign(preset), ['no-oom-livelock']);
      expect([preset, r.stats.states, r.verdicts[0].verdict]).toEqual([preset, 20, 'holds']);
    }
    expect(shortestPathToLabel(killed, 'mmf-oom-reaped', /from the reserves/)?.path).toEqual([
      'T: alloc(1, GFP_NOFS|__GFP_KILLABLE): get_page_from_freelist() fails: __alloc_pages_slowpath()',
      'T: no memory: mutex_trylock(&oom_lock) ok',
      'T: get_page_from_freelist(ALLOC_WMARK_HIGH) fails under oom_lock',
      'T: out_of_memory(); current T has a fatal signal pending: mark_oom_victim(T); wake_oom_reaper(T): pushed on oom_reaper_list; mutex_unlock(&oom_lock)',
      'T: TIF_MEMDIE: 1 page from the reserves (ALLOC_NO_WATERMARKS)',
    ]);
  });

  test('a TIF_MEMDIE victim with __GFP_NOFAIL does not fail when the reserves run out: it goes back to out_of_memory()', () => {
    const victim = oneAlloc('GFP_KERNEL | __GFP_NOFAIL', 2, { memdie: true });
    expect(shortestPathToLabel(victim, 'mmf-oom-skip', /goto nopage/)).toBeUndefined();
    const again = shortestPathToLabel(victim, 'mmf-oom-skip', /^T: out_of_memory\(\); current T has a fatal signal pending: already TIF_MEMDIE/);
    expect(again?.path.length).toBe(4);
  });
});

describe('the userspace OOM handler raising the limit', () => {
  test('set_limit wakes the sleeper: memcg_oom_recover() lets its charge through (3.12, 10 states, no deadlock)', () => {
    const s = scenario('raise')
      .describe('a userspace OOM handler raises the limit')
      .memory({ free: 8, reserves: 0 })
      .memcg('A', { limit: 4, oomKillDisable: true })
      .process('app', { pages: 4, memcg: 'A' }, (p) => p.thread('F', [alloc(1, { context: 'user-fault' })]))
      .process('handler', { pages: 0 }, (p) => p.thread('H', [waitOomEvent('A'), setLimit('A', 8)]))
      .build();
    const run = checkScenario(s, resolveDesign('memcg-deferred'), ['no-deadlock', 'no-oom-livelock']);
    expect([run.stats.states, ...run.verdicts.map((v) => v.verdict)]).toEqual([10, 'holds', 'holds']);
    const woken = shortestPathToLabel(s, 'memcg-deferred', /woken/);
    expect(woken?.path.slice(-2)).toEqual(['H: write 8 pages to A/memory.limit_in_bytes: memcg_oom_recover()', 'F: woken on memcg_oom_waitq by memcg_oom_recover(): memcg A (usage 4/8)']);
    expect(kill('app')).toEqual({ op: 'kill', process: 'app' });
  });
});
