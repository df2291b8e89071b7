import { type Layout, type Path, type AllocStage, type KernelState, ExitMmapStage } from '../kernel/index.js';
import { itfAllocStages, itfExitMmapStages, itfVars, itfVarsV1, itfVarsV2, opText } from './itf.js';
import { kindOf, maxInt32, type JsonReader } from './jsonReader.js';
import { checkLoop, hasExitFields, hasExitMmapFields, hasMemcgFields, headerFields, mmRecordFields, mmState, readHeader, withReapedSinceAttempt } from './readHeader.js';
import type { TraceDocument, TraceDocumentStep } from './traceDocument.js';

/** A task record's fields in format version 1; version 2 adds `charged` and `inFault`. */
const taskFieldsV1 = ['pc', 'next', 'alloc', 'exiting', 'exited', 'fatalSignal', 'memdie', 'memdieAborts'];
const taskFieldsV2 = [...taskFieldsV1, 'charged', 'inFault'];
/** Version 4 adds a task's `reapedSinceAttempt` and an mm's `exitMmap`. */
const taskFields = [...taskFieldsV2, 'reapedSinceAttempt'];

/** Reads ITF values of one trace (see `itfExporter` for the encoding) of format `version`. */
class ItfValues {
  private readonly memcgFields: boolean;
  private readonly exitFields: boolean;
  private readonly exitMmapFields: boolean;

  constructor(
    private readonly r: JsonReader,
    private readonly layout: Layout,
    version: number,
  ) {
    this.memcgFields = hasMemcgFields(version);
    this.exitFields = hasExitFields(version);
    this.exitMmapFields = hasExitMmapFields(version);
  }

  /** An integer: `{ "#bigint": "-12" }`, or a plain JSON integer (the spec allows both). */
  int(value: unknown, path: Path, min: number, max = maxInt32): number {
    if (typeof value === 'number') return this.r.integer(value, path, min, max);
    const map = this.r.record(value, path, { required: ['#bigint'] }, 'an integer { "#bigint": "…" }');
    const digits = this.r.string(map['#bigint'], [...path, '#bigint']);
    if (!/^-?[0-9]+$/.test(digits)) this.r.fail([...path, '#bigint'], `expected decimal digits, found ${kindOf(digits)}`);
    return this.r.inRange(Number(digits), [...path, '#bigint'], min, max);
  }

  /** A task name, or `""` for none (-1). */
  task(value: unknown, path: Path): number {
    const name = this.r.string(value, path, 'a task name or ""');
    if (name === '') return -1;
    const index = this.layout.tasks.findIndex((t) => t.name === name);
    if (index < 0) this.r.fail(path, `unknown task "${name}"`);
    return index;
  }

  /** A `#map` whose keys are exactly `keys`: its values in the order of `keys`. */
  map(value: unknown, path: Path, keys: readonly string[], what: 'task' | 'process' | 'lock' | 'memcg'): { value: unknown; path: Path }[] {
    const map = this.r.record(value, path, { required: ['#map'] }, `a map { "#map": [...] } by ${what} name`);
    const pairs = this.r.list(map['#map'], [...path, '#map'], `entries, one per ${what}`, keys.length);
    const found = new Map<string, { value: unknown; path: Path }>();
    pairs.forEach((pair, i) => {
      const at = [...path, '#map', i];
      const [key, v] = this.r.list(pair, at, 'parts of a [key, value] pair', 2);
      const name = this.r.string(key, [...at, 0]);
      if (!keys.includes(name)) this.r.fail([...at, 0], `unknown ${what} "${name}"`);
      if (found.has(name)) this.r.fail([...at, 0], `duplicate key "${name}"`);
      found.set(name, { value: v, path: [...at, 1] });
    });
    return keys.map((k) => found.get(k)!);
  }

  /** A `#set` of task names, as a bitmask of task indices. */
  taskSet(value: unknown, path: Path): number {
    const items = this.r.list(this.r.record(value, path, { required: ['#set'] }, 'a set { "#set": [...] } of task names')['#set'], [...path, '#set'], 'task names');
    return items.reduce<number>((mask, item, i) => {
      const t = this.task(item, [...path, '#set', i]);
      if (t === -1 || (mask >> t) & 1) this.r.fail([...path, '#set', i], t === -1 ? 'expected a task name' : `duplicate element "${String(item)}"`);
      return mask | (1 << t);
    }, 0);
  }

