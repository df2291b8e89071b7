/**
 * Where a value sits in a scenario document: the keys and list indices
 * from the top, e.g. `['processes', 0, 'threads', 2, 'program', 1, 'lock']`.
 */
export type Path = readonly (string | number)[];

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * `path` as users read it: `processes[0].threads[2].program[1].lock`.
 * Keys that are not identifiers (design and property names) are quoted:
 * `expect["reaper-slot"]["no-oom-livelock"]`. The empty path is `''`.
 */
export function formatPath(path: Path): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (identifier.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
