import { type Layout, opText, layoutOf, type KernelState } from '../kernel/index.js';
import { canonicalHeader } from './canonical.js';
import type { Exporter } from './exporter.js';
import type { TraceDocument } from './traceDocument.js';

/** The ITF specification (Apalache ADR-015), named in `#meta.format-description`. */
export const itfSpecUrl = 'https://apalache-mc.org/docs/adr/015adr-trace.html';

/** The state variables, in `vars` order. */
export const itfVars = ['action', 'actor', 'tasks', 'mms', 'locks', 'memcgs', 'oomLock', 'free', 'reserves', 'reaper', 'panicked', 'needlessKill', 'spuriousError', 'raceKill'] as const;

export { allocExtras, opText } from '../kernel/index.js';

/** The state variables of trace format version 2 (before `raceKill`), in `vars` order. */
export const itfVarsV2 = itfVars.filter((v) => v !== 'raceKill');

/** The state variables of trace format version 1 (before memcgs), in `vars` order. */
export const itfVarsV1 = ['action', 'actor', 'tasks', 'mms', 'locks', 'oomLock', 'free', 'reserves', 'reaper', 'panicked', 'needlessKill'] as const;

/** `alloc` stages by {@link AllocStage} value. */
export const itfAllocStages = ['none', 'retry', 'lastSecond', 'outOfMemory', 'chargeOom', 'memcgOom', 'memcgWait', 'faultUnwound', 'chargeRetry', 'retrySleep', 'oomSleep', 'oomUnlock'] as const;

/** `exitMmap` stages by {@link ExitMmapStage} value (trace format 4 on). */
export const itfExitMmapStages = ['none', 'begun', 'skipped'] as const;

/** `action` of the initial state (as Quint's `mbt::actionTaken`). */
export const itfInitAction = 'init';

/** An ITF integer. */
export type ItfBigint = { readonly '#bigint': string };
const big = (n: number): ItfBigint => ({ '#bigint': String(n) });

/** One state's variables (without `#meta`). */
function itfState(layout: Layout, s: KernelState, actor: string, action: string): Record<string, unknown> {
  const name = (t: number): string => (t === -1 ? '' : layout.tasks[t].name);
  return {
    action,
    actor,
    tasks: {
      '#map': layout.tasks.map((info, i) => {
        const t = s.tasks[i];
        const record = {
          pc: big(t.pc),
          next: opText(layout, info.program[t.pc]),
          alloc: itfAllocStages[t.alloc],
          exiting: t.exiting,
          exited: t.exited,
          fatalSignal: t.fatalSignal,
          memdie: t.memdie,
          memdieAborts: big(t.memdieAborts),
          charged: t.charged,
          inFault: t.inFault,
          reapedSinceAttempt: t.reapedSinceAttempt,
        };
        return [info.name, record];
      }),
    },
    mms: {
      '#map': layout.mms.map((p, i) => {
        const m = s.mms[i];
        return [p.name, { freed: m.freed, reaped: m.reaped, flagged: m.flagged, oomKilled: m.oomKilled, victim: m.victim, exitMmap: itfExitMmapStages[m.exitMmap], notReapable: m.notReapable }];
      }),
    },
    locks: {
      '#map': layout.locks.map((l, i) => {
        const lock = s.locks[i];
        return [l.name, { writer: name(lock.writer), readers: { '#set': layout.tasks.flatMap((t, ti) => ((lock.readers >> ti) & 1 ? [t.name] : [])) } }];
      }),
    },
    memcgs: {
      '#map': layout.memcgs.map((m, i) => {
        const mc = s.memcgs[i];
        return [m.name, { usage: big(mc.usage), limit: big(mc.limit), oomLock: name(mc.oomLock) }];
      }),
    },
    oomLock: name(s.oomLock),
    free: big(s.free),
    reserves: big(s.reserves),
    reaper: {
      current: name(s.reaper.current),
      attempts: big(s.reaper.attempts),
      head: name(s.reaper.head),
      next: { '#map': layout.tasks.map((t, i) => [t.name, name(s.reaper.next[i])]) },
    },
    panicked: s.panicked,
    needlessKill: s.needlessKill,
    spuriousError: s.spuriousError,
    raceKill: s.raceKill,
  };
}

