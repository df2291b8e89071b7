/** A JSON syntax error: the offset of the offending character and what is wrong there. */
export interface JsonSyntaxError {
  readonly offset: number;
  readonly message: string;
}

/**
 * The first JSON (RFC 8259) syntax error in `text`, or `undefined` if
 * it is valid JSON. A leading byte-order mark is allowed; nesting deeper
 * than `maxDepth` levels is an error (the scanner recurses per level).
 *
 * Why not `JSON.parse`: Node's messages only sometimes give a position,
 * and a `.json` file is parsed with the YAML parser anyway (for line
 * numbers), which would accept YAML-only syntax (comments, single
 * quotes, trailing commas, block style) if nothing checked it first.
 */
export function findJsonSyntaxError(text: string, maxDepth = 64): JsonSyntaxError | undefined {
  const scanner = new Scanner(text, maxDepth);
  try {
    scanner.skipSpace();
    scanner.value(0);
    scanner.skipSpace();
    if (scanner.i < text.length) scanner.fail('unexpected text after the JSON value');
    return undefined;
  } catch (error) {
    if (error instanceof Failure) return { offset: error.offset, message: error.message };
    throw error;
  }
}

class Failure {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

const escapes = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const number = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

class Scanner {
  i: number;
  constructor(
    readonly text: string,
    private readonly maxDepth: number,
  ) {
    this.i = text.startsWith('\uFEFF') ? 1 : 0;
  }

  fail(message: string, offset = this.i): never {
    throw new Failure(offset, message);
  }

  skipSpace(): void {
    const { text } = this;
    while (this.i < text.length) {
      const c = text[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.i++;
      else if (c === '#' || text.startsWith('//', this.i) || text.startsWith('/*', this.i)) this.fail('comments are not allowed in JSON');
      else return;
    }
  }

  value(depth: number): void {
    const { text } = this;
    if (depth > this.maxDepth) this.fail(`nested more than ${this.maxDepth} levels deep`);
    const c = text[this.i];
    if (c === undefined) this.fail('unexpected end of file: expected a value');
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    if (c === "'") this.fail('JSON strings use double quotes');
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, this.i)) {
        this.i += literal.length;
        return;
      }
    }
    number.lastIndex = this.i;
    if (number.test(text) && number.lastIndex > this.i) {
      this.i = number.lastIndex;
      return;
    }
    this.fail(`unexpected ${describeChar(c)}: expected a value`);
  }

  object(depth: number): void {
    this.i++; // '{'
    this.skipSpace();
    if (this.text[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      const c = this.text[this.i];
      if (c !== '"') this.fail(c === '}' ? "trailing comma before '}'" : c === undefined ? 'unexpected end of file: expected a key' : 'JSON keys are double-quoted strings');
      this.string();
      this.skipSpace();
      if (this.text[this.i] !== ':') this.fail("expected ':' after the key");
      this.i++;
      this.skipSpace();
      this.value(depth + 1);
      this.skipSpace();
      const next = this.text[this.i];
      if (next === '}') {
        this.i++;
        return;
      }
      if (next !== ',') this.fail(next === undefined ? "unexpected end of file: expected ',' or '}'" : "expected ',' or '}'");
      this.i++;
      this.skipSpace();
    }
  }

  array(depth: number): void {
    this.i++; // '['
    this.skipSpace();
    if (this.text[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      if (this.text[this.i] === ']') this.fail("trailing comma before ']'");
      this.value(depth + 1);
      this.skipSpace();
      const next = this.text[this.i];
      if (next === ']') {
        this.i++;
        return;
      }
      if (next !== ',') this.fail(next === undefined ? "unexpected end of file: expected ',' or ']'" : "expected ',' or ']'");
      this.i++;
      this.skipSpace();
    }
  }

  string(): void {
    const { text } = this;
    const start = this.i++;
    for (;;) {
      const c = text[this.i];
      if (c === undefined) this.fail('unterminated string', start);
      if (c === '"') {
        this.i++;
        return;
      }
      if (c < ' ') this.fail('control character in a string (escape it)');
      if (c === '\\') {
        const e = text[this.i + 1];
        if (e === 'u') {
          if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(this.i + 2, this.i + 6))) this.fail('invalid \\u escape: expected 4 hex digits');
          this.i += 6;
          continue;
        }
        if (e === undefined || !escapes.has(e)) this.fail(`invalid escape \\${e ?? ''}`);
        this.i += 2;
        continue;
      }
      this.i++;
    }
  }
}

function describeChar(c: string): string {
  return /^[\x21-\x7e]$/.test(c) ? `'${c}'` : `character U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
