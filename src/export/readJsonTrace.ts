import { type Layout, type Path, AllocStage, ExitMmapStage, type KernelState } from '../kernel/index.js';
import { maxInt32, type JsonReader } from './jsonReader.js';
import { checkLoop, hasExitFields, hasExitMmapFields, hasMemcgFields, headerFields, mmRecordFields, mmState, readHeader, withReapedSinceAttempt } from './readHeader.js';
import type { TraceDocument, TraceDocumentStep } from './traceDocument.js';

/** The state's fields in format version 1; version 2 adds `memcgs` and `spuriousError`. */
const stateFieldsV1 = ['tasks', 'mms', 'locks', 'oomLock', 'free', 'reserves', 'reaper', 'panicked', 'needlessKill'];
const stateFieldsV2 = ['tasks', 'mms', 'locks', 'memcgs', 'oomLock', 'free', 'reserves', 'reaper', 'panicked', 'needlessKill', 'spuriousError'];
/** Version 3 adds the state's `raceKill`. */
const stateFields = [...stateFieldsV2, 'raceKill'];

/** A task's fields in format version 1; version 2 adds `charged` and `inFault`. */
const taskFieldsV1 = ['pc', 'exiting', 'exited', 'alloc', 'fatalSignal', 'memdie', 'memdieAborts'];
const taskFieldsV2 = [...taskFieldsV1, 'charged', 'inFault'];
/** Version 4 adds a task's `reapedSinceAttempt` and an mm's `exitMmap`. */
const taskFields = [...taskFieldsV2, 'reapedSinceAttempt'];

/**
 * A kernel state as oomcheck's JSON writes it, checked against the
 * scenario's layout: as many tasks, mms, locks and memcgs as it has, every
 * field of the right type and in range (a pc within the program, task
 * indices of its tasks). A state of format `version` 1 has no memcg
 * fields: they get their initial values (no charge in progress, no fault,
 * no memcgs, no spurious error).
 */
export function readJsonState(r: JsonReader, value: unknown, path: Path, layout: Layout, version: number): KernelState {
  const n = layout.tasks.length;
  const memcgFields = hasMemcgFields(version);
  const exitFields = hasExitFields(version);
  const exitMmapFields = hasExitMmapFields(version);
  const task = (v: unknown, p: Path): number => r.integer(v, p, -1, n - 1);
  const s = r.record(value, path, { required: exitFields ? stateFields : memcgFields ? stateFieldsV2 : stateFieldsV1 }, 'a kernel state');
  const at = (...rest: (string | number)[]): Path => [...path, ...rest];
  const tasks = r.list(s.tasks, at('tasks'), 'tasks', n).map((v, i) => {
    const t = r.record(v, at('tasks', i), { required: exitMmapFields ? taskFields : memcgFields ? taskFieldsV2 : taskFieldsV1 }, 'a task state');
    return {
      pc: r.integer(t.pc, at('tasks', i, 'pc'), 0, layout.tasks[i].program.length),
      exiting: r.boolean(t.exiting, at('tasks', i, 'exiting')),
      exited: r.boolean(t.exited, at('tasks', i, 'exited')),
      alloc: r.oneOf(t.alloc, at('tasks', i, 'alloc'), Object.values(AllocStage)),
      fatalSignal: r.boolean(t.fatalSignal, at('tasks', i, 'fatalSignal')),
      memdie: r.boolean(t.memdie, at('tasks', i, 'memdie')),
      memdieAborts: r.integer(t.memdieAborts, at('tasks', i, 'memdieAborts'), 0),
      charged: memcgFields && r.boolean(t.charged, at('tasks', i, 'charged')),
      inFault: memcgFields && r.boolean(t.inFault, at('tasks', i, 'inFault')),
      reapedSinceAttempt: exitMmapFields && r.boolean(t.reapedSinceAttempt, at('tasks', i, 'reapedSinceAttempt')),
    };
  });
  const mms = r.list(s.mms, at('mms'), 'mms (one per mm: per process, less those sharing one)', layout.mms.length).map((v, i) => {
    const m = r.record(v, at('mms', i), mmRecordFields(exitMmapFields), 'an mm state');
    const exitMmap = exitMmapFields ? r.oneOf(m.exitMmap, at('mms', i, 'exitMmap'), Object.values(ExitMmapStage)) : ExitMmapStage.None;
    return mmState(m, (name) => r.boolean(m[name], at('mms', i, name)), exitMmap);
  });
  const locks = r.list(s.locks, at('locks'), 'locks', layout.locks.length).map((v, i) => {
    const l = r.record(v, at('locks', i), { required: ['writer', 'readers'] }, 'a lock state');
    return { writer: task(l.writer, at('locks', i, 'writer')), readers: r.integer(l.readers, at('locks', i, 'readers'), 0, Math.min(maxInt32, 2 ** n - 1)) };
  });
  const memcgs = !memcgFields
    ? []
    : r.list(s.memcgs, at('memcgs'), 'memcgs', layout.memcgs.length).map((v, i) => {
        const m = r.record(v, at('memcgs', i), { required: ['usage', 'limit', 'oomLock'] }, 'a memcg state');
        return { usage: r.integer(m.usage, at('memcgs', i, 'usage'), 0), limit: r.integer(m.limit, at('memcgs', i, 'limit'), 0), oomLock: task(m.oomLock, at('memcgs', i, 'oomLock')) };
      });
  const reaper = r.record(s.reaper, at('reaper'), { required: ['current', 'attempts', 'head', 'next'] }, 'the reaper state');
  return {
    tasks,
    mms,
    locks,
    memcgs,
    oomLock: task(s.oomLock, at('oomLock')),
    free: r.integer(s.free, at('free'), 0),
    reserves: r.integer(s.reserves, at('reserves'), 0),
    reaper: {
      current: task(reaper.current, at('reaper', 'current')),
      attempts: r.integer(reaper.attempts, at('reaper', 'attempts'), 0),
      head: task(reaper.head, at('reaper', 'head')),
      next: r.list(reaper.next, at('reaper', 'next'), 'next pointers (one per task)', n).map((v, i) => task(v, at('reaper', 'next', i))),
    },
    panicked: r.boolean(s.panicked, at('panicked')),
    needlessKill: r.boolean(s.needlessKill, at('needlessKill')),
    spuriousError: memcgFields && r.boolean(s.spuriousError, at('spuriousError')),
    raceKill: exitFields && r.boolean(s.raceKill, at('raceKill')),
  };
}

