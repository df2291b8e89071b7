import { kernelPropertyNamed } from '../../properties/index.js';
import {
  parsePropertyRef,
  knobAccepts,
  describeValues,
  knobNamed,
  knobSpecs,
  type KnobName,
  type Knobs,
  resolveDesign,
  presetNamed,
  presets,
  ScenarioError,
  formatPath,
  type Path,
  validateScenario,
  layoutOf,
  type Layout,
  kernelModel,
  parseReachCondition,
  type KernelState,
  type ExitMmapStage,
} from '../kernel/index.js';
import { isLiveness } from '../engine/index.js';
import { canonicalKnobs } from './canonical.js';
import type { JsonReader } from './jsonReader.js';
import { TRACE_SCHEMA_VERSION, type TraceDocument } from './traceDocument.js';
import { TraceFileError } from './traceFileError.js';

/** What both trace formats record besides states and steps. */
export type TraceHeader = Pick<TraceDocument, 'schemaVersion' | 'tool' | 'scenario' | 'design' | 'property' | 'actors'>;

/**
 * The trace format versions this oomcheck reads: the current one; 4
 * (before `selectTieBreak`) and 3 and 2 (before the knobs each added, which
 * take the trace's preset's values; 3 and 2 also before exit_mmap() in
 * stages); and 1 (before memcgs), whose states lack the memcg fields; the
 * readers fill them with their initial values (see {@link hasMemcgFields}).
 */
export const readableSchemaVersions: readonly number[] = [1, 2, 3, 4, TRACE_SCHEMA_VERSION];

/** Whether a trace of format `version` records the mm's `exitMmap` and the task's `reapedSinceAttempt` (exit_mmap() in stages; version 4 on). */
export function hasExitMmapFields(version: number): boolean {
  return version >= 4;
}

/**
 * The states of a trace of format `version` before 4, with each task's
 * `reapedSinceAttempt` (which those formats do not record) as the model's
 * step from the state before gives it — the bookkeeping of the reaper's
 * window follows from the recorded states, so that the trace replays on
 * them. States of version 4 on are returned as they are.
 */
export function withReapedSinceAttempt(header: TraceHeader, version: number, states: KernelState[], steps: readonly { readonly actorIndex: number }[]): KernelState[] {
  if (hasExitMmapFields(version)) return states;
  const model = kernelModel(header.scenario.content, header.design);
  const enabled: number[] = [];
  for (let k = 1; k < states.length; k++) {
    enabled.length = 0;
    model.actions(states[k - 1], enabled);
    if (!enabled.includes(steps[k - 1].actorIndex)) break;
    const next = model.nextState(states[k - 1], steps[k - 1].actorIndex);
    states[k] = { ...states[k], tasks: states[k].tasks.map((t, i) => ({ ...t, reapedSinceAttempt: next.tasks[i].reapedSinceAttempt })) };
  }
  return states;
}

/** Whether a trace of format `version` records the state's `raceKill` (no-kill-after-race; version 3 on). */
export function hasExitFields(version: number): boolean {
  return version >= 3;
}

/** Whether a trace of format `version` records the memcg fields of the state: task `charged` and `inFault`, `memcgs`, `spuriousError` (version 2 on). */
export function hasMemcgFields(version: number): boolean {
  return version >= 2;
}

/**
 * The knobs a trace of format `version` does not record: those declared
 * with a later `sinceTraceVersion`. They take the trace's preset's value,
 * which is what the model did before they existed.
 */
export function knobsAbsentFrom(version: number): readonly KnobName[] {
  return knobSpecs.filter((k) => (k.sinceTraceVersion ?? 1) > version).map((k) => k.name);
}

/** The knobs trace format 2 added (memcgs and GFP flags): {@link knobsAbsentFrom} version 1. */
export const knobsNewInVersion2: readonly KnobName[] = knobsAbsentFrom(1);

/** The header fields, as they sit in an object (the JSON document's root, or an ITF trace's `#meta`). */
export const headerFields = ['schemaVersion', 'tool', 'scenario', 'design', 'property', 'actors'] as const;

/**
 * Reads and checks the header fields of `map` (at `path`): the schema
 * version (one of {@link readableSchemaVersions}; the header read is of
 * the current version, `version` the file's), the tool, the scenario (validated by the scenario loader), a
 * known preset with a valid value for every knob, a property that the
 * scenario has, and the actors of the scenario.
 * @throws {TraceFileError} at the first problem
 */
