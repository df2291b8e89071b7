import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closest } from '../kernel/index.js';
import { UsageError } from './usageError.js';

/** What TLC's options are called here, for users who type TLC's single-dash spellings. */
const tlcOptions: Readonly<Record<string, string>> = {
  workers: 'use --workers N (or --workers auto, one per core)',
  simulate: 'use --strategy random',
  dump: 'use --dump dot',
  coverage: 'use --coverage',
  depth: 'use --depth D (with --strategy random)',
  seed: 'use --seed S (with --strategy random)',
  deadlock: 'use --property no-deadlock (or leave it out: it is checked unless --property says otherwise)',
  config: 'a scenario file (YAML or JSON) takes the place of a .cfg file',
  fp: 'fingerprints are 64-bit and fixed; the last line gives the collision odds',
};

type Options = NonNullable<ParseArgsConfig['options']>;

/** The option name (without dashes) a node:util parseArgs message is about, if it names one. */
function optionIn(message: string): string | undefined {
  return /Option '-{1,2}([^' ]+)/i.exec(message)?.[1] ?? /Unknown option '-{1,2}([^']+)'/.exec(message)?.[1];
}

/**
 * `parseArgs` for command `command` (`check`, `replay`…) with messages in
 * oomcheck's words: an unknown option is named with a "did you mean" and
 * the command's help, a single-dash long option (TLC's `-workers`,
 * `-simulate`, `-dump`) says what to type instead, and a missing or
 * unwanted value says which. `config` is `parseArgs`'s own.
 * @throws {UsageError} for any problem with the options
 */
export function parseOptions<T extends ParseArgsConfig & { options: Options }>(command: string, config: T): ReturnType<typeof parseArgs<T>> {
  const { args: argv = [], options } = config;
  const see = `(see oomcheck ${command} --help)`;
  for (const arg of argv) {
    if (arg === '--') break;
    const single = /^-([a-zA-Z][a-zA-Z-]+)(=.*)?$/.exec(arg);
    if (!single) continue;
    const name = single[1];
    const tlc = tlcOptions[name];
    if (tlc !== undefined) throw new UsageError(`unknown option -${name} (TLC's spelling): ${tlc} ${see}`);
    if (Object.hasOwn(options, name)) throw new UsageError(`unknown option -${name}: long options take two dashes, --${name} ${see}`);
  }
  try {
    return parseArgs(config);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    if (!code.startsWith('ERR_PARSE_ARGS')) throw error;
    const message = (error as Error).message;
    const name = optionIn(message);
    const names = Object.keys(options);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const given = /Unknown option '([^']+)'/.exec(message)?.[1] ?? '?';
      const guess = closest(given.replace(/^-+/, ''), names);
      throw new UsageError(`unknown option ${given}${guess === undefined ? '' : `; did you mean --${guess}?`} ${see}`);
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new UsageError(`oomcheck ${command} takes no arguments, got "${/'([^']*)'/.exec(message)?.[1] ?? ''}" ${see}`);
    if (name !== undefined && options[name]?.type === 'string') throw new UsageError(`option --${name} needs a value ${see}`);
    if (name !== undefined) throw new UsageError(`option --${name} takes no value ${see}`);
    throw new UsageError(`${message} ${see}`);
  }
}
