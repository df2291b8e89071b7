/**
 * Where the package is installed and which version it is: a leaf module
 * that every layer may import (it imports nothing of oomcheck's).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's root folder (where package.json is), from src/ or dist/src/. */
export function packageRoot(): string {
  for (const up of ['../package.json', '../../package.json']) {
    const url = new URL(up, import.meta.url);
    if (existsSync(url)) return dirname(fileURLToPath(url));
  }
  throw new Error('package.json not found');
}

/** The package version, from its package.json. */
export function version(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
