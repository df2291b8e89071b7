import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { existsSync } from 'node:fs';

/** The folder of built-in scenario files (`scenarios/` at the package root, from src/ or dist/src/). */
export function builtinScenarioDir(): string {
  for (const up of ['../../scenarios', '../../../scenarios']) {
    const dir = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(dir)) return dir;
  }
  throw new Error('built-in scenarios folder not found');
}

/** Paths of the built-in scenario files, sorted by name. */
export function builtinScenarioFiles(): string[] {
  const dir = builtinScenarioDir();
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}