export function readHeader(r: JsonReader, map: Record<string, unknown>, path: Path): { header: TraceHeader; layout: Layout; version: number } {
  const at = (field: string): Path => [...path, field];
  const fileVersion = r.integer(map.schemaVersion, at('schemaVersion'), 0);
  if (!readableSchemaVersions.includes(fileVersion)) {
    r.fail(at('schemaVersion'), `unsupported schema version ${fileVersion} (this oomcheck reads versions ${readableSchemaVersions.slice(0, -1).join(', ')} and ${readableSchemaVersions.at(-1)})`);
  }
  const tool = r.record(map.tool, at('tool'), { required: ['name', 'version'] }, 'the tool { name, version }');
  r.oneOf(tool.name, [...at('tool'), 'name'], ['oomcheck']);
  const version = r.string(tool.version, [...at('tool'), 'version']);
  const scenario = readScenario(r, map.scenario, at('scenario'));
  const layout = layoutOf(scenario.content);
  // A version 1 state has no memcgs to fill in: its scenarios could not declare any.
  if (!hasMemcgFields(fileVersion) && layout.memcgs.length > 0) r.fail([...at('scenario'), 'content', 'memcgs'], `a version ${fileVersion} trace cannot have memcgs (they are new in version 2)`);
  const design = readDesign(r, map.design, at('design'), fileVersion);
  const property = readProperty(r, map.property, at('property'), scenario.content, design);
  const actors = r.list(map.actors, at('actors'), 'actor names').map((a, i) => r.string(a, [...at('actors'), i]));
  const expected = [...layout.tasks.map((t) => t.name), 'oom_reaper'];
  if (actors.join('\n') !== expected.join('\n')) r.fail(at('actors'), `the actors of this scenario are ${expected.join(', ')}, not ${actors.join(', ')}`);
  return { header: { schemaVersion: TRACE_SCHEMA_VERSION, tool: { name: 'oomcheck', version }, scenario, design, property, actors }, layout, version: fileVersion };
}

function readScenario(r: JsonReader, value: unknown, path: Path): TraceDocument['scenario'] {
  const map = r.record(value, path, { required: ['name', 'sha256', 'content'], optional: ['file'] }, 'the scenario { name, file, sha256, content }');
  const name = r.string(map.name, [...path, 'name']);
  const file = map.file === undefined ? undefined : r.string(map.file, [...path, 'file']);
  const sha256 = r.string(map.sha256, [...path, 'sha256']);
  if (!/^[0-9a-f]{64}$/.test(sha256)) r.fail([...path, 'sha256'], 'expected 64 lowercase hex digits');
  const contentPath = [...path, 'content'];
  let content;
  try {
    content = validateScenario(map.content, { file: r.file, ...(r.locate ? { locate: (p, at) => r.locate!([...contentPath, ...p], at) } : {}) });
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    // The loader's paths are relative to the scenario: re-root them at scenario.content.
    const prefix = formatPath(contentPath);
    throw new TraceFileError(error.problems.map((p) => ({ ...p, path: p.path === '' ? prefix : p.path.startsWith('[') ? prefix + p.path : `${prefix}.${p.path}` })));
  }
  if (content.name !== name) r.fail([...path, 'name'], `the scenario is named "${content.name}", not "${name}"`);
  return { name, ...(file === undefined ? {} : { file }), sha256, content };
}

function readDesign(r: JsonReader, value: unknown, path: Path, version: number): TraceDocument['design'] {
  const map = r.record(value, path, { required: ['name', 'preset', 'knobs'] }, 'the design { name, preset, knobs }');
  const name = r.string(map.name, [...path, 'name']);
  const preset = r.string(map.preset, [...path, 'preset']);
  if (!presetNamed(preset)) r.fail([...path, 'preset'], `unknown design preset "${preset}"; known: ${presets.map((p) => p.name).join(', ')}`);
  const all: readonly string[] = knobSpecs.map((k) => k.name);
  const absent: readonly string[] = knobsAbsentFrom(version);
  const read = r.record(map.knobs, [...path, 'knobs'], { required: all.filter((k) => !absent.includes(k)) }, 'a value for every knob');
  const fromPreset: Readonly<Record<string, unknown>> = resolveDesign(preset).knobs;
  const knobs: Record<string, unknown> = { ...Object.fromEntries(absent.map((k) => [k, fromPreset[k]])), ...read };
  for (const [knob, v] of Object.entries(knobs)) {
    const spec = knobNamed(knob)!;
    if (!knobAccepts(spec, v)) r.fail([...path, 'knobs', knob], `${JSON.stringify(v)} is not one of ${describeValues(spec)}`);
  }
  return { name, preset, knobs: canonicalKnobs(knobs as Knobs) };
}

