import { readFileSync, statSync } from 'node:fs';
import { countText, parseDocument, traceLimits, traceLimitsFor } from '../kernel/index.js';
import { JsonReader } from './jsonReader.js';
import { readItfTrace } from './readItf.js';
import { readJsonTrace } from './readJsonTrace.js';
import type { TraceDocument } from './traceDocument.js';
import { TraceFileError } from './traceFileError.js';

/** The trace formats `readTraceText` reads: oomcheck's JSON, or ITF. */
export type TraceFileFormat = 'json' | 'itf';

/** `itf` for `.itf.json`, `json` for other `.json` files, `undefined` otherwise. */
export function traceFormatOf(fileName: string): TraceFileFormat | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.itf.json')) return 'itf';
  if (lower.endsWith('.json')) return 'json';
  return undefined;
}

/**
 * Reads a trace from `text`, in the format `fileName`'s extension names
 * (`.itf.json`: ITF as `itfExporter` writes it; `.json`: oomcheck's JSON).
 * The result is a full trace document, ready for `replayTrace`. A text
 * over `traceLimits` (256 MiB; values bounded by its length, see `traceLimitsFor`) is refused. Only
 * ever throws {@link TraceFileError}: every problem is given with the
 * file, the JSON path and the line and column, as scenario problems are.
 * @throws {TraceFileError} bad syntax, unknown format or schema version, a missing or malformed field
 */
export function readTraceText(text: string, fileName: string): TraceDocument {
  const format = traceFormatOf(fileName);
  if (format === undefined) throw TraceFileError.ofFile(fileName, 'unknown trace format: a trace file ends in .json (oomcheck) or .itf.json (ITF)');
  const { document, problems } = parseDocument(text, fileName, 'json', traceLimitsFor(text));
  if (!document || problems.length > 0) throw new TraceFileError(problems);
  const reader = new JsonReader(fileName, document.locate);
  return format === 'itf' ? readItfTrace(reader, document.value) : readJsonTrace(reader, document.value);
}

/**
 * Reads the trace file at `path` (see {@link readTraceText}); problems
 * name the file as `path` was given.
 * @throws {TraceFileError} also when the file is missing or unreadable
 */
export function readTraceFile(path: string): TraceDocument {
  if (traceFormatOf(path) === undefined) throw TraceFileError.ofFile(path, 'unknown trace format: a trace file ends in .json (oomcheck) or .itf.json (ITF)');
  let text: string;
  try {
    // The size first: a huge file is refused without reading it.
    const { size } = statSync(path);
    if (size > traceLimits.maxChars) throw TraceFileError.ofFile(path, `the file is ${countText(size)} bytes; at most ${countText(traceLimits.maxChars)} are read`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof TraceFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw TraceFileError.ofFile(path, code === 'ENOENT' ? 'file not found' : `cannot read file: ${(error as Error).message}`);
  }
  return readTraceText(text, path);
}