  /** One ITF state's kernel variables; a version 1 state's memcg fields get their initial values. */
  state(s: Record<string, unknown>, path: Path): KernelState {
    const { r, layout, memcgFields, exitFields, exitMmapFields } = this;
    const at = (...rest: (string | number)[]): Path => [...path, ...rest];
    const tasks = this.map(
      s.tasks,
      at('tasks'),
      layout.tasks.map((t) => t.name),
      'task',
    ).map(({ value, path: p }, i) => {
      const t = r.record(value, p, { required: exitMmapFields ? taskFields : memcgFields ? taskFieldsV2 : taskFieldsV1 }, 'a task record');
      const program = layout.tasks[i].program;
      const pc = this.int(t.pc, [...p, 'pc'], 0, program.length);
      const next = opText(layout, program[pc]);
      if (r.string(t.next, [...p, 'next']) !== next) r.fail([...p, 'next'], `the operation at pc ${pc} is "${next}", not ${JSON.stringify(t.next)}`);
      return {
        pc,
        exiting: r.boolean(t.exiting, [...p, 'exiting']),
        exited: r.boolean(t.exited, [...p, 'exited']),
        alloc: itfAllocStages.indexOf(r.oneOf(t.alloc, [...p, 'alloc'], itfAllocStages)) as AllocStage,
        fatalSignal: r.boolean(t.fatalSignal, [...p, 'fatalSignal']),
        memdie: r.boolean(t.memdie, [...p, 'memdie']),
        memdieAborts: this.int(t.memdieAborts, [...p, 'memdieAborts'], 0),
        charged: memcgFields && r.boolean(t.charged, [...p, 'charged']),
        inFault: memcgFields && r.boolean(t.inFault, [...p, 'inFault']),
        reapedSinceAttempt: exitMmapFields && r.boolean(t.reapedSinceAttempt, [...p, 'reapedSinceAttempt']),
      };
    });
    const mms = this.map(
      s.mms,
      at('mms'),
      layout.mms.map((p) => p.name),
      'process',
    ).map(({ value, path: p }) => {
      const m = r.record(value, p, mmRecordFields(exitMmapFields), 'an mm record');
      const exitMmap = exitMmapFields ? (itfExitMmapStages.indexOf(r.oneOf(m.exitMmap, [...p, 'exitMmap'], itfExitMmapStages)) as ExitMmapStage) : ExitMmapStage.None;
      return mmState(m, (name) => r.boolean(m[name], [...p, name]), exitMmap);
    });
    const locks = this.map(
      s.locks,
      at('locks'),
      layout.locks.map((l) => l.name),
      'lock',
    ).map(({ value, path: p }) => {
      const l = r.record(value, p, { required: ['writer', 'readers'] }, 'a lock record');
      return { writer: this.task(l.writer, [...p, 'writer']), readers: this.taskSet(l.readers, [...p, 'readers']) };
    });
    const memcgs = !memcgFields
      ? []
      : this.map(
          s.memcgs,
          at('memcgs'),
          layout.memcgs.map((m) => m.name),
          'memcg',
        ).map(({ value, path: p }) => {
          const m = r.record(value, p, { required: ['usage', 'limit', 'oomLock'] }, 'a memcg record');
          return { usage: this.int(m.usage, [...p, 'usage'], 0), limit: this.int(m.limit, [...p, 'limit'], 0), oomLock: this.task(m.oomLock, [...p, 'oomLock']) };
        });
    const reaper = r.record(s.reaper, at('reaper'), { required: ['current', 'attempts', 'head', 'next'] }, 'the reaper record');
    const next = this.map(
      reaper.next,
      at('reaper', 'next'),
      layout.tasks.map((t) => t.name),
      'task',
    ).map(({ value, path: p }) => this.task(value, p));
    return {
      tasks,
      mms,
      locks,
      memcgs,
      oomLock: this.task(s.oomLock, at('oomLock')),
      free: this.int(s.free, at('free'), 0),
      reserves: this.int(s.reserves, at('reserves'), 0),
      reaper: {
        current: this.task(reaper.current, at('reaper', 'current')),
        attempts: this.int(reaper.attempts, at('reaper', 'attempts'), 0),
        head: this.task(reaper.head, at('reaper', 'head')),
        next,
      },
      panicked: r.boolean(s.panicked, at('panicked')),
      needlessKill: r.boolean(s.needlessKill, at('needlessKill')),
      spuriousError: memcgFields && r.boolean(s.spuriousError, at('spuriousError')),
      raceKill: exitFields && r.boolean(s.raceKill, at('raceKill')),
    };
  }
}

