/**
 * Characters that must not reach a terminal, a log line or a document
 * raw: C0 controls (NUL, TAB, LF, CR, ESC…), DEL, C1 controls, the
 * Unicode line and paragraph separators, and the bidirectional
 * embeddings, overrides and isolates ("Trojan Source").
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * `text` with every control character written visibly, as in a C or
 * JavaScript string: `\n`, `\r`, `\t`, other bytes as `\xHH` (ESC is
 * `\x1b`, NUL `\x00`), the Unicode separators and bidi controls as
 * `\u{HHHH}`. Everything else, `\` included, stays as it is, so text
 * without control characters is unchanged.
 *
 * Names in a scenario are free text; every message, table and document
 * that shows one goes through this, so a name can neither span lines,
 * break a table row, nor send escape sequences to a terminal.
 */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, (c) => {
    const code = c.charCodeAt(0);
    return SHORT[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`);
  });
}
