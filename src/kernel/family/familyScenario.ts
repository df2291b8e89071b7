import type { Scenario } from '../scenario.js';
import { t1t2t3Family } from './t1t2t3Family.js';

/** The `--family` forms, for help and errors. */
export const familyForms = 't1t2t3:N:M (N victim threads, M mutex holders)';

/**
 * The generated scenario a `--family` argument names: `t1t2t3:N:M` →
 * {@link t1t2t3Family}(N, M), named `t1t2t3-N-M`.
 * @throws {RangeError} naming the known forms, or the range of N and M
 */
export function familyScenario(spec: string): Scenario {
  const match = /^t1t2t3:(\d+):(\d+)$/.exec(spec);
  if (!match) throw new RangeError(`unknown family "${spec}"; known: ${familyForms}`);
  return t1t2t3Family(Number(match[1]), Number(match[2]));
}
