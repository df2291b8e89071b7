import { UsageError } from './usageError.js';

/** Parses `--knob name=value` options: numbers and booleans are typed, anything else stays a string. */
export function knobOverrides(values: readonly string[] | undefined): Record<string, number | boolean | string> {
  const overrides: Record<string, number | boolean | string> = {};
  for (const text of values ?? []) {
    const m = /^([A-Za-z]+)=(.+)$/.exec(text);
    if (!m) throw new UsageError(`--knob takes name=value, got "${text}"`);
    const raw = m[2];
    overrides[m[1]] = raw === 'true' ? true : raw === 'false' ? false : /^-?\d+$/.test(raw) ? Number(raw) : raw;
  }
  return overrides;
}
