import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package.json above this module (in src/ or dist/src/). */
function packageJsonUrl(): URL {
  for (const up of ['../../package.json', '../../../package.json']) {
    const url = new URL(up, import.meta.url);
    if (existsSync(url)) return url;
  }
  throw new Error('package.json not found');
}

/** The package version. */
export function version(): string {
  return (JSON.parse(readFileSync(packageJsonUrl(), 'utf8')) as { version: string }).version;
}

/** The package's root folder (where package.json is). */
export function packageRoot(): string {
  return dirname(fileURLToPath(packageJsonUrl()));
}
