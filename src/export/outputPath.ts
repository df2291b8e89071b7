import { createHash } from 'node:crypto';
import { join } from 'node:path';

/** Longest path segment {@link pathSegment} gives, in bytes (file systems allow 255; an extension and a temporary file's prefix and suffix fit beside it). */
export const maxSegmentBytes = 120;

/** Characters a segment keeps as they are: what scenario, design and property names are written with. */
const SAFE = /^[A-Za-z0-9_+=[\]\-.]$/;

/**
 * One path segment for a name written by a scenario (its own name, its
 * task names inside a property like `no-oom-livelock[T1]`) or a design.
 *
 * - Letters, digits and `_ + = [ ] - .` stay; every other character is
 *   written as its UTF-8 bytes, percent-encoded (`/` → `%2F`, `%` →
 *   `%25`, NUL → `%00`, `é` → `%C3%A9`), so the segment never holds a
 *   separator, a control character or a NUL.
 * - A leading `.` is encoded (`%2E`): no `.` or `..` segment, no hidden
 *   file (temporary files start with `.`, see `atomicWrite.ts`).
 * - Past {@link maxSegmentBytes}, the encoding is cut and ends in `~`
 *   and 16 hex digits of the name's SHA-256 (`~` is otherwise encoded).
 *
 * Percent-encoding can be undone, so two different names never give one
 * segment (for shortened ones: unless their hashes' first 64 bits agree).
 */
export function pathSegment(name: string): string {
  let encoded = '';
  for (const char of name) {
    encoded += SAFE.test(char) && !(char === '.' && encoded === '') ? char : percentEncode(char);
  }
  if (encoded.length <= maxSegmentBytes) return encoded;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 16);
  let cut = maxSegmentBytes - hash.length - 1;
  // Never split a %XX escape.
  const lastPercent = encoded.lastIndexOf('%', cut - 1);
  if (lastPercent >= 0 && lastPercent > cut - 3) cut = lastPercent;
  return `${encoded.slice(0, cut)}~${hash}`;
}

function percentEncode(char: string): string {
  return [...Buffer.from(char, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/**
 * Where a counterexample's file goes: `OUT/<scenario>/<design>/<property><extension>`,
 * each name made a {@link pathSegment}, so the file is always inside `outDir`.
 */
export function tracePath(outDir: string, scenario: string, design: string, property: string, extension: string): string {
  return join(outDir, pathSegment(scenario), pathSegment(design), `${pathSegment(property)}${extension}`);
}
