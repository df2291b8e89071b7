import { describe, expect, test } from 'vitest';
import { formatPath } from '../../../src/kernel/load/path.js';
import { formatProblem, ScenarioError } from '../../../src/kernel/load/scenarioError.js';
import { validateScenario } from '../../../src/kernel/load/validateScenario.js';

describe('ScenarioError', () => {
  test('paths read like code: fields dotted, indices bracketed, other keys quoted', () => {
    expect(formatPath(['processes', 0, 'threads', 2, 'program', 1, 'lock'])).toBe('processes[0].threads[2].program[1].lock');
    expect(formatPath(['expect', 'reaper-slot', 'no-oom-livelock'])).toBe('expect["reaper-slot"]["no-oom-livelock"]');
    expect(formatPath(['designs', 0, 'knobs', 'reaperRetries'])).toBe('designs[0].knobs.reaperRetries');
    expect(formatPath([])).toBe('');
  });

  test('one line per problem: FILE:LINE:COL: at PATH: message, leaving out what is unknown', () => {
    expect(formatProblem({ file: 'x.yaml', path: 'memory.free', line: 4, column: 9, message: 'm' })).toBe('x.yaml:4:9: at memory.free: m');
    expect(formatProblem({ file: 'x.yaml', path: '', line: 1, column: 1, message: 'm' })).toBe('x.yaml:1:1: m');
    expect(formatProblem({ file: '<builder>', path: 'memory.free', message: 'm' })).toBe('<builder>: at memory.free: m');
    expect(formatProblem({ file: 'x.yaml', path: '', message: 'file not found' })).toBe('x.yaml: file not found');
  });

  test('problems are sorted by position; its message is the formatted list', () => {
    const error = new ScenarioError([
      { file: 'x.yaml', path: 'b', line: 9, column: 1, message: 'second' },
      { file: 'x.yaml', path: 'c', message: 'no line' },
      { file: 'x.yaml', path: 'a', line: 2, column: 5, message: 'first' },
    ]);
    expect(error.format()).toBe(['x.yaml:2:5: at a: first', 'x.yaml:9:1: at b: second', 'x.yaml: at c: no line'].join('\n'));
    expect(error.message).toBe(error.format());
    expect(error.name).toBe('ScenarioError');
    expect(error).toBeInstanceOf(Error);
  });

  test('validating plain data (no file) gives paths without lines', () => {
    expect(() => validateScenario({ name: 's', description: 'd', locks: [], memory: { free: 0 }, processes: 'none' }, { file: '<data>' })).toThrow(
      ['<data>: at processes: expected a list of processes, got "none"', "<data>: at memory: missing required field 'reserves'"].join('\n'),
    );
    expect(() => validateScenario(null, { file: '<data>' })).toThrow('<data>: expected a scenario (a mapping with name, description, processes, locks, memory), got null');
  });
});
