import { type Alias, type Document, isAlias, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { countText } from './documentLimits.js';
import type { Position } from './parseDocument.js';
import type { Path } from './path.js';
import { problemAt, type ScenarioProblem } from './scenarioError.js';

type Entry = { readonly key: unknown; readonly value: unknown };

/** The key of a mapping entry as a string: scalars stringified (`1:` is key `'1'`), collections `undefined`. */
function keyString(key: unknown): string | undefined {
  if (key === null || key === undefined) return 'null';
  if (isScalar(key)) return String(key.value);
  return undefined;
}

/** The entries of a mapping node; a pair alone (`[a: 1]` in a flow list) is a mapping of one entry. */
function entriesOf(node: unknown): readonly Entry[] | undefined {
  if (isMap(node)) return node.items;
  if (isPair(node)) return [node];
  return undefined;
}

/**
 * YAML AST to plain data, reporting what plain data cannot say, and the
 * way back from a path to where it is written. The document has passed
 * `scanDocument`, so nesting is bounded and its recursion is too.
 */
export class PlainValue {
  private readonly ancestors = new Set<unknown>();
  private readonly keyIndex = new Map<unknown, Map<string, Entry>>();
  private budget: number;

  constructor(
    readonly doc: Document,
    private readonly aliasTargets: ReadonlyMap<Alias, Node | undefined>,
    private readonly maxValues: number,
    private readonly file: string,
    private readonly at: (offset: number) => Position,
    private readonly problems: ScenarioProblem[],
  ) {
    this.budget = maxValues;
  }

  /** The node an alias stands for (found by the scan, in one pass over the document). */
  resolve(node: unknown): unknown {
    return isAlias(node) ? this.aliasTargets.get(node) : node;
  }

  /** Start of `node` (a pair starts at its key), if it has a range. */
  positionOf(node: unknown): Position | undefined {
    if (isPair(node)) return this.positionOf(node.key);
    const range = (node as { range?: readonly number[] } | null | undefined)?.range;
    return range ? this.at(range[0]) : undefined;
  }

  private problem(path: Path, node: unknown, message: string): void {
    this.problems.push(problemAt(this.file, path, message, this.positionOf(node)));
  }

  /** `node` as plain data: objects, arrays, strings, numbers, booleans and `null`, aliases expanded. */
  toPlain(node: unknown, path: Path): unknown {
    if (node === null || node === undefined) return null;
    if (this.budget-- <= 0) {
      if (this.budget === -1) this.problem(path, node, `the document has more than ${countText(this.maxValues)} values once aliases are expanded`);
      return null;
    }
    if (isAlias(node)) {
      const target = this.resolve(node);
      if (target === undefined) return null; // the parser already reported the unknown anchor
      if (this.ancestors.has(target)) {
        this.problem(path, node, `alias *${node.source} refers to a node that contains it`);
        return null;
      }
      return this.toPlain(target, path);
    }
    if (isScalar(node)) {
      const v = node.value;
      return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
    }
    this.ancestors.add(node);
    try {
      if (isSeq(node)) return node.items.map((item, i) => this.toPlain(item, [...path, i]));
      const entries = entriesOf(node);
      if (entries) return this.mapping(entries, path);
      return null;
    } finally {
      this.ancestors.delete(node);
    }
  }

  private mapping(entries: readonly Entry[], path: Path): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const firstKeys = new Map<string, unknown>();
    for (const { key, value } of entries) {
      const name = keyString(this.resolve(key));
      if (name === undefined) {
        this.problem(path, key, 'a mapping key must be a plain value, not a mapping or a list');
        continue;
      }
      if (firstKeys.has(name)) {
        const line = this.positionOf(firstKeys.get(name))?.line;
        this.problem([...path, name], key, `duplicate key '${name}'${line === undefined ? '' : ` (first on line ${line})`}`);
        continue;
      }
      firstKeys.set(name, key);
      // defineProperty: a key named __proto__ is data, not the prototype.
      Object.defineProperty(out, name, { value: this.toPlain(value, [...path, name]), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  /** The first entry of mapping `node` with key `name` (indexed on first use: locating many paths stays linear). */
  entry(node: unknown, name: string): Entry | undefined {
    const entries = entriesOf(node);
    if (!entries) return undefined;
    let index = this.keyIndex.get(node);
    if (!index) {
      index = new Map();
      for (const e of entries) {
        const k = keyString(this.resolve(e.key));
        if (k !== undefined && !index.has(k)) index.set(k, e);
      }
      this.keyIndex.set(node, index);
    }
    return index.get(name);
  }

  /** The position of `path` in the AST, or of its deepest existing ancestor. */
  locate(path: Path, where: 'value' | 'key'): Position {
    let node: unknown = this.doc.contents;
    let best = this.positionOf(node) ?? this.at(0);
    for (let i = 0; i < path.length; i++) {
      node = this.resolve(node);
      const segment = path[i];
      let key: unknown;
      let next: unknown;
      if (entriesOf(node)) {
        const entry = this.entry(node, String(segment));
        if (!entry) return best;
        key = entry.key;
        next = entry.value;
      } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
        next = node.items[segment];
      } else {
        return best;
      }
      const keyPosition = key === undefined ? undefined : this.positionOf(key);
      const last = i === path.length - 1;
      if (last && where === 'key' && keyPosition) return keyPosition;
      // An empty value (`pages:`) has a zero-width range after the colon: point at the key.
      const range = (next as { range?: readonly number[] } | null | undefined)?.range;
      const empty = range !== undefined && range[0] === range[1] && isScalar(next) && next.value === null;
      const valuePosition = empty ? undefined : this.positionOf(next);
      best = valuePosition ?? keyPosition ?? best;
      node = next;
    }
    return best;
  }
}
