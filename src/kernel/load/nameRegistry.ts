import { formatPath, type Path } from './path.js';
import type { Problems } from './problems.js';

/**
 * The names declared in one list (processes, threads, memcgs): remembers
 * the first path of each, to report duplicates, and whether every name
 * could be read (references to an incomplete list are not judged).
 */
export class NameRegistry {
  private readonly first = new Map<string, Path>();
  private complete = true;

  /** @param what the kind of name, for messages: `duplicate ${what} name 'x'` */
  constructor(private readonly what: string) {}

  /** Notes a name that could not be read. */
  missing(): void {
    this.complete = false;
  }

  /** Every name, if all could be read. */
  names(): ReadonlySet<string> | undefined {
    return this.complete ? new Set(this.first.keys()) : undefined;
  }

  /** Reports `name` at `path` if it was seen before; returns whether it is new. */
  claim(name: string, path: Path, problems: Problems): boolean {
    const earlier = this.first.get(name);
    if (earlier !== undefined) {
      problems.add(path, `duplicate ${this.what} name '${name}' (also at ${formatPath(earlier)})`);
      return false;
    }
    this.first.set(name, path);
    return true;
  }
}
