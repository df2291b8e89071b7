import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { replayUsage } from '../../src/cli/replayCommand.js';
import { itfExporter } from '../../src/export/itf.js';
import { jsonExporter } from '../../src/export/json.js';
import type { TraceDocument } from '../../src/export/traceDocument.js';
import { deadlockTrace, livelockTrace, panicTrace } from '../export/traces.js';
import { run } from './runCapture.js';

const dir = mkdtempSync(join(tmpdir(), 'oomcheck-replay-'));

/** Writes `doc` as `name` (the extension picks the format) and returns the path. */
function write(name: string, doc: TraceDocument): string {
  const path = join(dir, name);
  writeFileSync(path, (name.endsWith('.itf.json') ? itfExporter : jsonExporter).render(doc));
  return path;
}

describe('oomcheck replay FILE', () => {
  test('a confirmed violation exits with its TLC code: 13 liveness, 12 invariant, 11 deadlock', () => {
    expect(run('replay', write('livelock.json', livelockTrace()))).toEqual({
      code: 13,
      out: 'replayed 19 steps: no-oom-livelock[H] still violated (After 16 steps, the last 3 steps repeat forever, a fair cycle (strong fairness: every task and the reaper that can run keeps running); H stays in the page allocator forever: an OOM livelock)',
      err: '',
    });
    expect(run('replay', write('livelock.itf.json', livelockTrace())).code).toBe(13);
    expect(run('replay', write('panic.itf.json', panicTrace()))).toEqual({ code: 12, out: 'replayed 10 steps: no-panic still violated (After 10 steps the kernel panics)', err: '' });
    expect(run('replay', write('deadlock.json', deadlockTrace()))).toEqual({
      code: 11,
      out: 'replayed 2 steps: no-deadlock still violated (After 2 steps every unfinished task is asleep and nothing can move: a deadlock)',
      err: '',
    });
  });

  test('a divergence or a trace that no longer violates exits 1', () => {
    const edited = livelockTrace();
    (edited.states[5] as { free: number }).free = 3;
    expect(run('replay', write('edited.itf.json', edited))).toEqual({
      code: 1,
      out: [
        'diverged at step 5 of 19: step 5 (T3: no memory: mutex_trylock(&oom_lock) ok) leads to another state: free differs (free is 3 in the trace, 0 on replay)',
        '  trace:  free = 3',
        '  replay: free = 0',
      ].join('\n'),
      err: '',
    });
    const cut = panicTrace();
    (cut.steps as unknown[]).pop();
    (cut.states as unknown[]).pop();
    expect(run('replay', write('cut.json', cut))).toEqual({ code: 1, out: 'replayed 9 steps: no-panic no longer violated: the last state (state 9) satisfies it', err: '' });
  });

  test('bad input exits 2 with one line: file, place, cause', () => {
    const missing = join(dir, 'missing.json');
    expect(run('replay', missing)).toEqual({ code: 2, out: '', err: `oomcheck: ${missing}: file not found` });
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{\n  "schemaVersion": 1,\n  "tool": \n}\n');
    expect(run('replay', broken)).toEqual({ code: 2, out: '', err: `oomcheck: ${broken}:4:1: JSON syntax error: unexpected '}': expected a value` });
    const wrongVersion = join(dir, 'v3.json');
    writeFileSync(wrongVersion, jsonExporter.render(livelockTrace()).replace('"schemaVersion": 2', '"schemaVersion": 3'));
    expect(run('replay', wrongVersion)).toEqual({ code: 2, out: '', err: `oomcheck: ${wrongVersion}:2:20: at schemaVersion: unsupported schema version 3 (this oomcheck reads versions 1 and 2)` });
    expect(run('replay', join(dir, 'trace.txt')).err).toBe(`oomcheck: ${join(dir, 'trace.txt')}: unknown trace format: a trace file ends in .json (oomcheck) or .itf.json (ITF)`);
    expect(run('replay')).toEqual({ code: 2, out: '', err: 'oomcheck: replay takes one trace file, got 0 (see oomcheck replay --help)' });
    expect(run('replay', 'a.json', 'b.json').code).toBe(2);
    expect(run('replay', '--format', 'x').code).toBe(2);
  });

  test('help', () => {
    expect(run('help', 'replay')).toEqual({ code: 0, out: replayUsage, err: '' });
    expect(run('replay', '--help').out).toBe(replayUsage);
    expect(run('--help').out).toContain('\n  replay FILE          re-execute a counterexample (.json or .itf.json) and confirm it\n');
  });
});
