import { basename } from 'node:path';
import { builtinScenarioFiles, loadScenarioFile } from '../kernel/index.js';
import { ExitCode } from './exitCodes.js';
import { outputWidth, renderTable } from '../export/index.js';
import { parseOptions } from './parseOptions.js';

/** Text of `oomcheck scenarios --help`. */
export const scenariosUsage = `Usage: oomcheck scenarios

Lists the built-in scenarios: name, file, tasks, designs checked and source.`;

/** `oomcheck scenarios`: returns the exit code. */
export function scenariosCommand(argv: readonly string[], out: (line: string) => void): number {
  parseOptions('scenarios', { args: [...argv], options: {} });
  const rows = builtinScenarioFiles().map((file) => {
    const s = loadScenarioFile(file);
    const tasks = s.processes.flatMap((p) => p.threads.map((t) => t.name));
    return [s.name, `scenarios/${basename(file)}`, tasks.join(' '), String(s.designs?.length ?? 'all'), s.source ?? ''];
  });
  out(renderTable(['scenario', 'file', 'tasks', 'designs', 'source'], rows, { width: outputWidth() }));
  return ExitCode.ok;
}