/** The trace document as an ITF trace object. */
export function toItf(doc: TraceDocument): Record<string, unknown> {
  const layout = layoutOf(doc.scenario.content);
  const header = canonicalHeader(doc);
  return {
    '#meta': {
      format: 'ITF',
      'format-description': itfSpecUrl,
      description: doc.summary,
      source: doc.scenario.file ?? doc.scenario.name,
      ...header,
    },
    vars: [...itfVars],
    states: doc.states.map((s, i) => {
      const step = i === 0 ? undefined : doc.steps[i - 1];
      return { '#meta': { index: i }, ...itfState(layout, s, step?.actor ?? '', step ? `${step.actor}: ${step.label}` : itfInitAction) };
    }),
    ...(doc.loop === undefined ? {} : { loop: doc.loop }),
  };
}

/**
 * Apalache's Informal Trace Format (ADR-015, {@link itfSpecUrl}), for
 * tools of the TLA+/Quint world (the ITF trace viewer, `itf` crates,
 * model-based testing).
 *
 * Trace object: `#meta`, `vars`, `states`, and `loop` for a lasso (the
 * index of the state where the cycle starts; the last state equals
 * `states[loop]`, and `loop` is the last index when the last state
 * stutters). `#meta` holds `format: "ITF"`, `format-description` (the
 * spec's address), `description` (the trace's summary), `source` (the
 * scenario file, or its name) and, so that an ITF file replays on its own
 * (`oomcheck replay FILE.itf.json`), oomcheck's own fields: `schemaVersion`,
 * `tool`, `scenario` (with the whole validated scenario as `content`),
 * `design` (preset and every knob), `property` and `actors`, as in the
 * JSON format. Each state has `#meta: { index }` and every variable.
 *
 * Variables (`vars`), the fields of `KernelState` with every task, mm and
 * lock index replaced by its name (`""` for none: -1) and every integer an
 * ITF `{ "#bigint": "…" }`:
 * - `action` (string): the step that led into this state, actor first
 *   (`"T3: out_of_memory(); …"`; `"init"` in the initial state), and
 *   `actor` (string): who took it (a task name or `oom_reaper`; `""` in
 *   the initial state);
 * - `tasks`: a `#map` from task name to a record `{ pc, next, alloc,
 *   exiting, exited, fatalSignal, memdie, memdieAborts, charged, inFault }`
 *   — `next` is the operation at `pc` ({@link opText}: `"alloc(1)"`, `""`
 *   past the end; for reading only), `alloc` the slow-path stage (`none`,
 *   `retry`, `lastSecond`, `outOfMemory` in the page allocator;
 *   `chargeOom`, `memcgOom`, `memcgWait`, `faultUnwound`, `chargeRetry`
 *   in a memcg charge);
 * - `mms`: a `#map` from process name to `{ freed, reaped, flagged,
 *   oomKilled, victim, exitMmap, notReapable }` (`exitMmap`: none, begun, skipped;
 *   `notReapable` may be absent: false);
 * - `locks`: a `#map` from lock name (the declared mutexes, then
 *   `<process>.mmap_sem`) to `{ writer, readers }`, `readers` a `#set`
 *   of task names;
 * - `memcgs`: a `#map` from memcg name to `{ usage, limit, oomLock }`
 *   (`oomLock` the name of the task holding the memcg's OOM lock); empty
 *   when the scenario has no memcgs;
 * - `oomLock` (holder's name), `free`, `reserves`;
 * - `reaper`: `{ current, attempts, head, next }`, `next` a `#map` from
 *   task name to the name its oom_reaper_list pointer points at;
 * - `panicked`, `needlessKill`, `spuriousError` (booleans).
 *
 * Trace format version 1 had neither `memcgs` nor `spuriousError` nor the
 * task fields `charged` and `inFault` ({@link itfVarsV1}); such traces
 * still read.
 *
 * Maps rather than records keyed by name, because the spec reserves field
 * names starting with `#` and scenario names may start with one.
 */
export const itfExporter: Exporter = {
  format: 'itf',
  extension: '.itf.json',
  render: (doc) => `${JSON.stringify(toItf(doc), null, 2)}\n`,
};
