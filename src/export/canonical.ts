import { knobSpecs, type Knobs, operandsOf, type Op, type ProcessSpec, type Scenario, type ThreadSpec, type AllocStage, type KernelState } from '../kernel/index.js';
import type { TraceDocument } from './traceDocument.js';

/*
 * Rebuilds trace data with its keys in the order of the TypeScript types,
 * so that rendering is deterministic whatever order the data was built or
 * read in (the state codec, for one, decodes task fields in another order).
 * Optional fields stay absent when absent.
 */

/** `value` with only the keys present, in `order`. */
function ordered<T extends object>(value: T, order: readonly (keyof T)[]): T {
  const out: Partial<T> = {};
  for (const key of order) if (value[key] !== undefined) out[key] = value[key];
  return out as T;
}

/** `op` with only its declared operands, in the order its declaration lists them (required, then optional). */
function canonicalOp(op: Op): Op {
  return ordered<Readonly<Record<string, unknown>>>(op, ['op', ...operandsOf(op.op)]) as Op;
}

function canonicalThread(t: ThreadSpec): ThreadSpec {
  const start = t.start && ordered({ ...t.start, holds: t.start.holds?.map((h) => ({ lock: h.lock, mode: h.mode })) }, ['pc', 'holds', 'fatalSignal', 'memdie']);
  return ordered({ name: t.name, program: t.program.map(canonicalOp), start, cpu: t.cpu, policy: t.policy, rtPriority: t.rtPriority }, ['name', 'program', 'start', 'cpu', 'policy', 'rtPriority']);
}

function canonicalProcess(p: ProcessSpec): ProcessSpec {
  return ordered({ ...p, threads: p.threads.map(canonicalThread) }, ['name', 'memcg', 'pages', 'unreapable', 'mm', 'vfork', 'oomScoreAdj', 'threads']);
}

/** A scenario in the order of {@link Scenario} (design knob overrides and expectations keep their own order). */
export function canonicalScenario(s: Scenario): Scenario {
  return ordered(
    {
      ...s,
      processes: s.processes.map(canonicalProcess),
      locks: s.locks.map((l) => ({ name: l.name, kind: l.kind })),
      memcgs: s.memcgs?.map((m) => ordered({ ...m }, ['name', 'limit', 'oomKillDisable', 'maxOvercharge'])),
      memory: { free: s.memory.free, reserves: s.memory.reserves },
      designs: s.designs?.map((d) => ordered({ preset: d.preset, knobs: d.knobs }, ['preset', 'knobs'])),
      reach: s.reach?.map((q) => ordered({ ...q }, ['name', 'condition', 'expect'])),
    },
    ['name', 'description', 'source', 'processes', 'locks', 'memcgs', 'memory', 'cpus', 'designs', 'properties', 'expect', 'reach'],
  );
}

/** Every knob, in registry order. */
export function canonicalKnobs(knobs: Knobs): Knobs {
  return Object.fromEntries(knobSpecs.map((k) => [k.name, knobs[k.name]])) as Knobs;
}

/** A kernel state in the order of {@link KernelState}. */
export function canonicalState(s: KernelState): KernelState {
  return {
    tasks: s.tasks.map((t) => ({
      pc: t.pc,
      exiting: t.exiting,
      exited: t.exited,
      alloc: t.alloc as AllocStage,
      fatalSignal: t.fatalSignal,
      memdie: t.memdie,
      memdieAborts: t.memdieAborts,
      charged: t.charged,
      inFault: t.inFault,
      reapedSinceAttempt: t.reapedSinceAttempt,
    })),
    mms: s.mms.map((m) => ({ freed: m.freed, reaped: m.reaped, flagged: m.flagged, oomKilled: m.oomKilled, victim: m.victim, exitMmap: m.exitMmap, notReapable: m.notReapable })),
    locks: s.locks.map((l) => ({ writer: l.writer, readers: l.readers })),
    memcgs: s.memcgs.map((m) => ({ usage: m.usage, limit: m.limit, oomLock: m.oomLock })),
    oomLock: s.oomLock,
    free: s.free,
    reserves: s.reserves,
    reaper: { current: s.reaper.current, attempts: s.reaper.attempts, head: s.reaper.head, next: [...s.reaper.next] },
    panicked: s.panicked,
    needlessKill: s.needlessKill,
    spuriousError: s.spuriousError,
    raceKill: s.raceKill,
  };
}

/** The document's header — everything but states, steps and loop — in the order of {@link TraceDocument}. */
export function canonicalHeader(doc: TraceDocument): Pick<TraceDocument, 'schemaVersion' | 'tool' | 'scenario' | 'design' | 'property' | 'actors'> {
  return {
    schemaVersion: doc.schemaVersion,
    tool: { name: doc.tool.name, version: doc.tool.version },
    scenario: ordered({ ...doc.scenario, content: canonicalScenario(doc.scenario.content) }, ['name', 'file', 'sha256', 'content']),
    design: { name: doc.design.name, preset: doc.design.preset, knobs: canonicalKnobs(doc.design.knobs) },
    property: ordered({ ...doc.property }, ['name', 'failing', 'kind', 'fairness', 'condition']),
    actors: [...doc.actors],
  };
}

/** The whole document in the order of {@link TraceDocument}. */
export function canonicalDocument(doc: TraceDocument): TraceDocument {
  return ordered(
    {
      ...canonicalHeader(doc),
      states: doc.states.map(canonicalState),
      steps: doc.steps.map((s) => ({ actor: s.actor, actorIndex: s.actorIndex, label: s.label })),
      loop: doc.loop,
      summary: doc.summary,
    },
    ['schemaVersion', 'tool', 'scenario', 'design', 'property', 'actors', 'states', 'steps', 'loop', 'summary'],
  );
}
