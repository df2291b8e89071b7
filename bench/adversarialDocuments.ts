/**
 * Scenario documents built to break a loader: aliases, long names, huge
 * lists, deep nesting, control characters, large integers, many unknown
 * keys, long strings. Each comes with the outcome it must have (loaded,
 * or refused with a message matching a pattern). Shared by the fuzz test
 * (`test/kernel/load/fuzz.spec.ts`, a few sizes) and `npm run fuzz`
 * (a large campaign, `bench/fuzz.ts`).
 */

/** A document and the outcome it must have. */
export interface AdversarialDocument {
  readonly kind: AdversarialKind;
  readonly size: number;
  readonly file: string;
  readonly text: string;
  /** `loaded`, or a pattern the first problem's message must match; `any` for inputs with no single right answer. */
  readonly expect: 'loaded' | 'any' | RegExp;
}

/** The kinds of document {@link adversarialDocument} builds. */
export const adversarialKinds = ['aliases', 'longOpName', 'longPresetName', 'hugeList', 'deepFlow', 'deepBlock', 'deepJson', 'controlChars', 'largeInteger', 'unknownKeys', 'longString'] as const;
export type AdversarialKind = (typeof adversarialKinds)[number];

/** A valid scenario, one key per line, so that documents can add keys at the top level. */
const base = [
  'name: s',
  'description: d',
  'locks: []',
  'memory: { free: 0, reserves: 1 }',
  'processes:',
  '  - name: p',
  '    pages: 1',
  '    threads:',
  '      - name: T',
  '        program:',
  '          - { op: exit }',
];
const baseText = base.join('\n');
const maxChars = 1 << 18;
const tooLong = /characters long; at most 262,144 are read/;

/** The document of `kind` at `size` (aliases, characters, items or levels); `pick` chooses among variants (any integer). */
export function adversarialDocument(kind: AdversarialKind, size: number, pick = 0): AdversarialDocument {
  const doc = (text: string, expect: AdversarialDocument['expect'], file = 's.yaml'): AdversarialDocument => ({ kind, size, file, text, expect: text.length > maxChars ? tooLong : expect });
  switch (kind) {
    case 'aliases':
      return doc(
        `${baseText}\nx: [&a 1${', *a'.repeat(size)}]`,
        size >= 10_000 ? /items in one list or mapping|more than 1,000 aliases/ : size > 1000 ? /more than 1,000 aliases/ : /unknown field 'x'/,
      );
    case 'longOpName':
      return doc(baseText.replace('op: exit', `op: ${'x'.repeat(size)}`), size > 16_384 ? /a string of [\d,]+ characters; at most 16,384/ : /unknown op/);
    case 'longPresetName':
      return doc(
        `${baseText}\ndesigns: [{ preset: ${'r'.repeat(size)} }]`,
        size > 16_384 ? /a string of [\d,]+ characters; at most 16,384/ : size === 0 ? /expected a non-empty string/ : /unknown design preset/,
      );
    case 'hugeList':
      return doc(
        baseText.replace(
          'locks: []',
          `locks: [${Array(size)
            .fill(pick % 2 ? '{ name: m, kind: mutex }' : '1')
            .join(', ')}]`,
        ),
        size > 10_000
          ? /items in one list or mapping; at most 10,000/
          : size === 0
            ? 'loaded'
            : pick % 2 && size > 1
              ? /is declared twice|already|duplicate|unique/
              : pick % 2
                ? 'loaded'
                : /expected a lock/,
      );
    case 'deepFlow':
      return doc(`${baseText}\nx: ${'['.repeat(size)}${']'.repeat(size)}`, size > 64 ? /nested more than 64 levels deep/ : /unknown field 'x'/);
    case 'deepBlock':
      return doc(`${baseText}\nx:\n  ${'- '.repeat(size)}1`, size > 64 ? /nested more than 64 levels deep/ : /unknown field 'x'/);
    case 'deepJson':
      return doc(`{"name": "s", "x": ${'{"a": '.repeat(size)}1${'}'.repeat(size)}}`, size >= 64 ? /nested more than 64 levels deep/ : /unknown field 'x'|missing required field/, 's.json');
    case 'controlChars': {
      const chars = ['\u0000', '\u0001', '\u0007', '\b', '\t', '\u000b', '\f', '\r', '\u001b', '\u007f', '\u0085', '\u00a0', '\u2028', '\u2029', '\ufeff', '\ud800', '\u200b'];
      const noise = Array.from({ length: size }, (_, i) => chars[(pick + i * 7) % chars.length]).join('');
      const text = pick % 3 === 0 ? baseText.replace('description: d', `description: "d${noise}"`) : pick % 3 === 1 ? baseText.replace('name: p', `name: p${noise}`) : `${noise}${baseText}`;
      return doc(text, 'any');
    }
    case 'largeInteger': {
      const forms = [
        `${2 ** 31 + size}`,
        `${2 ** 31 - 1}`,
        `${10 ** Math.min(size, 400)}`,
        `0x${'f'.repeat(Math.max(1, size % 40))}`,
        `-${size}`,
        `1e${size}`,
        `${size}.5`,
        `${'9'.repeat(Math.max(1, size))}`,
      ];
      const value = forms[pick % forms.length];
      const n = Number(value);
      const expect =
        Number.isInteger(n) && n >= 0 && n <= 2 ** 31 - 2
          ? 'loaded'
          : Number.isInteger(n) && n > 2 ** 31 - 1
            ? /more than the state encoding holds/
            : Number.isInteger(n) && n === 2 ** 31 - 1
              ? /add up to/
              : /expected an integer/;
      return doc(baseText.replace('free: 0', `free: ${value}`), value.startsWith('0x') ? 'any' : expect);
    }
    case 'unknownKeys':
      return doc(`${baseText}\n${Array.from({ length: size }, (_, i) => `k${i}: 1`).join('\n')}`, size > 9_995 ? /items in one list or mapping/ : size === 0 ? 'loaded' : /unknown field 'k0'/);
    case 'longString':
      return doc(baseText.replace('description: d', `description: "${'d'.repeat(size)}"`), size > 16_384 ? /a string of [\d,]+ characters; at most 16,384/ : 'loaded');
  }
}
