/**
 * Text for Mermaid sequence diagrams. Mermaid's lexer ends a message or
 * note at `;` (a statement separator) and at `#` (a comment), `%%` starts
 * a comment, `"` and `<`/`>`/`&` reach the rendered HTML; each is written
 * as a Mermaid entity code (`#59;`, `#35;`, …: "Entity codes to escape
 * characters" in Mermaid's sequence diagram syntax), which Mermaid turns
 * back into the character when it draws.
 */

import { visibleText } from '../kernel/index.js';
import { wrap } from './wrap.js';

const entities: Readonly<Record<string, string>> = {
  '#': '#35;',
  ';': '#59;',
  '"': '#34;',
  '%': '#37;',
  '&': '#38;',
  '<': '#60;',
  '>': '#62;',
};

/** The line break Mermaid draws inside a message or note. */
export const MERMAID_BREAK = '<br/>';

/**
 * `text` safe as a Mermaid message, note, loop label or participant alias:
 * control characters made visible (`visibleText`: a newline or a lone
 * carriage return would end the statement), the characters above as entity codes. Mermaid's
 * preprocessor also drops the last `;` of any line matching
 * `style…:…#…;` or `classDef…` (meant for its style statements), which
 * would cut an entity code in half, so their first letter is encoded too.
 */
export function mermaidText(text: string): string {
  return visibleText(text)
    .replace(/[#;"%&<>]/g, (c) => entities[c])
    .replace(/style/g, '#115;tyle')
    .replace(/classDef/g, '#99;lassDef');
}

/**
 * `text` escaped and broken with {@link MERMAID_BREAK} into lines of about
 * `width` characters (of the unescaped text), at spaces; Mermaid does not
 * wrap messages by itself, and one long label would widen the whole diagram.
 */
export function mermaidWrapped(text: string, width = 60): string {
  return wrap(text, width).map(mermaidText).join(MERMAID_BREAK);
}
