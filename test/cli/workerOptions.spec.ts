import { availableParallelism } from 'node:os';
import { describe, expect, test } from 'vitest';
import { workersFrom } from '../../src/cli/workerOptions.js';
import { run } from './runCapture.js';

describe('check --workers', () => {
  test.each([
    [['--workers', '0'], '--workers must be a positive integer or auto, got "0"'],
    [['--workers', 'x'], '--workers must be a positive integer or auto, got "x"'],
    [['--workers', '1.5'], '--workers must be a positive integer or auto, got "1.5"'],
    [['--workers', ''], '--workers must be a positive integer or auto, got ""'],
    [['--workers', '2', '--coverage'], '--workers 2: --dump and --coverage see every state on one thread; drop --workers or them'],
    [['--workers', '2', '--dump', 'dot'], '--workers 2: --dump and --coverage see every state on one thread; drop --workers or them'],
  ])('%j: usage error, exit 2, nothing searched', (args, message) => {
    expect(run('check', 'tetsuo-t1-t2-t3', ...args)).toEqual({ code: 2, out: '', err: `oomcheck: ${message}` });
  });

  test('a count, auto (the cores node may use), or 1 when not given', () => {
    expect([workersFrom({ workers: '3' }), workersFrom({ workers: 'auto' }), workersFrom({})]).toEqual([3, availableParallelism(), 1]);
    expect(workersFrom({ workers: '1', coverage: true })).toBe(1);
  });
});
