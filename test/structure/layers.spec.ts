import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * The layers and what each may import, bottom to top:
 * engine ← kernel ← properties ← check ← export ← cli, with examples on
 * the engine, testing and bench on check (never on cli), and the leaf
 * `src/packageRoot.ts` open to all. Every import that leaves its layer
 * goes through the target layer's front (`index.ts`).
 */
const mayImport: Readonly<Record<string, readonly string[]>> = {
  'src/packageRoot.ts': [],
  'src/engine': [],
  'src/examples': ['src/engine'],
  'src/kernel': ['src/engine', 'src/packageRoot.ts'],
  properties: ['src/engine', 'src/kernel'],
  'src/check': ['src/engine', 'src/kernel', 'properties', 'src/packageRoot.ts'],
  'src/export': ['src/engine', 'src/kernel', 'properties', 'src/check'],
  'src/testing': ['src/engine', 'src/kernel', 'properties', 'src/check', 'src/export', 'src/packageRoot.ts'],
  bench: ['src/engine', 'src/examples', 'src/kernel', 'properties', 'src/check', 'src/export', 'src/packageRoot.ts'],
  'src/index.ts': ['src/engine', 'src/kernel', 'properties', 'src/check', 'src/export', 'src/packageRoot.ts'],
  'src/cli': ['src/engine', 'src/examples', 'src/kernel', 'properties', 'src/check', 'src/export', 'src/packageRoot.ts'],
};

const root = join(dirname(new URL(import.meta.url).pathname), '../..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** The layer a repository-relative path belongs to. */
function layerOf(file: string): string | undefined {
  return Object.keys(mayImport).find((layer) => file === layer || file.startsWith(`${layer}/`));
}

/** Every relative import and re-export of `file`, as repository-relative `.ts` paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+'(\.[^']+)'/g)].map((m) => normalize(join(dirname(file), m[1])).replace(/\.js$/, '.ts'));
}

/** The imports of the source tree that break the layering: a layer above, or past a front. */
function layeringProblems(files: readonly string[], read: (file: string) => string[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const from = layerOf(file);
    if (from === undefined) {
      problems.push(`${file}: in no layer`);
      continue;
    }
    for (const target of read(file)) {
      const to = layerOf(target);
      if (to === from) continue;
      if (to === undefined) problems.push(`${file} imports ${target}, which is in no layer`);
      else if (!mayImport[from].includes(to)) problems.push(`${file} imports ${target}: ${from} may not import ${to}`);
      else if (!to.endsWith('.ts') && target !== `${to}/index.ts`) problems.push(`${file} imports ${target} past the front of ${to} (${to}/index.ts)`);
    }
  }
  return problems;
}

describe('layers: imports point one way and go through fronts', () => {
  const files = ['src', 'properties', 'bench'].flatMap(sources);

  test('every import of src/, properties/ and bench/ respects the layering', () => {
    expect(files.length).toBeGreaterThan(150);
    expect(layeringProblems(files, importsOf)).toEqual([]);
  });

  test('every layer folder has a front whose header says what it owns and may import', () => {
    const folders = Object.keys(mayImport).filter((l) => !l.endsWith('.ts') && l !== 'bench');
    const missing = folders.filter((f) => !/Layer: /.test(readFileSync(join(root, f, 'index.ts'), 'utf8')));
    expect(missing).toEqual([]);
  });

  test('a wrong-way import, an import past a front and a stray file are each reported', () => {
    const fake: Record<string, string[]> = {
      'src/kernel/model.ts': ['src/check/index.ts', 'src/engine/bfs.ts', 'src/engine/index.ts'],
      'src/export/json.ts': ['src/kernel/state.ts'],
      'src/stray.ts': [],
    };
    expect(layeringProblems(Object.keys(fake), (f) => fake[f])).toEqual([
      'src/kernel/model.ts imports src/check/index.ts: src/kernel may not import src/check',
      'src/kernel/model.ts imports src/engine/bfs.ts past the front of src/engine (src/engine/index.ts)',
      'src/export/json.ts imports src/kernel/state.ts past the front of src/kernel (src/kernel/index.ts)',
      'src/stray.ts: in no layer',
    ]);
  });
});
