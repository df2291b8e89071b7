import { formatPath, type Path } from './path.js';
import type { Problems } from './problems.js';
import { checkPropertyRef } from './propertyRefs.js';
import { readList, readString } from './readValues.js';

/**
 * `properties`: a non-empty list of property references, each once:
 * known property names, optionally for one declared thread
 * (`no-oom-livelock[H]`).
 * @param threads the scenario's thread names, if readable
 */
export function readProperties(value: unknown, path: Path, problems: Problems, threads: ReadonlySet<string> | undefined): readonly string[] | undefined {
  const items = readList(value, path, problems, 'property names', true);
  if (!items) return undefined;
  const before = problems.count;
  const refs: string[] = [];
  items.forEach((item, i) => {
    const ref = readString(item, [...path, i], problems, true);
    if (ref === undefined) return;
    const problem = checkPropertyRef(ref, threads);
    if (problem !== undefined) problems.add([...path, i], problem);
    else if (refs.includes(ref)) problems.add([...path, i], `duplicate property '${ref}' (also at ${formatPath([...path, items.indexOf(ref)])})`);
    refs.push(ref);
  });
  return problems.count > before ? undefined : refs;
}
