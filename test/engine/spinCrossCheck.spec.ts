/**
 * Cross-check against SPIN: our engine's reachable state counts equal the
 * "states, stored" SPIN 6.5.2 reports for equivalent Promela models (one
 * atomic step per model action, no partial-order reduction, BFS), recorded
 * in `spin/figures.json` and `spin/figures.md`.
 *
 * (a) the committed `.pml` files are exactly what `bench/promela.ts`
 *     generates now (set UPDATE_SPIN_PML=1 to rewrite them);
 * (b) our `stats.states` equals SPIN's "states, stored", and our
 *     `stats.transitions` equals SPIN's "transitions" - 1 (SPIN counts the
 *     initial state as stored + matched);
 * (c) where `spin` and `gcc` are installed, SPIN still reports the committed
 *     figures for a few of the models.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { petersonPromela, philosophersPromela, runSpin, spinAvailable } from '../../bench/promela.js';
import { check } from '../../src/engine/index.js';
import { peterson } from '../../src/examples/peterson.js';
import { philosophers } from '../../src/examples/philosophers.js';

const spinDir = fileURLToPath(new URL('./spin/', import.meta.url));

interface SpinFigures {
  readonly file: string;
  readonly statesStored: number;
  readonly statesMatched: number;
  readonly transitions: number;
  readonly stateVectorBytes: number;
  readonly depthReached: number;
}

const figures = JSON.parse(readFileSync(join(spinDir, 'figures.json'), 'utf8')) as {
  readonly spinVersion: string;
  readonly models: Readonly<Record<string, SpinFigures>>;
};

interface Case {
  readonly name: string;
  readonly promela: () => string;
  readonly stats: () => { readonly states: number; readonly transitions: number; readonly depth: number };
}

const cases: readonly Case[] = [
  ...[3, 4, 5, 6].map((n) => ({ name: `philosophers-${n}`, promela: () => philosophersPromela(n), stats: () => check(philosophers(n), []).stats })),
  { name: 'peterson', promela: () => petersonPromela(false), stats: () => check(peterson(), []).stats },
  { name: 'peterson-swapped', promela: () => petersonPromela(true), stats: () => check(peterson({ swapped: true }), []).stats },
];

const byName = (name: string): Case => cases.find((c) => c.name === name)!;

describe('committed Promela files match the generators', () => {
  for (const c of cases) {
    test(`${c.name}.pml`, () => {
      const path = join(spinDir, `${c.name}.pml`);
      if (process.env.UPDATE_SPIN_PML) writeFileSync(path, c.promela());
      expect(readFileSync(path, 'utf8')).toBe(c.promela());
      expect(figures.models[c.name].file).toBe(`${c.name}.pml`);
    });
  }
});

describe('our state counts equal SPIN 6.5.2 "states, stored"', () => {
  test('figures.json records SPIN 6.5.2 and every model', () => {
    expect(figures.spinVersion).toBe('Spin Version 6.5.2 -- 6 December 2019');
    expect(Object.keys(figures.models).sort()).toEqual(cases.map((c) => c.name).sort());
  });

  // Literals: SPIN's states stored / transitions / depth reached, from figures.md.
  const expected: Readonly<Record<string, readonly [states: number, spinTransitions: number, depth: number]>> = {
    'philosophers-3': [14, 28, 3],
    'philosophers-4': [34, 89, 4],
    'philosophers-5': [82, 266, 5],
    'philosophers-6': [198, 769, 6],
    peterson: [20, 35, 6],
    'peterson-swapped': [32, 61, 7],
  };

  test('the literals here are the figures in figures.json', () => {
    for (const c of cases) {
      const f = figures.models[c.name];
      expect([f.statesStored, f.transitions, f.depthReached], c.name).toEqual(expected[c.name]);
      expect(f.transitions, c.name).toBe(f.statesStored + f.statesMatched);
    }
  });

  test('philosophers N = 3', () => {
    const stats = byName('philosophers-3').stats();
    expect(stats.states).toBe(14);
    expect(stats.transitions).toBe(28 - 1);
    expect(stats.depth).toBe(3);
  });

  test('philosophers N = 4', () => {
    const stats = byName('philosophers-4').stats();
    expect(stats.states).toBe(34);
    expect(stats.transitions).toBe(89 - 1);
    expect(stats.depth).toBe(4);
  });

  test('philosophers N = 5', () => {
    const stats = byName('philosophers-5').stats();
    expect(stats.states).toBe(82);
    expect(stats.transitions).toBe(266 - 1);
    expect(stats.depth).toBe(5);
  });

  test('philosophers N = 6', () => {
    const stats = byName('philosophers-6').stats();
    expect(stats.states).toBe(198);
    expect(stats.transitions).toBe(769 - 1);
    expect(stats.depth).toBe(6);
  });

  test('Peterson', () => {
    const stats = byName('peterson').stats();
    expect(stats.states).toBe(20);
    expect(stats.transitions).toBe(35 - 1);
    expect(stats.depth).toBe(6);
  });

  test('Peterson, swapped (broken) variant', () => {
    const stats = byName('peterson-swapped').stats();
    expect(stats.states).toBe(32);
    expect(stats.transitions).toBe(61 - 1);
    expect(stats.depth).toBe(7);
  });

  test('every model agrees with figures.json', () => {
    for (const c of cases) {
      const stats = c.stats();
      const f = figures.models[c.name];
      expect(stats.states, c.name).toBe(f.statesStored);
      expect(stats.transitions, c.name).toBe(f.transitions - 1);
      expect(stats.depth, c.name).toBe(f.depthReached);
    }
  });
});

const haveSpin = spinAvailable();

describe('SPIN still reports the committed figures', () => {
  const workRoot = haveSpin ? mkdtempSync(join(tmpdir(), 'oomcheck-spin-')) : '';
  afterAll(() => {
    if (workRoot) rmSync(workRoot, { recursive: true, force: true });
  });

  for (const name of ['philosophers-3', 'peterson', 'peterson-swapped']) {
    test.skipIf(!haveSpin)(`${name} (spin -a; gcc -O2 -DNOREDUCE -DSAFETY -DBFS; ./pan -E)`, () => {
      const result = runSpin(readFileSync(join(spinDir, `${name}.pml`), 'utf8'), join(workRoot, name));
      const f = figures.models[name];
      expect(result.statesStored).toBe(f.statesStored);
      expect(result.transitions).toBe(f.transitions);
      expect(result.depthReached).toBe(f.depthReached);
      expect(result.errors).toBe(0);
    });
  }
});
