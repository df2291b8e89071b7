import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { replayUsage } from '../../src/cli/replayCommand.js';
import { itfExporter } from '../../src/export/itf.js';
import { jsonExporter } from '../../src/export/json.js';
import type { TraceDocument } from '../../src/export/traceDocument.js';
import { deadlockTrace, livelockTrace, panicTrace } from '../export/traces.js';
import { version } from '../../src/packageRoot.js';
import { run } from './runCapture.js';

const dir = mkdtempSync(join(tmpdir(), 'oomcheck-replay-'));

/** Writes `doc` as `name` (the extension picks the format), as this oomcheck would, and returns the path. */
function write(name: string, doc: TraceDocument): string {
  const path = join(dir, name);
  writeFileSync(path, (name.endsWith('.itf.json') ? itfExporter : jsonExporter).render({ ...doc, tool: { ...doc.tool, version: version() } }));
  return path;
}

describe('oomcheck replay FILE', () => {
  test('a confirmed violation exits with its TLC code: 13 liveness, 12 invariant, 11 deadlock', () => {
    expect(run('replay', write('livelock.json', livelockTrace()))).toEqual({
      code: 13,
      out: 'replayed 19 steps: no-oom-livelock[H] still violated (after 16 steps, the last 3 steps repeat forever, a fair cycle (strong fairness: every task and the reaper that can run keeps running); H stays in the page allocator forever: an OOM livelock)',
      err: '',
    });
    expect(run('replay', write('livelock.itf.json', livelockTrace())).code).toBe(13);
    expect(run('replay', write('panic.itf.json', panicTrace()))).toEqual({ code: 12, out: 'replayed 10 steps: no-panic still violated (after 10 steps the kernel panics)', err: '' });
    expect(run('replay', write('deadlock.json', deadlockTrace()))).toEqual({
      code: 11,
      out: 'replayed 2 steps: no-deadlock still violated (after 2 steps every unfinished task is asleep and nothing can move: a deadlock)',
      err: '',
    });
  });

  test('a trace of another oomcheck version: a note says its labels are not compared; its states replay', () => {
    const old = new URL('../check/fixtures/oomcheck-0.1.0-needless-kill.json', import.meta.url).pathname;
    const r = run('replay', old);
    // The tetsuo scenario has gained a reach: section since, so its sha256 note comes first.
    expect([r.code, r.out.split('\n').slice(0, 2), r.err]).toEqual([
      12,
      [
        'note: scenarios/tetsuo-t1-t2-t3.yaml has changed since the trace was written (its sha256 differs): replayed against the scenario embedded in the trace',
        `note: written by oomcheck 0.1.0: its step labels are not compared (their wording may differ from ${version()}'s), only its actors and states`,
      ],
      '',
    ]);
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
    writeFileSync(wrongVersion, jsonExporter.render(livelockTrace()).replace('"schemaVersion": 5', '"schemaVersion": 6'));
    expect(run('replay', wrongVersion)).toEqual({
      code: 2,
      out: '',
      err: `oomcheck: ${wrongVersion}:2:20: at schemaVersion: unsupported schema version 6 (this oomcheck reads versions 1, 2, 3, 4 and 5)`,
    });
    expect(run('replay', join(dir, 'trace.txt')).err).toBe(`oomcheck: ${join(dir, 'trace.txt')}: unknown trace format: a trace file ends in .json (oomcheck) or .itf.json (ITF)`);
    expect(run('replay')).toEqual({ code: 2, out: '', err: 'oomcheck: replay takes one trace file, got 0 (see oomcheck replay --help)' });
    expect(run('replay', 'a.json', 'b.json').code).toBe(2);
    expect(run('replay', '--format', 'x').code).toBe(2);
  });

  test('help', () => {
    expect(run('help', 'replay')).toEqual({ code: 0, out: replayUsage, err: '' });
    expect(run('replay', '--help').out).toBe(replayUsage);
    expect(run('--help').out).toContain('\n  replay FILE          re-execute a counterexample (.json or .itf.json) and\n                       confirm it\n');
  });
});

describe('oomcheck replay: what the trace file says is checked, not trusted', () => {
  test("a forged summary is never printed: the verdict's words come from the replayed trace", () => {
    const forged = { ...deadlockTrace(), summary: 'the property actually HOLDS' };
    expect(run('replay', write('forged.json', forged))).toEqual({
      code: 11,
      out: 'replayed 2 steps: no-deadlock still violated (after 2 steps every unfinished task is asleep and nothing can move: a deadlock)',
      err: '',
    });
  });

  test('an embedded scenario edited after writing is refused (exit 1), for a file and for a scenario built in code', () => {
    const fromFile = livelockTrace();
    const edited = { ...fromFile, scenario: { ...fromFile.scenario, content: { ...fromFile.scenario.content, description: 'edited' } } };
    expect(run('replay', write('edited-scenario.json', edited))).toEqual({
      code: 1,
      out: 'not replayed: the embedded scenario differs from scenarios/tetsuo-t1-t2-t3.yaml, whose sha256 the trace records: the trace was edited',
      err: '',
    });
    const inCode = deadlockTrace();
    expect(inCode.scenario.file).toBeUndefined();
    const editedInCode = { ...inCode, scenario: { ...inCode.scenario, content: { ...inCode.scenario.content, description: 'edited' } } };
    expect(run('replay', write('edited-code.json', editedInCode))).toEqual({ code: 1, out: 'not replayed: the embedded scenario does not match its recorded sha256: the trace was edited', err: '' });
  });

  test('a scenario file that changed on disk, or is not here, is noted and the embedded scenario replayed', () => {
    const trace = livelockTrace();
    const moved = { ...trace, scenario: { ...trace.scenario, file: join(dir, 'nowhere.yaml') } };
    expect(run('replay', write('moved.json', moved)).out.split('\n')[0]).toBe(
      `note: ${join(dir, 'nowhere.yaml')} is not here: replayed against the scenario embedded in the trace, unchecked against its sha256`,
    );
    const changedFile = join(dir, 'changed.yaml');
    writeFileSync(changedFile, 'name: changed\n');
    const changed = { ...trace, scenario: { ...trace.scenario, file: changedFile } };
    const r = run('replay', write('changed.json', changed));
    expect([r.code, r.out.split('\n')[0]]).toEqual([13, `note: ${changedFile} has changed since the trace was written (its sha256 differs): replayed against the scenario embedded in the trace`]);
  });

  test('--steps (-p) prints every replayed step before the verdict, as spin -t -p does', () => {
    const r = run('replay', '-p', write('steps.json', deadlockTrace()));
    expect(r.out.split('\n')).toEqual([
      `1  ${deadlockTrace().steps[0].actor}: ${deadlockTrace().steps[0].label}`,
      `2  ${deadlockTrace().steps[1].actor}: ${deadlockTrace().steps[1].label}`,
      'replayed 2 steps: no-deadlock still violated (after 2 steps every unfinished task is asleep and nothing can move: a deadlock)',
    ]);
    expect(r.code).toBe(11);
  });

  test('--steps names each actor once: the reaper taking a victim reads "oom_reaper: takes V off…"', () => {
    const r = run('replay', '-p', 'counterexamples/cve-2016-10723/linux-4.14/no-oom-livelock.json');
    expect(r.out.split('\n')[15]).toBe('16  oom_reaper: takes V off the head of oom_reaper_list');
  });
});
