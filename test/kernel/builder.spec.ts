import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { alloc, downRead, downWrite, exit, mutexLock, mutexUnlock, scenario, upRead, upWrite } from '../../src/kernel/builder.js';
import { loadScenarioFile, loadScenarioText } from '../../src/kernel/load/loadScenario.js';
import { ScenarioError } from '../../src/kernel/load/scenarioError.js';

const fixture = join(import.meta.dirname, 'load', 'fixtures', 'valid.yaml');

describe('the scenario builder', () => {
  test('op constructors make the ops of the file format', () => {
    expect([mutexLock('m'), mutexUnlock('m'), downRead('mmap_sem'), upRead('mmap_sem'), downWrite('mmap_sem'), upWrite('mmap_sem'), alloc(2), exit()]).toEqual([
      { op: 'mutex_lock', lock: 'm' },
      { op: 'mutex_unlock', lock: 'm' },
      { op: 'down_read', lock: 'mmap_sem' },
      { op: 'up_read', lock: 'mmap_sem' },
      { op: 'down_write', lock: 'mmap_sem' },
      { op: 'up_write', lock: 'mmap_sem' },
      { op: 'alloc', pages: 2 },
      { op: 'exit' },
    ]);
  });

  test('it builds the same Scenario as the YAML fixture', () => {
    const built = scenario('t1-t2-t3')
      .describe('T1 exits, T2 sleeps on i_mutex, T3 allocates holding mmap_sem for write')
      .source('seed 002')
      .mutex('i_mutex')
      .memory({ free: 0, reserves: 1 })
      .process('victim', { pages: 8 }, (p) =>
        p
          .thread('T1', [exit()], { memdie: true })
          .thread('T2', [mutexLock('i_mutex'), alloc(1), mutexUnlock('i_mutex')], { fatalSignal: true })
          .thread('T3', [alloc(1), upWrite('mmap_sem'), exit()], { holds: [{ lock: 'mmap_sem', mode: 'write' }], fatalSignal: true }),
      )
      .process('other', { pages: 2, oomScoreAdj: -1000 }, (p) => p.thread('H', [downRead('victim.mmap_sem'), upRead('victim.mmap_sem'), alloc(2)], { pc: 2, fatalSignal: false }))
      .design('reaper-slot')
      .design('reaper-queue', { reaperRetries: 3, shortcutWakesReaper: true })
      .properties('no-deadlock', 'no-oom-livelock')
      .properties('no-oom-livelock[H]')
      .expect('reaper-slot', { 'no-oom-livelock': 'violated' })
      .expect('reaper-queue+reaperRetries=3+shortcutWakesReaper=true', { 'no-deadlock': 'holds' })
      .expect('reaper-queue+reaperRetries=3+shortcutWakesReaper=true', { 'no-oom-livelock[H]': 'holds' })
      .build();
    expect(built).toStrictEqual(loadScenarioFile(fixture));
  });

  test('the example of its documentation builds, and equals its YAML', () => {
    const built = scenario('name')
      .describe('...')
      .memory({ free: 0, reserves: 1 })
      .mutex('i_mutex')
      .process('victim', { pages: 8 }, (p) =>
        p.thread('T1', [exit()], { memdie: true }).thread('T3', [alloc(1), upWrite('mmap_sem'), exit()], { holds: [{ lock: 'mmap_sem', mode: 'write' }], fatalSignal: true }),
      )
      .design('reaper-slot')
      .properties('no-oom-livelock')
      .expect('reaper-slot', { 'no-oom-livelock': 'violated' })
      .build();
    const yaml = [
      'name: name',
      "description: '...'",
      'memory: { free: 0, reserves: 1 }',
      'locks: [{ name: i_mutex, kind: mutex }]',
      'processes:',
      '  - name: victim',
      '    pages: 8',
      '    threads:',
      '      - { name: T1, program: [{ op: exit }], start: { memdie: true } }',
      '      - name: T3',
      '        program: [{ op: alloc, pages: 1 }, { op: up_write, lock: mmap_sem }, { op: exit }]',
      '        start: { holds: [{ lock: mmap_sem, mode: write }], fatalSignal: true }',
      'designs: [{ preset: reaper-slot }]',
      'properties: [no-oom-livelock]',
      'expect: { reaper-slot: { no-oom-livelock: violated } }',
    ];
    expect(built).toStrictEqual(loadScenarioText(yaml.join('\n'), 'doc.yaml'));
    expect(built.processes[0].threads[0].start).toEqual({ memdie: true, fatalSignal: true });
  });

  test('build() validates like the loader: every problem, at its path, in file <builder>', () => {
    const build = (): unknown =>
      scenario('s')
        .memory({ free: 0, reserves: -1 })
        .process('victim', { pages: 8 }, (p) => p.thread('T1', [mutexUnlock('i_mutex'), alloc(0)]).thread('T1', [downWrite('mmap_sem'), exit()]))
        .design('reaper-slot', { reaperRetries: 0 })
        .build();
    expect(build).toThrow(ScenarioError);
    expect(build).toThrow(
      [
        "<builder>: missing required field 'description'",
        '<builder>: at processes[0].threads[0].program[1].pages: expected an integer ≥ 1, got 0',
        "<builder>: at processes[0].threads[1].name: duplicate thread name 'T1' (also at processes[0].threads[0].name)",
        '<builder>: at memory.reserves: expected an integer ≥ 0, got -1',
        '<builder>: at designs[0].knobs.reaperRetries: knob reaperRetries: 0 is not one of 1..10',
      ].join('\n'),
    );
    const semantic = (): unknown =>
      scenario('s')
        .describe('d')
        .memory({ free: 0, reserves: 0 })
        .mutex('i_mutex')
        .process('victim', { pages: 8 }, (p) => p.thread('T2', [mutexLock('i_mutex'), alloc(1), mutexUnlock('i_mutex'), mutexUnlock('i_mutex')]).thread('T3', [downWrite('mmap_sem'), exit()]))
        .build();
    expect(semantic).toThrow(
      [
        '<builder>: at processes[0].threads[0].program[3]: mutex_unlock(i_mutex) but T2 does not hold i_mutex',
        '<builder>: at processes[0].threads[1].program[1]: exit while T3 holds mmap_sem for write: a task must release its locks before exiting',
      ].join('\n'),
    );
  });

  test('builders are immutable: a base can branch into variants', () => {
    const base = scenario('s').describe('d').memory({ free: 1, reserves: 0 });
    const one = base.process('a', { pages: 1 }, (p) => p.thread('A', [alloc(1)]));
    const two = one.process('b', { pages: 2 }, (p) => p.thread('B', [alloc(1)]));
    expect(one.build().processes.map((p) => p.name)).toEqual(['a']);
    expect(two.build().processes.map((p) => p.name)).toEqual(['a', 'b']);
    expect(() => base.build()).toThrow('<builder>: at processes: expected a non-empty list of processes, got an empty list');
  });
});
