import { describe, expect, test } from 'vitest';
import { mermaidExporter } from '../../src/export/mermaid.js';
import { stepParts } from '../../src/export/stepParts.js';
import type { TraceDocument } from '../../src/export/traceDocument.js';
import { allTraces, livelockTrace, needlessKillTrace } from './traces.js';

/** One parsed statement of a sequence diagram; `text` as Mermaid draws it (entity codes decoded, line breaks as spaces). */
interface Statement {
  readonly kind: 'participant' | 'message' | 'note' | 'loop' | 'end';
  readonly ids: readonly string[];
  readonly raw: string;
  readonly text: string;
  readonly inLoop: boolean;
}

const decode = (raw: string) => raw.replace(/<br\/>/g, ' ').replace(/#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

/**
 * The statements of `diagram`, checked against the rules of Mermaid's
 * sequence-diagram grammar that the exporter relies on (mermaid-cli is not
 * installed): one statement per line, only these five forms, participant
 * ids declared before use and never starting with a keyword, loops closed,
 * and no raw character that ends or comments out a text (`;`, `#`, `%`) or
 * that reaches the HTML (`"`, `<`, `>`, `&`) outside entity codes and
 * `<br/>`; no `style`/`classDef`, whose lines Mermaid's preprocessor edits.
 */
function parse(diagram: string): Statement[] {
  const lines = diagram.split('\n');
  expect(lines[0]).toBe('sequenceDiagram');
  expect(lines[lines.length - 1]).toBe('');
  const declared = new Set<string>();
  const statements: Statement[] = [];
  let depth = 0;
  const checkText = (raw: string) => {
    expect(raw.replace(/<br\/>/g, '').replace(/#\d+;/g, '')).not.toMatch(/[;#%"<>&\n]/);
    expect(raw).not.toMatch(/style|classDef/);
    return decode(raw);
  };
  const use = (id: string) => {
    expect(declared.has(id), `participant ${id} used before it is declared`).toBe(true);
    return id;
  };
  for (const line of lines.slice(1, -1)) {
    let m: RegExpExecArray | null;
    const inLoop = depth > 0;
    if ((m = /^ {4}participant (\w+) as (.+)$/.exec(line))) {
      expect(m[1]).toMatch(/^(t\d+|oom|reaper|mm\d+)$/);
      declared.add(m[1]);
      statements.push({ kind: 'participant', ids: [m[1]], raw: m[2], text: checkText(m[2]), inLoop });
    } else if ((m = /^ {4,8}(\w+)(->>|-->>|-x)(\w+): (.+)$/.exec(line))) {
      statements.push({ kind: 'message', ids: [use(m[1]), use(m[3])], raw: m[4], text: checkText(m[4]), inLoop });
    } else if ((m = /^ {4,8}Note over (\w+)(?:,(\w+))?: (.+)$/.exec(line))) {
      statements.push({ kind: 'note', ids: [use(m[1]), ...(m[2] ? [use(m[2])] : [])], raw: m[3], text: checkText(m[3]), inLoop });
    } else if ((m = /^ {4}loop (.+)$/.exec(line))) {
      expect(depth).toBe(0);
      depth++;
      statements.push({ kind: 'loop', ids: [], raw: m[1], text: checkText(m[1]), inLoop });
    } else if (line === '    end') {
      expect(depth).toBe(1);
      depth--;
      statements.push({ kind: 'end', ids: [], raw: '', text: '', inLoop });
    } else {
      throw new Error(`not a statement the exporter should write: ${JSON.stringify(line)}`);
    }
  }
  expect(depth).toBe(0);
  return statements;
}

describe('the Mermaid exporter', () => {
  test('names its format and extension', () => {
    expect([mermaidExporter.format, mermaidExporter.extension]).toEqual(['mermaid', '.mmd']);
  });

  test("renders Tetsuo's livelock exactly", async () => {
    await expect(mermaidExporter.render(livelockTrace())).toMatchFileSnapshot('expected/livelock.mmd');
  });

  test('renders the needless kill under reaper-slot exactly', async () => {
    await expect(mermaidExporter.render(needlessKillTrace())).toMatchFileSnapshot('expected/needless-kill.mmd');
  });

  test('draws the OOM killer as a lane: the call, the kill, the lost or delivered wake-up, the return', () => {
    const lines = mermaidExporter.render(livelockTrace()).split('\n');
    const call = lines.indexOf('    t2->>oom: 7. out_of_memory()');
    expect(lines.slice(call, call + 5)).toEqual([
      '    t2->>oom: 7. out_of_memory()',
      '    Note over oom: select_bad_process() picks victim (8 points)',
      '    oom->>t1: SIGKILL to victim, mark_oom_victim(T2)',
      '    oom->>reaper: wake_oom_reaper(T2): task_to_reap = T2',
      '    oom-->>t2: returns, then mutex_unlock(#38;oom_lock)',
    ]);
    // The reaper's slot busy with T1 before step 7: the model itself drops the wake-up (the label says so too).
    const busy = { ...livelockTrace() };
    busy.states = busy.states.map((s, i) => (i === 6 ? { ...s, reaper: { ...s.reaper, current: 0 } } : s));
    busy.steps = busy.steps.map((s, i) => (i === 6 ? { ...s, label: s.label.replace('task_to_reap = T2', 'slot busy with T1, dropped') } : s));
    expect(mermaidExporter.render(busy)).toContain('    oom-xreaper: wake_oom_reaper(T2): slot busy with T1, dropped\n');
  });

  for (const [name, doc] of Object.entries(allTraces())) {
    describe(`on the ${name} trace`, () => {
      const diagram = mermaidExporter.render(doc);
      const statements = parse(diagram);
      const parts = stepParts(doc);

      test('declares the tasks, the OOM killer and the reaper, in that order, and opens with the title', () => {
        const names = statements.filter((s) => s.kind === 'participant').map((s) => s.text);
        expect(names.slice(0, parts.length === 0 ? undefined : doc.actors.length + 1)).toEqual([...doc.actors.slice(0, -1), 'OOM killer', 'oom_reaper']);
        const summary = statements.find((s) => s.kind === 'note')!;
        expect(summary.text.startsWith(`${doc.scenario.name} under ${doc.design.name}: ${doc.property.name} violated `)).toBe(true);
      });

      test('numbers every step exactly once, in order, with its own text; the OOM killer parts follow it', () => {
        const numbered = statements.map((s, i) => ({ s, i, n: /^(\d+)\. /.exec(s.text)?.[1] })).filter((x) => x.n !== undefined);
        expect(numbered.map((x) => Number(x.n))).toEqual(parts.map((p) => p.number));
        for (const part of parts) {
          const { s, i } = numbered[part.number - 1];
          expect(s.text).toBe(`${part.number}. ${part.oomKiller.length > 0 ? part.own.replace(/; (mutex_unlock\(&oom_lock\)|mem_cgroup_oom_unlock\(\))$/, '') : part.own}`);
          const following = statements
            .slice(i + 1, numbered[part.number]?.i ?? statements.length)
            .map((x) => x.text)
            .join(' | ');
          for (const f of part.oomKiller) expect(following).toContain(f);
        }
      });

      test('wraps exactly the cycle in one loop', () => {
        const loops = statements.filter((s) => s.kind === 'loop');
        const numberedInLoop = statements.filter((s) => /^\d+\. /.test(s.text)).map((s) => s.inLoop);
        if (doc.loop === undefined || doc.loop === doc.steps.length) {
          expect(loops).toEqual([]);
        } else {
          expect(loops.map((l) => l.text)).toEqual([`forever: steps ${doc.loop + 1}–${doc.steps.length} repeat`]);
          expect(numberedInLoop).toEqual(parts.map((p) => p.number > doc.loop!));
        }
      });

      test('is deterministic, also after a JSON round trip of the document', () => {
        expect(mermaidExporter.render(JSON.parse(JSON.stringify(doc)) as TraceDocument)).toBe(diagram);
      });
    });
  }

  test('a stuttering lasso ends with a "nothing can move any more" note and no loop', () => {
    const doc = { ...needlessKillTrace(), loop: 16, property: { ...needlessKillTrace().property, kind: 'liveness' as const, fairness: 'strong' as const } };
    const statements = parse(mermaidExporter.render(doc));
    expect(statements.some((s) => s.kind === 'loop')).toBe(false);
    expect(statements[statements.length - 1].text).toBe('⟳ after step 16 nothing can move any more');
  });

  test('escapes what Mermaid chokes on in names, labels and the summary', () => {
    const doc = livelockTrace();
    const nasty = 'end; #x "y" <z> & 50%% style: a#b;';
    const threads = doc.scenario.content.processes[1].threads.map((t) => ({ ...t, name: nasty }));
    const processes = [doc.scenario.content.processes[0], { ...doc.scenario.content.processes[1], threads }];
    const steps = doc.steps.map((s, i) => (i === 16 ? { ...s, label: `no memory; ${nasty}` } : s));
    const hostile: TraceDocument = { ...doc, steps, scenario: { ...doc.scenario, name: nasty, content: { ...doc.scenario.content, processes } } };
    const statements = parse(mermaidExporter.render(hostile));
    expect(statements.find((s) => s.kind === 'participant' && s.ids[0] === 't3')!.text).toBe(nasty);
    expect(statements.some((s) => s.text === `17. no memory; ${nasty}`)).toBe(true);
  });
});

describe('the oom_lock holder that sleeps in out_of_memory() (before 4.19, with cpus)', () => {
  test('is drawn still inside out_of_memory() after its kill; a later step returns from it', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = JSON.parse(readFileSync('counterexamples/cve-2016-10723/linux-4.14/no-oom-livelock.json', 'utf8')) as TraceDocument;
    const text = decode(mermaidExporter.render(doc));
    expect(text).toContain('Note over t3: still in out_of_memory(): schedule_timeout_killable(1) with oom_lock held\n');
    expect(text).not.toContain('returns, then schedule_timeout_killable(1)');
    expect(text).toContain('timer fires: L woken (runnable), oom_lock still held');
  });
});
