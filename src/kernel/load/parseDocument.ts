import { LineCounter, parseDocument as parseYaml } from 'yaml';
import { countText, type DocumentLimits, scenarioLimits } from './documentLimits.js';
import { findJsonSyntaxError } from './jsonSyntax.js';
import type { Path } from './path.js';
import { PlainValue } from './plainValue.js';
import { problemAt, type ScenarioProblem } from './scenarioError.js';
import { scanDocument } from './scanDocument.js';

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

/**
 * Parses `text` (named `fileName` in problems) as YAML 1.2, or as JSON:
 * JSON text must first be strict JSON, then goes through the same YAML
 * parser (JSON is YAML) so that every node has a line and column.
 * Duplicate keys are problems in both formats. A document over one of
 * `limits` (default {@link scenarioLimits}) is refused with a problem
 * naming the bound; the text size is checked before anything else, so
 * parsing takes time and memory linear in a bounded size.
 */
export function parseDocument(text: string, fileName: string, format: DocumentFormat, limits: DocumentLimits = scenarioLimits): ParseOutcome {
  const refuse = (message: string, position: Position = { line: 1, column: 1 }): ParseOutcome => ({ problems: [{ file: fileName, path: '', ...position, message }] });
  if (text.length > limits.maxChars) return refuse(tooLarge(text.length, limits));
  const lineCounter = new LineCounter();
  if (format === 'json') {
    const error = findJsonSyntaxError(text, limits.maxDepth);
    if (error) return refuse(`JSON syntax error: ${error.message}`, positionOfOffset(text, error.offset));
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
      // yaml composes nested nodes recursively and reports a stack overflow as an error of the document.
      const message = /call stack/i.test(error.message) ? `nested more than ${limits.maxDepth} levels deep` : `${format === 'json' ? 'JSON' : 'YAML'} syntax error: ${oneLine(error.message)}`;
      problems.push({ file: fileName, path: '', line, column, message });
    }
    return { problems };
  }
  const problems: ScenarioProblem[] = doc.warnings.map((w) => {
    const { line, column } = at(w.pos[0]);
    return { file: fileName, path: '', line, column, message: oneLine(w.message) };
  });
  const scan = scanDocument(doc, limits);
  const plain = new PlainValue(doc, scan.aliasTargets, limits.maxValues, fileName, at, problems);
  if (scan.breaches.length > 0) {
    for (const { node, path, message } of scan.breaches) problems.push(problemAt(fileName, path, message, plain.positionOf(node) ?? { line: 1, column: 1 }));
    return { problems };
  }
  const value = plain.toPlain(doc.contents, []);
  const locate = (path: Path, where: 'value' | 'key' = 'value'): Position => plain.locate(path, where);
  return { document: { value, locate }, problems };
}

/** The problem with a document of `chars` characters, over `limits.maxChars`. */
export function tooLarge(chars: number, limits: DocumentLimits): string {
  return `the document is ${countText(chars)} characters long; at most ${countText(limits.maxChars)} are read`;
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
