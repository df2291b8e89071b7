import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * The package as a user gets it: packed by `npm pack` (which builds it),
 * installed from the tarball into an empty project, its command run and
 * its two entry points imported from a vitest file there. The pack runs
 * in a copy of the sources, so this test never rewrites the dist/ that
 * other tests may be running. It installs from npm's cache when it can.
 */
const root = resolve('.');
const npm = (cwd: string, ...args: string[]): string =>
  execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' },
  });
const vitestVersion = (JSON.parse(readFileSync(join(root, 'node_modules/vitest/package.json'), 'utf8')) as { version: string }).version;

describe('the installed package', () => {
  // npm pack builds with tsc and npm install runs against the registry's cache: minutes on a loaded machine, so this one test has its own timeout.
  test('packs without install scripts, installs, runs `oomcheck check tetsuo-t1-t2-t3`, and its entry points work under vitest', { timeout: 600_000 }, () => {
    const work = mkdtempSync(join(tmpdir(), 'oomcheck-package-'));
    const copy = join(work, 'source');
    mkdirSync(copy);
    for (const entry of ['package.json', 'tsconfig.json', 'README.md', 'src', 'properties', 'bench', 'scenarios', 'schema', 'docs']) cpSync(join(root, entry), join(copy, entry), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
    const tarball = npm(copy, 'pack', '--silent', '--pack-destination', work).trim().split('\n').at(-1)!;
    const files = execFileSync('tar', ['tzf', join(work, tarball)], { encoding: 'utf8' }).split('\n');
    expect(files).toContain('package/scenarios/tetsuo-t1-t2-t3.yaml');
    expect(files).toContain('package/schema/scenario.schema.json');
    expect(files).toContain('package/dist/src/index.d.ts');
    expect(files).toContain('package/dist/src/testing/index.js');
    expect(files).toContain('package/src/testing/expect.ts');
    expect(files.filter((f) => f.startsWith('package/dist/bench/') || f.startsWith('package/test/'))).toEqual([]);
    const packed = JSON.parse(execFileSync('tar', ['xzOf', join(work, tarball), 'package/package.json'], { encoding: 'utf8' })) as { scripts: Record<string, string> };
    expect(Object.keys(packed.scripts).filter((s) => ['preinstall', 'install', 'postinstall', 'prepare'].includes(s))).toEqual([]);

    const project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'uses-oomcheck', private: true, type: 'module' }));
    npm(project, 'install', '--prefer-offline', join(work, tarball), `vitest@${vitestVersion}`);

    const check = execFileSync('npx', ['oomcheck', 'check', 'tetsuo-t1-t2-t3', '--design', 'mmf-oom-skip', '--quiet', '--format', 'json'], { cwd: project, encoding: 'utf8' });
    expect(check.split('\n')[2]).toMatch(/^tetsuo-t1-t2-t3 +mmf-oom-skip +7418 /);
    expect(check.trimEnd().split('\n').at(-1)).toMatch(/^1 search, 7418 distinct states in all; 1 counterexample and 1 witness written under oomcheck-out\/\./);
    // The scenario's reach: query writes its witness beside the counterexample.
    expect(readdirSync(join(project, 'oomcheck-out/tetsuo-t1-t2-t3/mmf-oom-skip')).sort()).toEqual(['no-panic.json', 'reach[two-victims].json']);
    const trace = JSON.parse(readFileSync(join(project, 'oomcheck-out/tetsuo-t1-t2-t3/mmf-oom-skip/no-panic.json'), 'utf8')) as { scenario: { file: string } };
    expect(trace.scenario.file).toBe('scenarios/tetsuo-t1-t2-t3.yaml');

    writeFileSync(
      join(project, 'oom.spec.js'),
      [
        "import { expect, test } from 'vitest';",
        "import { builtinScenarioFiles, checkScenario, loadScenarioFile, resolveDesign } from 'oomcheck';",
        "import { expectHolds, expectViolates } from 'oomcheck/testing';",
        "const tetsuo = builtinScenarioFiles().find((f) => f.endsWith('tetsuo-t1-t2-t3.yaml'));",
        "test('4.9 never livelocks', () => expectHolds(tetsuo, 'no-oom-livelock', { design: 'mmf-oom-skip' }));",
        "test('the first reaper livelocks H in 19 steps', () => expect(expectViolates(tetsuo, 'no-oom-livelock[H]', { design: 'reaper-slot', knobs: { exitTakesMmapSem: false } }).steps.length).toBe(19));",
        "test('checkScenario from the main entry', () => expect(checkScenario(loadScenarioFile(tetsuo), resolveDesign('no-reaper')).stats.states).toBe(112));",
      ].join('\n'),
    );
    const vitest = execFileSync('npx', ['vitest', 'run', '--reporter=dot'], { cwd: project, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' } });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the terminal colours vitest may still print
    expect(vitest.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(/Tests\s+3 passed \(3\)/);
  });
});
