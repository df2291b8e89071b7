import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../packageRoot.js';

/** The folder of built-in scenario files (`scenarios/` at the package root). */
export function builtinScenarioDir(): string {
  return join(packageRoot(), 'scenarios');
}

/** Paths of the built-in scenario files, sorted by name. */
export function builtinScenarioFiles(): string[] {
  const dir = builtinScenarioDir();
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}
