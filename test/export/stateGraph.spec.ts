/**
 * The state graph as Graphviz DOT (`check --dump dot`): a node per
 * distinct state and an edge per transition of the search, exactly.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../src/check/index.js';
import { STATE_GRAPH_MAX_STATES, stateGraphRecorder } from '../../src/export/index.js';
import { familyScenario, loadScenarioFile, mutexLock, mutexUnlock, resolveDesign, scenario, type Scenario } from '../../src/kernel/index.js';

/** Two tasks taking two mutexes in opposite orders: the textbook ABBA deadlock. */
const abba = scenario('abba')
  .describe('T1 takes A then B, T2 takes B then A')
  .mutex('A')
  .mutex('B')
  .memory({ free: 0, reserves: 0 })
  .process('p1', { pages: 1 }, (p) => p.thread('T1', [mutexLock('A'), mutexLock('B'), mutexUnlock('B'), mutexUnlock('A')]))
  .process('p2', { pages: 1 }, (p) => p.thread('T2', [mutexLock('B'), mutexLock('A'), mutexUnlock('A'), mutexUnlock('B')]))
  .design('no-reaper')
  .properties('no-deadlock')
  .build();

/** The DOT of `s` under `preset`, and the search's figures. */
function dotOf(s: Scenario, preset: string) {
  const graph = stateGraphRecorder();
  const run = checkScenario(s, resolveDesign(preset, {}), undefined, { observe: graph.observe });
  return { run, graph, dot: graph.dot(`${s.name} under ${preset}`, run.verdicts) };
}

const nodes = (dot: string) => dot.split('\n').filter((l) => /^ {2}s\d+ \[/.test(l));
const edges = (dot: string) => dot.split('\n').filter((l) => /^ {2}s\d+ -> s\d+ /.test(l));

describe('state graph (DOT)', () => {
  it('ABBA under no-reaper: 19 states (of 20 lock-consistent pc pairs; T1 and T2 both at their last unlock is unreachable), 22 transitions, the deadlock filled red, exactly as committed', () => {
    const { run, dot } = dotOf(abba, 'no-reaper');
    expect(run.stats).toMatchObject({ states: 19, transitions: 22 });
    expect(run.verdicts).toMatchObject([{ property: 'no-deadlock', verdict: 'violated' }]);
    expect(nodes(dot)).toHaveLength(run.stats.states);
    expect(edges(dot)).toHaveLength(run.stats.transitions);
    expect(nodes(dot).filter((l) => l.includes('fillcolor="red"'))).toHaveLength(1);
    if (process.env.UPDATE_EXPECTED === '1') writeFileSync('test/export/expected/abba.dot', dot);
    expect(dot).toBe(readFileSync('test/export/expected/abba.dot', 'utf8'));
  });
});

describe('state graph of a built-in scenario', () => {
  it('victim-blocked-on-lock under no-reaper: 7 states, 7 transitions, the livelock cycle s4 → s5 → s6 → s4 orange', () => {
    const { run, graph, dot } = dotOf(loadScenarioFile('scenarios/victim-blocked-on-lock.yaml'), 'no-reaper');
    expect(run.stats).toMatchObject({ states: 7, transitions: 7 });
    expect([graph.states, graph.transitions, graph.overflowed]).toEqual([7, 7, false]);
    expect(nodes(dot)).toHaveLength(7);
    expect(edges(dot)).toHaveLength(7);
    expect(nodes(dot).flatMap((l) => (l.includes('fillcolor="orange"') ? [l.split(' ')[2]] : []))).toEqual(['s4', 's5', 's6']);
    expect(nodes(dot).filter((l) => l.includes('peripheries=2'))).toEqual([expect.stringMatching(/^ {2}s0 /)]);
    expect(edges(dot)[6]).toBe(String.raw`  s6 -> s4 [label="W: out_of_memory()\l  select_bad_process() aborts: V has TIF_MEMDIE\l  mutex_unlock(&oom_lock)\l"];`);
  });

  it(`stops recording past ${STATE_GRAPH_MAX_STATES} states and refuses to render`, () => {
    const graph = stateGraphRecorder();
    // Tetsuo Handa's T1/T2/T3 scaled to 6 tasks has 62,175 states under reaper-slot.
    const run = checkScenario(familyScenario('t1t2t3:6:3'), resolveDesign('reaper-slot', {}), undefined, { observe: graph.observe, maxStates: 10_500 });
    expect(run.stats.stopReason).toBe('maxStates');
    expect([graph.overflowed, graph.states]).toEqual([true, STATE_GRAPH_MAX_STATES]);
    expect(() => graph.dot('many', run.verdicts)).toThrow(`stateGraphRecorder: more than ${STATE_GRAPH_MAX_STATES} states`);
  });
});
