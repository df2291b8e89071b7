import type { ExpectedVerdicts } from '../scenario.js';
import type { Path } from './path.js';
import type { Problems } from './problems.js';
import { checkPropertyRef } from './propertyRefs.js';
import { describeValue, isMapping, readChoice } from './readValues.js';
import { suggestion } from './suggest.js';

/** Verdicts an author can expect. */
export const verdicts = ['holds', 'violated'] as const;

/** Defines `key` as data (a key named `__proto__` stays a key). */
function put<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * `expect`: design name → property → `holds` | `violated`. Each design
 * name must be one the scenario checks: one of `designNames` (its
 * `designs`, as `resolveDesign(...).name` prints them, e.g.
 * `reaper-slot+reaperRetries=3`) or, without `designs`, a preset name.
 * Each property must be a property reference and, when the scenario
 * lists `properties`, one of them.
 * @param designNames `undefined` when the designs are broken (keys are then not judged)
 * @param checked the scenario's `properties`, if it lists them
 * @param threads the scenario's thread names, if readable
 */
export function readExpect(
  value: unknown,
  path: Path,
  problems: Problems,
  designNames: readonly string[] | undefined,
  checked: readonly string[] | undefined,
  threads: ReadonlySet<string> | undefined,
): ExpectedVerdicts | undefined {
  if (!isMapping(value)) {
    problems.add(path, `expected a mapping of design → property → verdict, got ${describeValue(value)}`);
    return undefined;
  }
  const before = problems.count;
  const out: Record<string, Record<string, 'holds' | 'violated'>> = {};
  for (const [design, byProperty] of Object.entries(value)) {
    const at = [...path, design];
    if (designNames && !designNames.includes(design)) {
      problems.add(at, `design '${design}' is not checked by this scenario${suggestion(design, designNames)}`, 'key');
    }
    if (!isMapping(byProperty)) {
      problems.add(at, `expected a mapping of property → verdict, got ${describeValue(byProperty)}`);
      continue;
    }
    const verdictOf: Record<string, 'holds' | 'violated'> = {};
    for (const [property, verdict] of Object.entries(byProperty)) {
      const propertyAt = [...at, property];
      const problem = checkPropertyRef(property, threads);
      if (problem !== undefined) problems.add(propertyAt, problem, 'key');
      else if (checked && !checked.includes(property)) {
        problems.add(propertyAt, `property '${property}' is not checked by this scenario${suggestion(property, checked)}`, 'key');
      }
      const v = readChoice(verdict, propertyAt, problems, verdicts);
      if (v !== undefined) put(verdictOf, property, v);
    }
    put(out, design, verdictOf);
  }
  return problems.count > before ? undefined : out;
}
