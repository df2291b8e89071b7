import { parseCondition } from '../reach/parseCondition.js';
import type { ConditionNames } from '../reach/condition.js';
import type { ReachAnswer, ReachQuery } from '../scenario.js';
import { NameRegistry } from './nameRegistry.js';
import type { Path } from './path.js';
import type { Problems } from './problems.js';
import { isMapping, readChoice, readList, readMapping, readString } from './readValues.js';
import { suggestion } from './suggest.js';

/** The fields of a reach query. */
export const reachFields = { required: ['name', 'condition'], optional: ['expect'] } as const;

/** The answers an author can expect of a reach query. */
export const reachAnswers = ['reachable', 'unreachable'] as const;

/** Defines `key` as data (a key named `__proto__` stays a key). */
function put<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

function readAnswers(value: unknown, path: Path, problems: Problems, designNames: readonly string[] | undefined): ReachQuery['expect'] {
  if (!isMapping(value)) return readChoice(value, path, problems, reachAnswers);
  const out: Record<string, ReachAnswer> = {};
  for (const [design, answer] of Object.entries(value)) {
    if (designNames && !designNames.includes(design)) problems.add([...path, design], `design '${design}' is not checked by this scenario${suggestion(design, designNames)}`, 'key');
    const a = readChoice(answer, [...path, design], problems, reachAnswers);
    if (a !== undefined) put(out, design, a);
  }
  return out;
}

/**
 * `reach`: a list of witness queries `{ name, condition, expect }`, names
 * unique; each condition parsed (see `parseCondition`) against the
 * scenario's names — a mistake is reported at the condition with its
 * column in it. `expect` is `reachable` or `unreachable` under every
 * design, or a mapping of design names (as `expect:` writes them) to
 * answers.
 * @param names the scenario's names; lists that could not be read are left out (not judged)
 * @param designNames `undefined` when the designs are broken (keys are then not judged)
 */
export function readReach(value: unknown, path: Path, problems: Problems, names: ConditionNames, designNames: readonly string[] | undefined): readonly ReachQuery[] | undefined {
  const items = readList(value, path, problems, 'reach queries ({ name, condition, expect })', true);
  if (!items) return undefined;
  const before = problems.count;
  const registry = new NameRegistry('reach query');
  const queries = items.map((item, i): ReachQuery | undefined => {
    const at = [...path, i];
    const map = readMapping(item, at, problems, reachFields, 'a reach query such as { name: two-victims, condition: "2 tasks have TIF_MEMDIE", expect: unreachable }');
    if (!map) return undefined;
    const name = Object.hasOwn(map, 'name') ? readString(map.name, [...at, 'name'], problems, true) : undefined;
    if (name !== undefined) registry.claim(name, [...at, 'name'], problems);
    const condition = Object.hasOwn(map, 'condition') ? readString(map.condition, [...at, 'condition'], problems, true) : undefined;
    if (condition !== undefined) {
      const parsed = parseCondition(condition, names);
      if (!parsed.ok) problems.add([...at, 'condition'], `column ${parsed.column} of the condition: ${parsed.message}`);
    }
    const expect = Object.hasOwn(map, 'expect') ? readAnswers(map.expect, [...at, 'expect'], problems, designNames) : undefined;
    if (name === undefined || condition === undefined) return undefined;
    return { name, condition, ...(expect !== undefined ? { expect } : {}) };
  });
  // No new problem: every query was read.
  return problems.count > before ? undefined : (queries as ReachQuery[]);
}
