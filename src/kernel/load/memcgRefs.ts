import type { Path } from './path.js';
import { suggestion } from './suggest.js';

/** A declared memcg's limit (`undefined` if unreadable) and where it is written. */
export interface DeclaredLimit {
  readonly limit: number | undefined;
  /** `['memcgs', i, 'limit']`. */
  readonly path: Path;
}

/** The memcgs a scenario declares, for references to them. */
export interface DeclaredMemcgs {
  /** Whether the scenario has a `memcgs` list at all. */
  readonly listed: boolean;
  /** Each declared memcg by name, or `undefined` if some entry is unreadable (references are then not judged). */
  readonly limits: ReadonlyMap<string, DeclaredLimit> | undefined;
}

/** The memcgs of a scenario without a `memcgs` list. */
export const noMemcgs: DeclaredMemcgs = { listed: false, limits: new Map() };

/**
 * Why `name` does not name a declared memcg, or `undefined` if it does
 * (or if the list is too broken to tell).
 */
export function checkMemcgRef(name: string, declared: DeclaredMemcgs): string | undefined {
  if (!declared.listed) return `no memcg named '${name}': no memcgs are declared (add a top-level memcgs list)`;
  const { limits } = declared;
  if (limits === undefined || limits.has(name)) return undefined;
  return `no memcg named '${name}' is declared in memcgs${suggestion(name, [...limits.keys()])}`;
}