/**
 * Reads oomcheck's JSON trace format (see `jsonExporter` and
 * `schema/trace.schema.json`) from parsed JSON. Checks, besides the
 * structure, what replay relies on: one more state than steps, each
 * step's actor name matching its index, a loop exactly for liveness.
 * Reads the previous format version too (see `readableSchemaVersions`),
 * giving a document of the current one.
 * @throws {TraceFileError} at the first problem
 */
export function readJsonTrace(r: JsonReader, value: unknown): TraceDocument {
  if (typeof value === 'object' && value !== null && Object.hasOwn(value, 'vars') && Object.hasOwn(value, 'states')) {
    r.fail([], 'this looks like an ITF trace: ITF files end in .itf.json');
  }
  const map = r.record(value, [], { required: [...headerFields, 'states', 'steps', 'summary'], optional: ['loop'] }, 'an oomcheck trace');
  const { header, layout, version } = readHeader(r, map, []);
  const steps = r.list(map.steps, ['steps'], 'steps').map((v, i): TraceDocumentStep => {
    const s = r.record(v, ['steps', i], { required: ['actor', 'actorIndex', 'label'] }, 'a step { actor, actorIndex, label }');
    const actor = r.string(s.actor, ['steps', i, 'actor']);
    const actorIndex = r.integer(s.actorIndex, ['steps', i, 'actorIndex'], 0, header.actors.length - 1);
    if (header.actors[actorIndex] !== actor) r.fail(['steps', i, 'actor'], `actor ${actorIndex} is ${header.actors[actorIndex]}, not ${actor}`);
    return { actor, actorIndex, label: r.string(s.label, ['steps', i, 'label']) };
  });
  const states = r.list(map.states, ['states'], 'states', steps.length + 1).map((v, i) => readJsonState(r, v, ['states', i], layout, version));
  const loop = checkLoop(r, map.loop, ['loop'], header.property.kind, steps.length);
  const summary = r.string(map.summary, ['summary']);
  withReapedSinceAttempt(header, version, states, steps);
  return { ...header, states, steps, ...(loop === undefined ? {} : { loop }), summary };
}
