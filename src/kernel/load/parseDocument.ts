import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument as parseYaml, type Document, type Node } from 'yaml';
import { findJsonSyntaxError } from './jsonSyntax.js';
import type { Path } from './path.js';
import { problemAt, type ScenarioProblem } from './scenarioError.js';

/** A 1-based line and column in the file. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** The syntax of a scenario file, from its extension. */
export type DocumentFormat = 'yaml' | 'json';

/** A parsed document: its value as plain data, and where each part of it is written. */
export interface ParsedDocument {
  /** Plain data: objects, arrays, strings, numbers, booleans and `null` (aliases expanded). */
  readonly value: unknown;
  /**
   * Where `path` is written: its value or, with `at: 'key'`, its key.
   * A path that does not exist gives the position of its deepest
   * existing ancestor; the empty path, the start of the document.
   */
  locate(path: Path, at?: 'value' | 'key'): Position;
}

/** The outcome of parsing: a document unless the syntax is broken, and the problems found so far. */
export interface ParseOutcome {
  readonly document?: ParsedDocument;
  /** Syntax errors (then there is no document), duplicate keys, unresolved tags… */
  readonly problems: readonly ScenarioProblem[];
}

/** `yaml` for `.yaml`/`.yml`, `json` for `.json`, `undefined` otherwise. */
export function formatOfFile(fileName: string): DocumentFormat | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.endsWith('.json')) return 'json';
  return undefined;
}

/** Values allowed in one document, aliases expanded: a guard against alias bombs. */
export const maxDocumentValues = 100_000;
/** Deeper nesting is refused (a scenario is about 8 levels deep). */
export const maxDocumentDepth = 64;

/**
 * Parses `text` (named `fileName` in problems) as YAML 1.2, or as JSON:
 * JSON text must first be strict JSON, then goes through the same YAML
 * parser (JSON is YAML) so that every node has a line and column.
 * Duplicate keys are problems in both formats. `maxValues` bounds the
 * values once aliases are expanded (default {@link maxDocumentValues}).
 */
export function parseDocument(text: string, fileName: string, format: DocumentFormat, maxValues = maxDocumentValues): ParseOutcome {
  const lineCounter = new LineCounter();
  if (format === 'json') {
    const error = findJsonSyntaxError(text);
    if (error) {
      const { line, column } = positionOfOffset(text, error.offset);
      return { problems: [{ file: fileName, path: '', line, column, message: `JSON syntax error: ${error.message}` }] };
    }
  }
  const doc = parseYaml(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    const seenLines = new Set<number>();
    const problems: ScenarioProblem[] = [];
    for (const error of doc.errors) {
      const { line, column } = at(error.pos[0]);
      if (seenLines.has(line)) continue; // later errors on a line are mostly echoes of the first
      seenLines.add(line);
      problems.push({ file: fileName, path: '', line, column, message: `${format === 'json' ? 'JSON' : 'YAML'} syntax error: ${oneLine(error.message)}` });
    }
    return { problems };
  }
  const problems: ScenarioProblem[] = doc.warnings.map((w) => {
    const { line, column } = at(w.pos[0]);
    return { file: fileName, path: '', line, column, message: oneLine(w.message) };
  });
  const converter = new Converter(doc, fileName, at, problems, maxValues);
  const value = converter.toPlain(doc.contents, []);
  const locate = (path: Path, where: 'value' | 'key' = 'value'): Position => locateNode(converter, path, where, at);
  return { document: { value, locate }, problems };
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

/** 1-based line and column of `offset` in `text` (for the JSON checker, which runs before the YAML parser). */
function positionOfOffset(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

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

/** YAML AST to plain data, reporting what plain data cannot say. */
class Converter {
  private readonly aliasTargets = new Map<unknown, Node | undefined>();
  private readonly ancestors = new Set<unknown>();
  private budget: number;

  constructor(
    readonly doc: Document,
    private readonly file: string,
    private readonly at: (offset: number) => Position,
    private readonly problems: ScenarioProblem[],
    private readonly maxValues: number,
  ) {
    this.budget = maxValues;
  }

  /** The node an alias stands for (cached: resolving walks the document). */
  resolve(node: unknown): unknown {
    if (!isAlias(node)) return node;
    if (!this.aliasTargets.has(node)) this.aliasTargets.set(node, node.resolve(this.doc) as Node | undefined);
    return this.aliasTargets.get(node);
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

  toPlain(node: unknown, path: Path): unknown {
    if (node === null || node === undefined) return null;
    if (this.budget-- <= 0) {
      if (this.budget === -1) this.problem(path, node, `the document has more than ${this.maxValues} values once aliases are expanded`);
      return null;
    }
    if (path.length > maxDocumentDepth) {
      this.problem(path, node, `nested more than ${maxDocumentDepth} levels deep`);
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
}

/** The position of `path` in the AST, or of its deepest existing ancestor. */
function locateNode(converter: Converter, path: Path, where: 'value' | 'key', at: (offset: number) => Position): Position {
  let node: unknown = converter.doc.contents;
  let best = converter.positionOf(node) ?? at(0);
  for (let i = 0; i < path.length; i++) {
    node = converter.resolve(node);
    const segment = path[i];
    let key: unknown;
    let next: unknown;
    const entries = entriesOf(node);
    if (entries) {
      const entry = entries.find((e) => keyString(converter.resolve(e.key)) === String(segment));
      if (!entry) return best;
      key = entry.key;
      next = entry.value;
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      next = node.items[segment];
    } else {
      return best;
    }
    const keyPosition = key === undefined ? undefined : converter.positionOf(key);
    const last = i === path.length - 1;
    if (last && where === 'key' && keyPosition) return keyPosition;
    // An empty value (`pages:`) has a zero-width range after the colon: point at the key.
    const range = (next as { range?: readonly number[] } | null | undefined)?.range;
    const empty = range !== undefined && range[0] === range[1] && isScalar(next) && next.value === null;
    const valuePosition = empty ? undefined : converter.positionOf(next);
    best = valuePosition ?? keyPosition ?? best;
    node = next;
  }
  return best;
}
