import { DesignError, resolveDesign } from '../design/design.js';
import { knobSpecs } from '../design/knobs/index.js';
import { presets } from '../design/presets/index.js';
import type { DesignChoice } from '../scenario.js';
import { formatPath, type Path } from './path.js';
import type { Problems } from './problems.js';
import { describeValue, isMapping, readList, readMapping, readString } from './readValues.js';

/** The fields of a design choice. */
export const designFields = { required: ['preset'], optional: ['knobs'] } as const;

/** What {@link readDesigns} found. */
export interface DesignsRead {
  /** Every design, or `undefined` if any is wrong. */
  readonly designs: readonly DesignChoice[] | undefined;
  /** Their names as `resolveDesign` prints them (`reaper-slot+reaperRetries=3`), when all resolve. */
  readonly names: readonly string[] | undefined;
}

/** The message of a DesignError, which names its own guess or the known names (`resolveDesign`). */
function designMessage(error: unknown): string {
  if (!(error instanceof DesignError)) throw error;
  return error.message;
}

/**
 * `designs`: a non-empty list of `{ preset, knobs }`, each resolved with
 * `resolveDesign`; its DesignErrors become problems at the preset or at
 * the knob (`designs[1].knobs.reaperRetries`). Two entries may not
 * resolve to the same design name.
 */
export function readDesigns(value: unknown, path: Path, problems: Problems): DesignsRead {
  const items = readList(value, path, problems, 'designs ({ preset, knobs })', true);
  if (!items) return { designs: undefined, names: undefined };
  const presetNames = presets.map((p) => p.name);
  const knobNames: readonly string[] = knobSpecs.map((k) => k.name);
  const seen = new Map<string, Path>();
  const results = items.map((item, i) => {
    const at = [...path, i];
    const before = problems.count;
    const map = readMapping(item, at, problems, designFields, 'a design such as { preset: reaper-slot }');
    if (!map) return undefined;
    let preset = Object.hasOwn(map, 'preset') ? readString(map.preset, [...at, 'preset'], problems, true) : undefined;
    if (preset !== undefined) {
      try {
        resolveDesign(preset);
      } catch (error) {
        problems.add([...at, 'preset'], designMessage(error));
        preset = undefined;
      }
    }
    const knobs: Record<string, string | number | boolean> = {};
    if (Object.hasOwn(map, 'knobs')) {
      const knobMap = map.knobs;
      if (!isMapping(knobMap)) problems.add([...at, 'knobs'], `expected a mapping of knob values, got ${describeValue(knobMap)}`);
      for (const [name, v] of Object.entries(isMapping(knobMap) ? knobMap : {})) {
        try {
          resolveDesign(preset ?? presetNames[0], { [name]: v }); // a knob's range does not depend on the preset
          Object.defineProperty(knobs, name, { value: v, enumerable: true, writable: true, configurable: true });
        } catch (error) {
          problems.add([...at, 'knobs', name], designMessage(error), knobNames.includes(name) ? 'value' : 'key');
        }
      }
    }
    if (problems.count > before || preset === undefined) return undefined;
    const design = resolveDesign(preset, knobs);
    const first = seen.get(design.name);
    if (first !== undefined) {
      problems.add(at, `duplicate design '${design.name}' (also at ${formatPath(first)})`);
      return undefined;
    }
    seen.set(design.name, at);
    const choice: DesignChoice = Object.hasOwn(map, 'knobs') ? { preset, knobs } : { preset };
    return { choice, name: design.name };
  });
  if (!results.every((r) => r !== undefined)) return { designs: undefined, names: undefined };
  return { designs: results.map((r) => r!.choice), names: results.map((r) => r!.name) };
}
