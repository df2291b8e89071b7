import { describe, expect, test } from 'vitest';
import { itfExporter, itfSpecUrl, itfVars } from '../../src/export/itf.js';
import { readTraceText } from '../../src/export/readTrace.js';
import { replayTrace } from '../../src/check/index.js';
import { allTraces, deadlockTrace, livelockTrace, panicTrace, spuriousTrace } from './traces.js';

const itf = (doc = livelockTrace()): any => JSON.parse(itfExporter.render(doc));

/** Every number in `value` outside `#meta` objects, with its path: ITF integers are `#bigint`s. */
function plainNumbers(value: unknown, path = ''): string[] {
  if (typeof value === 'number') return [path];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => (k === '#meta' ? [] : plainNumbers(v, `${path}/${k}`)));
}

describe('itfExporter: the Informal Trace Format (Apalache ADR-015)', () => {
  test('a lasso: #meta, vars, states with #meta.index, loop', () => {
    const doc = livelockTrace();
    const trace = itf(doc);
    expect([itfExporter.format, itfExporter.extension]).toEqual(['itf', '.itf.json']);
    expect(itfExporter.render(doc).endsWith('}\n')).toBe(true);
    expect(Object.keys(trace)).toEqual(['#meta', 'vars', 'states', 'loop']);
    expect(trace.loop).toBe(16);
    expect(trace.vars).toEqual(['action', 'actor', 'tasks', 'mms', 'locks', 'memcgs', 'oomLock', 'free', 'reserves', 'reaper', 'panicked', 'needlessKill', 'spuriousError', 'raceKill']);
    expect(trace['#meta']).toMatchObject({
      format: 'ITF',
      'format-description': 'https://apalache-mc.org/docs/adr/015adr-trace.html',
      description: doc.summary,
      source: 'scenarios/tetsuo-t1-t2-t3.yaml',
      schemaVersion: 5,
      tool: { name: 'oomcheck', version: '0.1.0' },
      design: doc.design,
      property: doc.property,
      actors: ['T1', 'T2', 'T3', 'H', 'oom_reaper'],
    });
    expect(trace['#meta'].scenario.content).toEqual(doc.scenario.content);
    expect(trace.states).toHaveLength(20);
    for (const [i, s] of (trace.states as Record<string, unknown>[]).entries()) {
      expect(Object.keys(s)).toEqual(['#meta', ...itfVars]);
      expect(s['#meta']).toEqual({ index: i });
    }
    expect(plainNumbers(trace.states)).toEqual([]);
  });

  test('state 17 of the livelock, variable by variable: H holds oom_lock, T2 has TIF_MEMDIE and sleeps on i_mutex', () => {
    const s = itf().states[17];
    const big = (n: number) => ({ '#bigint': String(n) });
    const task = (pc: number, next: string, alloc: string, exiting: boolean, exited: boolean, fatalSignal: boolean, memdie: boolean) => ({
      pc: big(pc),
      next,
      alloc,
      exiting,
      exited,
      fatalSignal,
      memdie,
      memdieAborts: big(0),
      charged: false,
      inFault: false,
      reapedSinceAttempt: false,
    });
    const mm = (victim: boolean) => ({ freed: false, reaped: false, flagged: false, oomKilled: false, victim, exitMmap: 'none', notReapable: false });
    expect(s).toEqual({
      '#meta': { index: 17 },
      action: 'H: no memory: mutex_trylock(&oom_lock) ok',
      actor: 'H',
      tasks: {
        '#map': [
          ['T1', task(1, '', 'none', true, true, false, false)],
          ['T2', task(0, 'mutex_lock(i_mutex)', 'none', false, false, true, true)],
          ['T3', task(2, '', 'none', true, true, true, false)],
          ['H', task(0, 'alloc(1)', 'lastSecond', false, false, false, false)],
        ],
      },
      mms: {
        '#map': [
          ['victim', mm(true)],
          ['holder', mm(false)],
        ],
      },
      locks: {
        '#map': [
          ['i_mutex', { writer: 'H', readers: { '#set': [] } }],
          ['victim.mmap_sem', { writer: '', readers: { '#set': [] } }],
          ['holder.mmap_sem', { writer: '', readers: { '#set': [] } }],
        ],
      },
      memcgs: { '#map': [] },
      oomLock: 'H',
      free: big(0),
      reserves: big(0),
      reaper: {
        current: '',
        attempts: big(0),
        head: '',
        next: {
          '#map': [
            ['T1', ''],
            ['T2', ''],
            ['T3', ''],
            ['H', ''],
          ],
        },
      },
      panicked: false,
      needlessKill: false,
      spuriousError: false,
      raceKill: false,
    });
  });

  test('the initial state has action "init" and no actor; T3 holds mmap_sem for write; readers are a #set', () => {
    const [initial] = itf().states;
    expect([initial.action, initial.actor]).toEqual(['init', '']);
    expect(initial.locks['#map'][1]).toEqual(['victim.mmap_sem', { writer: 'T3', readers: { '#set': [] } }]);
    expect(initial.reserves).toEqual({ '#bigint': '1' });
    const doc = deadlockTrace();
    doc.states[0].locks[0] = { writer: -1, readers: 0b11 }; // readers are shown as a set of names (not a state the model reaches)
    expect(itf(doc).states[0].locks['#map'][0]).toEqual(['a', { writer: '', readers: { '#set': ['A', 'B'] } }]);
  });

  test('memcgs: a #map by memcg name; an allocation shows its mask and context when not the defaults; spuriousError', () => {
    const [initial, , last] = itf(spuriousTrace()).states;
    const big = (n: number) => ({ '#bigint': String(n) });
    expect(initial.tasks['#map'][0][1]).toMatchObject({ next: 'alloc(1, GFP_NOFS, put_user)', alloc: 'none', charged: false, inFault: false });
    expect([initial.memcgs, initial.spuriousError]).toEqual([{ '#map': [['A', { usage: big(1), limit: big(1), oomLock: '' }]] }, false]);
    expect([last.tasks['#map'][0][1].next, last.spuriousError]).toEqual(['', true]);
  });

  test('a safety trace has no loop; a scenario built in code is its own source', () => {
    const panic = itf(panicTrace());
    expect(Object.keys(panic)).toEqual(['#meta', 'vars', 'states']);
    expect(panic.states.at(-1).panicked).toBe(true);
    expect(itf(deadlockTrace())['#meta'].source).toBe('abba');
    expect(itfSpecUrl).toBe(itf()['#meta']['format-description']);
  });

  test('every trace round-trips through readTraceText, byte for byte, and replays with its violation confirmed', () => {
    for (const [name, doc] of Object.entries(allTraces())) {
      const text = itfExporter.render(doc);
      const back = readTraceText(text, `${name}.itf.json`);
      expect(back).toEqual(doc);
      expect(itfExporter.render(back)).toBe(text);
      expect([name, replayTrace(back).verdict]).toEqual([name, 'confirmed']);
    }
  });

  test("plain JSON integers read as well as #bigint ones (the spec allows both); other tools' #meta fields are ignored", () => {
    const doc = livelockTrace();
    const trace = itf(doc);
    trace.states[3].free = 0;
    trace.states[3].tasks['#map'][2][1].pc = 0;
    trace['#meta'].timestamp = 1701944461444;
    expect(readTraceText(JSON.stringify(trace), 'x.itf.json')).toEqual(doc);
  });
});
