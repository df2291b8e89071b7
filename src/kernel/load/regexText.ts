/** `s` as a literal in a regular expression (valid with the `u` flag: `-` is not escaped). */
export const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `a|b|c`: a regular expression that matches any of `names` literally (group it where needed). */
export const alternatives = (names: readonly string[]): string => names.map(escapeRegex).join('|');
