import type { MemcgSpec } from '../scenario.js';
import type { DeclaredMemcgs } from './memcgRefs.js';
import { NameRegistry } from './nameRegistry.js';
import type { Path } from './path.js';
import type { Problems } from './problems.js';
import { readBoolean, readList, readMapping, readPages, readString } from './readValues.js';

/** The fields of a memcg declaration. */
export const memcgFields = { required: ['name', 'limit'], optional: ['oomKillDisable', 'maxOvercharge'] } as const;

/** What {@link readMemcgs} found. */
export interface MemcgsRead {
  /** Every memcg, or `undefined` if any is wrong. */
  readonly memcgs: readonly MemcgSpec[] | undefined;
  /** The declared memcgs, for references to them. */
  readonly declared: DeclaredMemcgs;
}

/**
 * `memcgs`: a list of `{ name, limit, oomKillDisable?, maxOvercharge? }`,
 * names non-empty, unique and without '.', `limit` and `maxOvercharge`
 * integers ≥ 0, `oomKillDisable` a boolean. Each memcg carries only the
 * fields given.
 */
export function readMemcgs(value: unknown, path: Path, problems: Problems): MemcgsRead {
  const items = readList(value, path, problems, 'memcgs ({ name, limit })');
  if (!items) return { memcgs: undefined, declared: { listed: true, limits: undefined } };
  const names = new NameRegistry('memcg');
  const limits = new Map<string, { limit: number | undefined; path: Path }>();
  const memcgs = items.map((item, i): MemcgSpec | undefined => {
    const at = [...path, i];
    const before = problems.count;
    const map = readMapping(item, at, problems, memcgFields, 'a memcg such as { name: grp, limit: 8 }');
    if (!map) {
      names.missing();
      return undefined;
    }
    const has = (field: string): boolean => Object.hasOwn(map, field);
    const name = has('name') ? readMemcgName(map.name, [...at, 'name'], problems) : undefined;
    const limit = has('limit') ? readPages(map.limit, [...at, 'limit'], problems, 0) : undefined;
    if (name === undefined) names.missing();
    else if (names.claim(name, [...at, 'name'], problems)) limits.set(name, { limit, path: [...at, 'limit'] });
    const oomKillDisable = has('oomKillDisable') ? readBoolean(map.oomKillDisable, [...at, 'oomKillDisable'], problems) : undefined;
    const maxOvercharge = has('maxOvercharge') ? readPages(map.maxOvercharge, [...at, 'maxOvercharge'], problems, 0) : undefined;
    if (problems.count > before || name === undefined || limit === undefined) return undefined;
    return {
      name,
      limit,
      ...(has('oomKillDisable') ? { oomKillDisable } : {}),
      ...(has('maxOvercharge') ? { maxOvercharge } : {}),
    };
  });
  const complete = memcgs.every((m) => m !== undefined);
  return { memcgs: complete ? (memcgs as MemcgSpec[]) : undefined, declared: { listed: true, limits: names.names() && limits } };
}

function readMemcgName(value: unknown, path: Path, problems: Problems): string | undefined {
  const name = readString(value, path, problems, true);
  if (name?.includes('.')) {
    problems.add(path, `a memcg name cannot contain '.' ('${name}')`);
    return undefined;
  }
  return name;
}
