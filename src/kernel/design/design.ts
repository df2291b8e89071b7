import { defaultKnobs, knobNamed, knobSpecs, type Knobs } from './knobs/index.js';
import { describeValues, knobAccepts } from './knob.js';
import { presetNamed, presets } from './presets/index.js';
import { closest, suggestion } from '../load/suggest.js';

/** A release preset's version, `[4, 19]` for `linux-4.19`; `undefined` for another name. */
function releaseOf(name: string): [number, number] | undefined {
  const m = /^linux-(\d+)\.(\d+)$/.exec(name);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/**
 * For an unknown `linux-X.Y`, the release presets on either side of it
 * (`; the nearest releases modelled are linux-4.17 and linux-4.19`), not
 * the closest spelling (`linux-4.8` for `linux-4.18`).
 */
function releaseNeighbours(name: string): string | undefined {
  const wanted = releaseOf(name);
  if (wanted === undefined) return undefined;
  const key = ([major, minor]: [number, number]) => major * 1000 + minor;
  const releases = presets.flatMap((p) => {
    const r = releaseOf(p.name);
    return r === undefined ? [] : [{ name: p.name, key: key(r) }];
  });
  const below = releases.filter((r) => r.key < key(wanted)).sort((a, b) => b.key - a.key)[0];
  const above = releases.filter((r) => r.key > key(wanted)).sort((a, b) => a.key - b.key)[0];
  const near = [below, above].flatMap((r) => (r === undefined ? [] : [r.name]));
  if (near.length === 0) return undefined;
  return `; no preset models that release: the nearest ${near.length === 1 ? 'is' : 'are'} ${near.join(' and ')}`;
}

/** A resolved design: the preset it starts from and the value of every knob. */
export interface Design {
  /** Preset name, with `+knob=value` for each override (e.g. `reaper-slot+reaperRetries=3`). */
  readonly name: string;
  readonly preset: string;
  readonly knobs: Knobs;
}

/** A design that cannot be built: unknown preset or knob, or a value out of range. */
export class DesignError extends Error {}

/**
 * The design of preset `presetName` with `overrides` applied.
 * @throws {DesignError} naming the unknown preset or knob, or the allowed values.
 */
export function resolveDesign(presetName: string, overrides: Readonly<Record<string, unknown>> = {}): Design {
  const preset = presetNamed(presetName);
  if (!preset)
    throw new DesignError(
      `unknown design preset '${presetName}'${
        releaseNeighbours(presetName) ??
        suggestion(
          presetName,
          presets.map((p) => p.name),
        )
      }`,
    );
  const knobs: Record<string, unknown> = { ...defaultKnobs(), ...preset.knobs };
  const suffix: string[] = [];
  for (const [name, value] of Object.entries(overrides)) {
    const knob = knobNamed(name);
    if (!knob)
      throw new DesignError(
        `unknown knob '${name}'${suggestion(
          name,
          knobSpecs.map((k) => k.name),
        )}`,
      );
    if (!knobAccepts(knob, value)) {
      const guess = typeof value === 'string' && Array.isArray(knob.values) ? closest(value, knob.values.map(String)) : undefined;
      throw new DesignError(`knob ${name}: ${JSON.stringify(value)} is not one of ${describeValues(knob)}${guess === undefined ? '' : `; did you mean '${guess}'?`}`);
    }
    knobs[name] = value;
    suffix.push(`+${name}=${String(value)}`);
  }
  return { name: preset.name + suffix.join(''), preset: preset.name, knobs: knobs as Knobs };
}
