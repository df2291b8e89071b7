import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, normalize, relative, resolve } from 'node:path';
import { packageRoot } from '../packageRoot.js';
import { builtinScenarioFiles } from '../kernel/index.js';
import { UsageError } from './usageError.js';

/** A scenario file's extension: YAML or JSON. */
const SCENARIO_FILE = /\.(ya?ml|json)$/;

/** The built-in scenario file named `name` (its file name without the extension, as `oomcheck scenarios` lists it). */
function builtinNamed(name: string): string | undefined {
  return builtinScenarioFiles().find((file) => basename(file).replace(SCENARIO_FILE, '') === name);
}

/**
 * The built-in file a package-relative path names (`scenarios/x.yaml`, as
 * `oomcheck scenarios` and the traces write it), when no such file is here:
 * an installed package's scenarios live under its own folder.
 */
function builtinByPath(arg: string): string | undefined {
  return builtinScenarioFiles().find((file) => relative(packageRoot(), file) === normalize(arg));
}

/**
 * The scenario files that `check`'s positional arguments name, each once,
 * in the order given: a file; a folder (its `.yaml`, `.yml` and `.json`
 * files, sorted by name); or, when no such path exists, the name of a
 * built-in scenario (`tetsuo-t1-t2-t3`) or its path in the package
 * (`scenarios/tetsuo-t1-t2-t3.yaml`). A file named twice, directly or
 * through a folder, is checked once.
 * @throws {UsageError} for an argument that is none of these
 */
export function scenarioFilesOf(args: readonly string[]): string[] {
  const files = args.flatMap((arg) => {
    if (existsSync(arg)) {
      if (!statSync(arg).isDirectory()) return [arg];
      const inside = readdirSync(arg)
        .filter((f) => SCENARIO_FILE.test(f))
        .sort();
      if (inside.length === 0) throw new UsageError(`${arg}: a folder with no scenario file (.yaml, .yml or .json)`);
      return inside.map((f) => join(arg, f));
    }
    const builtin = builtinNamed(arg) ?? builtinByPath(arg);
    if (builtin !== undefined) return [builtin];
    throw new UsageError(`${arg}: no such file, folder or built-in scenario (oomcheck scenarios lists the built-in ones)`);
  });
  const seen = new Set<string>();
  return files.filter((file) => {
    const key = resolve(file);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
