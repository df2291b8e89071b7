import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's root folder (where package.json is), from src/ or dist/src/. */
export function packageRoot(): string {
  for (const up of ['../package.json', '../../package.json']) {
    const url = new URL(up, import.meta.url);
    if (existsSync(url)) return dirname(fileURLToPath(url));
  }
  throw new Error('package.json not found');
}
