import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { renderTable } from '../../src/export/index.js';
import { run } from './runCapture.js';

/** Tetsuo's T1/T2/T3 scenario as plain data, without its designs, properties and expectations. */
function tetsuo(): Record<string, any> {
  const s = parse(readFileSync('scenarios/tetsuo-t1-t2-t3.yaml', 'utf8'));
  delete s.designs;
  delete s.properties;
  delete s.expect;
  return s;
}

function scenarioFile(dir: string, scenario: unknown): string {
  const file = join(dir, 'scenario.json');
  writeFileSync(file, JSON.stringify(scenario));
  return file;
}

describe('control characters in names reach no output raw', () => {
  test('loader problems stay one line each: unknown keys and names with a newline, CR or ESC', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oomcheck-ctl-'));
    const s = tetsuo();
    s['bad\nkey\x1b[2J'] = 1;
    s.processes[0].threads[1].program[0].lock = 'i_\rmutex\x1b[31m';
    const file = scenarioFile(dir, s);
    const r = run('check', file, '--out', join(dir, 'out'));
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toEqual([
      `oomcheck: ${file}:1:521: at processes[0].threads[1].program[0].lock: mutex_lock(i_\\rmutex\\x1b[31m): no mutex named 'i_\\rmutex\\x1b[31m' is declared in locks; expected one of i_mutex`,
      `oomcheck: ${file}:1:1005: at ["bad\\nkey\\u001b[2J"]: unknown field 'bad\\nkey\\x1b[2J'; expected one of name, description, processes, locks, memory, source, memcgs, designs, properties, expect, reach, cpus`,
    ]);
  });

  test('a command-line value with control characters is echoed visibly', () => {
    const r = run('check', '--property', 'x\n\x1b[2Jy', '--out', join(tmpdir(), 'oomcheck-never'));
    expect(r).toEqual({
      code: 2,
      out: '',
      err: "oomcheck: unknown property 'x\\n\\x1b[2Jy'; expected one of no-deadlock, no-oom-livelock, victim-always-handled, no-needless-kill, no-panic, no-reaper-lockup, no-spurious-enomem, bounded-overcharge, no-kill-after-race (see oomcheck check --help)",
    });
  });

  test('the verdict table writes CR, LF and ESC visibly and keeps its columns', () => {
    expect(renderTable(['scenario', 'x'], [['a\r\nb\x1b[2J', '1']]).split('\n')).toEqual(['scenario       x', '-------------  -', 'a\\r\\nb\\x1b[2J  1']);
  });

  test('check: the table, the Markdown timeline and the Mermaid diagram of a scenario whose names hold newlines, CR and ESC', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oomcheck-ctl-'));
    const s = tetsuo();
    s.name = 'inj\x1b[2J';
    s.processes[0].threads[0].name = 'T\r1';
    s.processes[1].threads[0].name = 'W\n# injected heading';
    const out = join(dir, 'out');
    const r = run('check', scenarioFile(dir, s), '--out', out, '--design', 'no-reaper', '--property', 'no-oom-livelock', '--format', 'md,mermaid', '--quiet');
    expect(r.code).toBe(13);
    expect(r.out.split('\n').slice(0, 3)).toEqual([
      'scenario    design     states  seconds  no-oom-livelock',
      '----------  ---------  ------  -------  ----------------',
      expect.stringMatching(/^inj\\x1b\[2J {2}no-reaper {5}112 {5}\d\.\d\d {2}violated 12 \(T3\)$/),
    ]);
    const folder = join(out, 'inj%1B[2J', 'no-reaper');
    expect(readdirSync(folder).sort()).toEqual(['no-oom-livelock.md', 'no-oom-livelock.mmd']);
    const md = readFileSync(join(folder, 'no-oom-livelock.md'), 'utf8').split('\n');
    expect(md[0]).toBe('# inj\\\\x1b[2J under no-reaper: no-oom-livelock violated');
    expect(md.filter((l) => l.startsWith('#'))).toEqual([md[0], '## Timeline', '## State at the start of the cycle (after step 6)']);
    expect(md).toContain('| step | T\\\\r1 | T2 | T3 | W\\\\n# injected heading | OOM killer | oom_reaper |');
    expect(md).toContain('| 9 | | | | `out_of_memory(); mutex_unlock(&oom_lock)` | `(W\\n# injected heading) select_bad_process() aborts: T\\r1 has TIF_MEMDIE` | |');
    // Every table row of the timeline has its 7 columns.
    const timeline = md.slice(
      md.indexOf('## Timeline') + 1,
      md.findIndex((l, k) => k > md.indexOf('## Timeline') && l.startsWith('## ')),
    );
    const rows = timeline.filter((l) => l.startsWith('|'));
    expect(rows).toHaveLength(17);
    for (const row of rows) expect(row.match(/(?<!\\)\|/g)).toHaveLength(8);
    const mmd = readFileSync(join(folder, 'no-oom-livelock.mmd'), 'utf8');
    expect(mmd.split('\n').slice(0, 7)).toEqual([
      'sequenceDiagram',
      '    participant t0 as T\\r1',
      '    participant t1 as T2',
      '    participant t2 as T3',
      '    participant t3 as W\\n#35; injected heading',
      '    participant oom as OOM killer',
      '    participant reaper as oom_reaper',
    ]);
    for (const c of ['\r', '\x1b']) expect(mmd).not.toContain(c);
    for (const c of ['\r', '\x1b']) expect(md.join('\n')).not.toContain(c);
  });
});
