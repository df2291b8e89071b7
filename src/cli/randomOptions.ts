import type { RandomOptions } from '../engine/index.js';
import { UsageError } from './usageError.js';

/** `parseArgs` option specs of `check --strategy random`. */
export const randomOptionSpecs = {
  strategy: { type: 'string' },
  runs: { type: 'string' },
  depth: { type: 'string' },
  seed: { type: 'string' },
  path: { type: 'string' },
  time: { type: 'string' },
} as const;

/** The parsed values of {@link randomOptionSpecs}. */
export interface RandomOptionValues {
  readonly strategy?: string;
  readonly runs?: string;
  readonly depth?: string;
  readonly seed?: string;
  readonly path?: string;
  readonly time?: string;
}

function count(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new UsageError(`--${flag} must be a positive integer, got "${text}"`);
  return value;
}

/**
 * The search strategy (`exhaustive`, the default, or `random`) and, for
 * `random`, its options: `--runs N`, `--depth D`, `--seed S`, `--path P`
 * (with `--seed`: replay one run), `--time T` (seconds; default
 * `maxSeconds`, from `--max-seconds`).
 * @throws {UsageError} on a bad value, or a random option without `--strategy random`
 */
export function randomOptionsFrom(values: RandomOptionValues, maxSeconds?: number): { strategy: 'exhaustive' | 'random'; options: RandomOptions } {
  const strategy = values.strategy ?? 'exhaustive';
  if (strategy !== 'exhaustive' && strategy !== 'random') throw new UsageError(`--strategy must be exhaustive or random, got "${strategy}"`);
  if (strategy === 'exhaustive') {
    const stray = (['runs', 'depth', 'seed', 'path', 'time'] as const).find((flag) => values[flag] !== undefined);
    if (stray) throw new UsageError(`--${stray} needs --strategy random`);
    return { strategy, options: {} };
  }
  const runs = count('runs', values.runs);
  const depth = count('depth', values.depth);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isSafeInteger(seed)) throw new UsageError(`--seed must be an integer, got "${values.seed}"`);
  if (values.path !== undefined && seed === undefined) throw new UsageError('--path needs --seed (both are printed after a failing random run)');
  if (values.path !== undefined && !/^\d+(:\d+)*$/.test(values.path)) throw new UsageError(`--path must look like 3:0:1, got "${values.path}"`);
  const time = values.time === undefined ? maxSeconds : Number(values.time);
  if (time !== undefined && !(Number.isFinite(time) && time > 0)) throw new UsageError(`--time must be a positive number, got "${values.time}"`);
  return {
    strategy,
    options: {
      ...(runs !== undefined ? { runs } : {}),
      ...(depth !== undefined ? { depth } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(values.path !== undefined ? { path: values.path } : {}),
      ...(time !== undefined ? { maxSeconds: time } : {}),
    },
  };
}
