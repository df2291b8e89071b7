import { resolveDesign, DesignError, describeValues, knobSpecs, presets } from '../kernel/index.js';
import { ExitCode } from './exitCodes.js';
import { outputWidth, renderTable, wrap } from '../export/index.js';
import { UsageError } from './usageError.js';
import { count } from './count.js';
import { parseOptions } from './parseOptions.js';

/** Text of `oomcheck designs --help`. */
export const designsUsage = `Usage: oomcheck designs [PRESET]

Lists the design presets (each citing the commit or post it stands for) and
the knobs a design is made of. With PRESET, prints every knob's value in
it, those that differ from the knob's default marked * with the default
beside them, and, for a release preset (linux-4.19), the kernel commits its
knobs encode: id, release, subject.`;

/** `oomcheck designs`: returns the exit code. */
export function designsCommand(argv: readonly string[], out: (line: string) => void): number {
  const { positionals } = parseOptions('designs', { args: [...argv], allowPositionals: true, options: {} });
  if (positionals.length > 1) throw new UsageError('designs takes at most one preset name');
  if (positionals.length === 1) {
    let design;
    try {
      design = resolveDesign(positionals[0]);
    } catch (error) {
      if (error instanceof DesignError) throw new UsageError(error.message);
      throw error;
    }
    const preset = presets.find((p) => p.name === design.preset)!;
    out([...wrap(`${preset.name}: ${preset.title}`, outputWidth()), ...wrap(`cites ${preset.cite}`, outputWidth()), ''].join('\n'));
    // A knob the preset sets away from its default is marked, its default beside it: what the preset is about.
    const differs = (k: (typeof knobSpecs)[number]) => String(design.knobs[k.name]) !== String(k.defaultValue);
    out(
      renderTable(
        ['knob', 'value', 'default', 'allowed'],
        knobSpecs.map((k) => [k.name, `${String(design.knobs[k.name])}${differs(k) ? ' *' : ''}`, differs(k) ? String(k.defaultValue) : '', describeValues(k)]),
        { width: outputWidth() },
      ),
    );
    const changed = knobSpecs.filter(differs).length;
    out(changed === 0 ? '\nEvery knob has its default value.' : `\n* marks the ${count(changed, 'knob')} that differ from their default (in the default column).`);
    if (preset.commits !== undefined && preset.commits.length > 0) {
      out(`\nThe ${count(preset.commits.length, 'kernel commit')} its knobs encode, oldest first:\n`);
      out(
        renderTable(
          ['commit', 'release', 'subject'],
          preset.commits.map((c) => [c.id, c.release, c.subject]),
          { width: outputWidth() },
        ),
      );
    }
    return ExitCode.ok;
  }
  out(
    renderTable(
      ['preset', 'design, and the commit or post it cites'],
      presets.flatMap((p) => [
        [p.name, p.title],
        ['', `cites ${p.cite}`],
      ]),
      { width: outputWidth() },
    ),
  );
  out("\nKnobs (override with --knob NAME=VALUE or a scenario's designs[].knobs):\n");
  out(
    renderTable(
      ['knob', 'values', 'default', 'what it changes'],
      knobSpecs.map((k) => [k.name, describeValues(k), String(k.defaultValue), k.description]),
      { width: outputWidth() },
    ),
  );
  return ExitCode.ok;
}
