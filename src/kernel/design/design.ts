import { defaultKnobs, knobNamed, knobSpecs, type Knobs } from './knobs/index.js';
import { describeValues, knobAccepts } from './knob.js';
import { presetNamed, presets } from './presets/index.js';
import { suggestion } from '../load/suggest.js';

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
      `unknown design preset '${presetName}'${suggestion(
        presetName,
        presets.map((p) => p.name),
      )}`,
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
    if (!knobAccepts(knob, value)) throw new DesignError(`knob ${name}: ${JSON.stringify(value)} is not one of ${describeValues(knob)}`);
    knobs[name] = value;
    suffix.push(`+${name}=${String(value)}`);
  }
  return { name: preset.name + suffix.join(''), preset: preset.name, knobs: knobs as Knobs };
}
