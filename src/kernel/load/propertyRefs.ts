import { isPerTaskProperty, parsePropertyRef, perTaskPropertyNames, propertyNames } from '../propertyNames.js';
import { suggestion } from './suggest.js';

/**
 * Why `ref` is not a property reference of this scenario, or `undefined`
 * if it is one: the property must be known, a thread only given to a
 * per-task property, and declared.
 * @param threads the scenario's thread names; `undefined` when they cannot be read (threads are then not judged)
 */
export function checkPropertyRef(ref: string, threads: ReadonlySet<string> | undefined): string | undefined {
  const { property, thread } = parsePropertyRef(ref);
  if (!(propertyNames as readonly string[]).includes(property)) return `unknown property '${property}'${suggestion(property, propertyNames)}`;
  if (thread !== undefined && !isPerTaskProperty(property)) return `'${property}' is not checked per task, so '[${thread}]' cannot restrict it (per-task: ${perTaskPropertyNames.join(', ')})`;
  if (thread !== undefined && threads && !threads.has(thread)) return `no thread named '${thread}' (in '${ref}')${suggestion(thread, [...threads])}`;
  return undefined;
}
