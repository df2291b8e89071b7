import { kernelPropertyNamed } from '../../properties/index.js';
import type { Fairness } from '../engine/index.js';
import { defaultKnobs, knobSpecs, parsePropertyRef, presetNamed } from '../kernel/index.js';
import type { TraceDocument } from './traceDocument.js';

/**
 * What a trace was checked under, in words for the human formats: the
 * design's preset and the knobs that differ from their defaults, the
 * property's meaning, the fairness.
 */
export interface CheckedUnder {
  /** The preset's one-line title and citation, e.g. `first OOM reaper (…) (aac453635549 …)`; empty for an unknown preset. */
  readonly presetTitle: string;
  /** `name=value` of each knob the preset sets away from its default (and no override changes), in knob order. */
  readonly presetKnobs: readonly string[];
  /** `name=value` of each knob whose value differs from the preset's (overrides, e.g. `exitTakesMmapSem=false`), in knob order. */
  readonly overrides: readonly string[];
  /** What the property checks, without a fairness note (printed apart). */
  readonly propertyMeaning: string;
  /** The fairness, e.g. `strong: …`; undefined for a safety trace. */
  readonly fairness?: string;
}

const meanings: Record<Fairness, string> = {
  strong: 'every task and the reaper that can run does run, and no task waits forever for a lock that keeps being released',
  weak: 'every task and the reaper that stays able to run does run; a task may lose a lock race forever',
  none: 'any infinite execution counts, even one where a runnable task never runs',
};

/**
 * What a fairness assumption means in the kernel model: `every task and
 * the reaper that can run does run, …`; with `cpus` (a scenario with
 * CPUs) "can run" is said to mean "the scheduler would run it".
 */
export function fairnessMeaning(fairness: Fairness, cpus = false): string {
  return cpus && fairness !== 'none' ? `${meanings[fairness]}; a task can run when the scheduler would run it, not while runnable tasks of higher priority fill its CPUs` : meanings[fairness];
}

/** The design, property and fairness of `doc`, in words. */
export function checkedUnder(doc: TraceDocument): CheckedUnder {
  const preset = presetNamed(doc.design.preset);
  const defaults: Readonly<Record<string, unknown>> = defaultKnobs();
  const fromPreset: Record<string, unknown> = { ...defaults, ...(preset?.knobs ?? {}) };
  const knobs: Readonly<Record<string, unknown>> = doc.design.knobs;
  const pair = (name: string) => `${name}=${String(knobs[name])}`;
  const names = knobSpecs.map((k) => k.name);
  const base = parsePropertyRef(doc.property.failing).property;
  const summary = kernelPropertyNamed(base)?.summary ?? doc.property.failing;
  return {
    presetTitle: preset ? `${preset.title} (${preset.cite})` : '',
    presetKnobs: names.filter((n) => knobs[n] === fromPreset[n] && knobs[n] !== defaults[n]).map(pair),
    overrides: names.filter((n) => knobs[n] !== fromPreset[n]).map(pair),
    propertyMeaning: summary.replace(/ \((strong|weak) fairness\)$/, ''),
    ...(doc.property.kind === 'liveness' ? { fairness: `${doc.property.fairness ?? 'strong'} (${fairnessMeaning(doc.property.fairness ?? 'strong', (doc.scenario.content.cpus ?? 0) > 0)})` } : {}),
  };
}
