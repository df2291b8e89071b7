/**
 * Edit distance between `a` and `b`, for "did you mean": insertions,
 * deletions, substitutions and swaps of two neighbours (`pgaes` → `pages`)
 * cost 1 each (optimal string alignment).
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Words and candidates longer than this get no guess: the distance costs their lengths' product. */
export const maxGuessLength = 64;

/**
 * The candidate closest to `word` if it is a plausible typo (at most a
 * third of its letters wrong, case ignored). Bounded work: no guess for a
 * word or candidate over {@link maxGuessLength} characters, and no
 * distance computed when the lengths alone differ by more than the limit.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  if (word.length > maxGuessLength) return undefined;
  const limit = Math.max(1, Math.floor(word.length / 3));
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate.length > maxGuessLength || Math.abs(candidate.length - word.length) > limit) continue;
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance && d <= limit) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Candidates listed in full in a message (more declared names are counted, not listed). */
const maxListed = 40;

/**
 * The end of a message about an unknown `word`: `; did you mean 'x'?` for a
 * likely typo, else `; expected one of a, b, c` (`; none are declared` if
 * there is no candidate).
 */
export function suggestion(word: string, candidates: readonly string[]): string {
  const guess = closest(word, candidates);
  if (guess !== undefined) return `; did you mean '${guess}'?`;
  if (candidates.length === 0) return '; none are declared';
  if (candidates.length > maxListed) return `; expected one of ${candidates.slice(0, maxListed).join(', ')} (and ${candidates.length - maxListed} more)`;
  return `; expected one of ${candidates.join(', ')}`;
}