function readProperty(r: JsonReader, value: unknown, path: Path, scenario: TraceDocument['scenario']['content'], design: TraceDocument['design']): TraceDocument['property'] {
  const map = r.record(value, path, { required: ['name', 'failing', 'kind'], optional: ['fairness', 'condition'] }, 'the property { name, failing, kind, fairness, condition }');
  const name = r.string(map.name, [...path, 'name']);
  const failing = r.string(map.failing, [...path, 'failing']);
  const kind = r.oneOf(map.kind, [...path, 'kind'], ['safety', 'liveness'] as const);
  const fairness = map.fairness === undefined ? undefined : r.oneOf(map.fairness, [...path, 'fairness'], ['none', 'weak', 'strong'] as const);
  if (map.condition !== undefined || /^reach\[.*\]$/s.test(failing)) return readWitnessProperty(r, map, path, scenario, { name, failing, kind, fairness });
  const ref = parsePropertyRef(failing);
  const property = kernelPropertyNamed(ref.property);
  if (!property) r.fail([...path, 'failing'], `unknown property "${ref.property}"`);
  const engine = property.build(kernelModel(scenario, design), fairness ?? 'strong').find((p) => p.name === failing);
  if (!engine) r.fail([...path, 'failing'], `"${failing}" is not a property of this scenario`);
  const named = parsePropertyRef(name);
  if (named.property !== ref.property || (named.thread !== undefined && name !== failing)) r.fail([...path, 'name'], `"${name}" does not include the failing property "${failing}"`);
  const expected = isLiveness(engine) ? 'liveness' : 'safety';
  if (kind !== expected) r.fail([...path, 'kind'], `${failing} is a ${expected} property`);
  return { name, failing, kind, ...(fairness === undefined ? {} : { fairness }) };
}

/** A witness's property: `reach[NAME]` for name and failing, safety, no fairness, and a condition that parses against the scenario. */
function readWitnessProperty(
  r: JsonReader,
  map: Record<string, unknown>,
  path: Path,
  scenario: TraceDocument['scenario']['content'],
  read: Pick<TraceDocument['property'], 'name' | 'failing' | 'kind' | 'fairness'>,
): TraceDocument['property'] {
  const { name, failing, kind, fairness } = read;
  if (!/^reach\[.*\]$/s.test(failing)) r.fail([...path, 'condition'], `only a witness (reach[NAME]) has a condition, not ${failing}`);
  if (map.condition === undefined) r.fail(path, `missing field "condition": a witness (${failing}) records the condition it reaches`);
  const condition = r.string(map.condition, [...path, 'condition']);
  const parsed = parseReachCondition(scenario, condition);
  if (!parsed.ok) r.fail([...path, 'condition'], `column ${parsed.column} of the condition: ${parsed.message}`);
  if (name !== failing) r.fail([...path, 'name'], `a witness is named as it fails: "${failing}", not "${name}"`);
  if (kind !== 'safety') r.fail([...path, 'kind'], 'a witness is a safety trace (a path to a state)');
  if (fairness !== undefined) r.fail([...path, 'fairness'], 'a witness assumes no fairness');
  return { name, failing, kind, condition };
}

/** Checks that `loop` is given exactly for liveness traces and lies in `0..steps`. */
export function checkLoop(r: JsonReader, loop: unknown, path: Path, kind: 'safety' | 'liveness', steps: number): number | undefined {
  if (loop === undefined) {
    if (kind === 'liveness') r.fail(path.slice(0, -1), `missing field "${String(path[path.length - 1])}": a liveness counterexample is a lasso`);
    return undefined;
  }
  if (kind === 'safety') r.fail(path, 'a safety counterexample has no loop');
  return r.integer(loop, path, 0, steps);
}

/** An mm's boolean fields in a trace's state (`exitMmap` beside them from version 4; `notReapable` may be absent). */
type MmFlagName = 'freed' | 'reaped' | 'flagged' | 'oomKilled' | 'victim' | 'notReapable';

/** The fields an mm record of a trace of `exitMmapFields` (version 4 on) must have, and the one it may have. */
export function mmRecordFields(exitMmapFields: boolean): { required: string[]; optional: string[] } {
  const v1 = ['freed', 'reaped', 'flagged', 'oomKilled', 'victim'];
  return { required: exitMmapFields ? [...v1, 'exitMmap'] : v1, optional: ['notReapable'] };
}

/**
 * An mm's state as both trace readers build it: `flag(name)` reads one
 * boolean at its place (and reports it there), `exitMmap` is read by the
 * caller (JSON and ITF spell it differently); `notReapable` absent is false.
 */
export function mmState(m: Record<string, unknown>, flag: (name: MmFlagName) => boolean, exitMmap: ExitMmapStage): KernelState['mms'][number] {
  return {
    freed: flag('freed'),
    reaped: flag('reaped'),
    flagged: flag('flagged'),
    oomKilled: flag('oomKilled'),
    victim: flag('victim'),
    exitMmap,
    notReapable: m.notReapable !== undefined && flag('notReapable'),
  };
}
