/** `1 search`, `3 searches`: a number with its noun in the right number (`plural` defaults to noun + 's'). */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
