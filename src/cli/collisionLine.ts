/** TLC-style report of the fingerprint-collision odds (the worst of the runs). */
export function collisionLine(probability: number): string {
  return `Fingerprint collision probability: ${probability === 0 ? '0' : probability.toExponential(1)} (optimistic, as TLC computes it).`;
}
