/**
 * Splits a label at its top-level `; ` separators (not inside parentheses
 * or quotes, so `panic("a; b")` stays whole): the fragments a step's
 * events wrote (see the kernel's `labelOf`).
 */
export function labelFragments(label: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < label.length; i++) {
    const c = label[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth = Math.max(0, depth - 1);
    else if (!quoted && depth === 0 && c === ';' && label[i + 1] === ' ') {
      out.push(label.slice(start, i));
      start = i + 2;
    }
  }
  out.push(label.slice(start));
  return out;
}
