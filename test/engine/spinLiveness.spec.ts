/**
 * Liveness beside SPIN: the deadlock-free philosophers
 * (`orderedPhilosophers`) and their Promela twin with the LTL formula
 * "each philosopher eats infinitely often" (`orderedPhilosophersPromela`).
 * Where `spin` and `gcc` are installed: SPIN's safety run without the never
 * claim stores exactly our states; `./pan -a -f` (weak fairness) finds no
 * acceptance cycle where we find every `phil<i>-eats` to hold, and finds
 * one without the fork hand-over, where we find a starvation lasso.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { panNfair } from '../../bench/philosophersLiveness.bench.js';
import { compilePan, orderedPhilosophersPromela, runPan, spinAvailable } from '../../bench/promela.js';
import { check } from '../../src/engine/index.js';
import { eachPhilosopherEats, orderedPhilosophers } from '../../src/examples/index.js';

const haveSpin = spinAvailable();

describe('ordered philosophers: the Promela twin', () => {
  test('N=3: one process per philosopher, d_step per action, the conjunction of []<> eats', () => {
    const text = orderedPhilosophersPromela(3);
    expect(text).toContain('active proctype phil2() {');
    expect(text).toContain('  :: d_step { pc[2] == 0 && fork[0] == 0 -> fork[0] = 3; pc[2] = 1 }');
    expect(text).toContain('       if :: pc[2] == 1 -> fork[2] = 3; pc[2]++ :: else -> fork[2] = 0 fi }');
    expect(text).toContain('ltl eats { []<> (pc[0] == 2) && []<> (pc[1] == 2) && []<> (pc[2] == 2) }');
    expect(orderedPhilosophersPromela(3, { handOver: false })).toContain('  :: d_step { pc[1] == 2 -> pc[1] = 0;\n       fork[1] = 0;\n       fork[2] = 0 }');
  });

  test('pan needs NFAIR > (processes + 2) / 4 (the claim counts as a process)', () => {
    expect([4, 5, 6, 8, 10, 12, 14].map(panNfair)).toEqual([2, 2, 3, 3, 4, 4, 5]);
  });
});

describe.skipIf(!haveSpin)('SPIN 6.5.2 on the same model', () => {
  const workRoot = haveSpin ? mkdtempSync(join(tmpdir(), 'oomcheck-spin-live-')) : '';
  afterAll(() => {
    if (workRoot) rmSync(workRoot, { recursive: true, force: true });
  });

  test.each([
    [4, 29, 73, 144],
    [5, 70, 220, 419],
  ])('N=%i: SPIN stores our %i states (transitions %i = ours + 1); pan -a -f stores %i product states, no acceptance cycle', (n, states, spinTransitions, product) => {
    const ours = check(orderedPhilosophers(n), eachPhilosopherEats(n, 'weak'));
    expect(ours.stats.states).toBe(states);
    expect(ours.results.every((r) => r.verdict === 'holds')).toBe(true);
    const safetyDir = join(workRoot, `safety-${n}`);
    compilePan(orderedPhilosophersPromela(n), safetyDir, { ccFlags: ['-DNOCLAIM'] });
    const safety = runPan(safetyDir);
    expect([safety.statesStored, safety.transitions, safety.errors]).toEqual([states, ours.stats.transitions + 1, 0]);
    expect(safety.transitions).toBe(spinTransitions);
    const liveDir = join(workRoot, `liveness-${n}`);
    compilePan(orderedPhilosophersPromela(n), liveDir, { panCcFlags: ['-O2', '-DNOREDUCE'], ccFlags: [`-DNFAIR=${panNfair(n)}`] });
    const liveness = runPan(liveDir, { mode: ['-a', '-f'], panArgs: ['-m100000', '-w16'] });
    expect([liveness.statesStored, liveness.errors]).toEqual([product, 0]);
  });

  test('N=4 without hand-over: pan -a -f finds an acceptance cycle, as we find starvation lassos', () => {
    const ours = check(orderedPhilosophers(4, { handOver: false }), eachPhilosopherEats(4, 'weak'));
    expect(ours.results.map((r) => r.verdict)).toEqual(['violated', 'violated', 'violated', 'violated']);
    const dir = join(workRoot, 'starving-4');
    compilePan(orderedPhilosophersPromela(4, { handOver: false }), dir, { panCcFlags: ['-O2', '-DNOREDUCE'], ccFlags: ['-DNFAIR=2'] });
    // pan stops at the first acceptance cycle ("Search not completed"), which runPan reports as an error with pan's output.
    expect(() => runPan(dir, { mode: ['-a', '-f'], panArgs: ['-m100000', '-w16'] })).toThrow(/pan:1: acceptance cycle \(at depth \d+\)[\s\S]*errors: 1/);
  });
});