/**
 * Reads an ITF trace written by `itfExporter` back into a trace document:
 * the header from `#meta` (without it an ITF trace cannot be replayed),
 * the states from the variables, each step from the `actor` and `action`
 * (`"<actor>: <label>"`) of the state it leads to, and `loop`. Integers may be `#bigint`s or
 * plain JSON integers; other tools' `#meta` fields are ignored. Reads the
 * previous format version too (see `readableSchemaVersions`), giving a
 * document of the current one.
 * @throws {TraceFileError} at the first problem
 */
export function readItfTrace(r: JsonReader, value: unknown): TraceDocument {
  if (typeof value === 'object' && value !== null && Object.hasOwn(value, 'schemaVersion') && !Object.hasOwn(value, 'vars')) {
    r.fail([], 'this looks like an oomcheck JSON trace: those end in .json, ITF traces in .itf.json');
  }
  const root = r.record(value, [], { required: ['vars', 'states'], optional: ['#meta', 'params', 'loop'] }, 'an ITF trace { #meta, vars, states, loop }');
  if (root['#meta'] === undefined) r.fail([], 'missing field "#meta": replay needs the scenario, design and property oomcheck records there');
  const meta = r.record(root['#meta'], ['#meta'], { required: [...headerFields, 'description'], open: true }, 'the trace #meta of an oomcheck ITF trace');
  if (meta.format !== undefined) r.oneOf(meta.format, ['#meta', 'format'], ['ITF']);
  const { header, layout, version } = readHeader(r, meta, ['#meta']);
  const expectedVars: readonly string[] = hasExitFields(version) ? itfVars : hasMemcgFields(version) ? itfVarsV2 : itfVarsV1;
  if (root.params !== undefined) r.list(root.params, ['params'], 'parameters (oomcheck traces have none)', 0);
  const vars = r.list(root.vars, ['vars'], 'variable names').map((v, i) => r.string(v, ['vars', i]));
  const missing = expectedVars.find((v) => !vars.includes(v));
  if (missing) r.fail(['vars'], `missing variable "${missing}"`);
  if (vars.length !== expectedVars.length) r.fail(['vars'], `expected the variables ${expectedVars.join(', ')}`);
  const values = new ItfValues(r, layout, version);
  const states: KernelState[] = [];
  const steps: TraceDocumentStep[] = [];
  r.list(root.states, ['states'], 'states').forEach((v, i) => {
    const s = r.record(v, ['states', i], { required: expectedVars, optional: ['#meta'] }, 'an ITF state');
    if (s['#meta'] !== undefined) {
      const index = r.record(s['#meta'], ['states', i, '#meta'], { required: [], open: true }, 'a state #meta').index;
      if (index !== undefined && index !== i) r.fail(['states', i, '#meta', 'index'], `expected index ${i}, found ${kindOf(index)}`);
    }
    const actor = r.string(s.actor, ['states', i, 'actor']);
    const action = r.string(s.action, ['states', i, 'action']);
    if (i > 0) {
      const actorIndex = header.actors.indexOf(actor);
      if (actorIndex < 0) r.fail(['states', i, 'actor'], `unknown actor "${actor}" (actors: ${header.actors.join(', ')})`);
      if (!action.startsWith(`${actor}: `)) r.fail(['states', i, 'action'], `expected the action of ${actor} ("${actor}: …"), found ${kindOf(action)}`);
      steps.push({ actor, actorIndex, label: action.slice(actor.length + 2) });
    }
    states.push(values.state(s, ['states', i]));
  });
  if (states.length === 0) r.fail(['states'], 'expected at least the initial state');
  const loop = checkLoop(r, root.loop, ['loop'], header.property.kind, steps.length);
  const summary = r.string(meta.description, ['#meta', 'description']);
  withReapedSinceAttempt(header, version, states, steps);
  return { ...header, states, steps, ...(loop === undefined ? {} : { loop }), summary };
}
