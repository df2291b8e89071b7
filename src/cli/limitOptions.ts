import type { Limits } from '../engine/index.js';
import { UsageError } from './usageError.js';

/** `parseArgs` option specs for the search limits every checking command takes. */
export const limitOptionSpecs = {
  'max-states': { type: 'string' },
  'max-seconds': { type: 'string' },
  'max-memory': { type: 'string' },
} as const;

function positive(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`--${flag} must be a positive number, got "${text}"`);
  return value;
}

/** Reads `--max-states N`, `--max-seconds S` and `--max-memory MIB` into {@link Limits}. */
export function limitsFrom(values: { 'max-states'?: string; 'max-seconds'?: string; 'max-memory'?: string }): Limits {
  const maxStates = positive('max-states', values['max-states']);
  const maxSeconds = positive('max-seconds', values['max-seconds']);
  const maxMemory = positive('max-memory', values['max-memory']);
  return {
    ...(maxStates !== undefined ? { maxStates: Math.floor(maxStates) } : {}),
    ...(maxSeconds !== undefined ? { maxSeconds } : {}),
    ...(maxMemory !== undefined ? { maxMemoryBytes: maxMemory * 2 ** 20 } : {}),
  };
}
