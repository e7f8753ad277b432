/**
 * A small argument parser for the CLI subcommands: `--flag`, `--key value`, `--key=value`,
 * positionals. Unknown flags are errors, so typos do not pass silently.
 * @module
 */

/** What a subcommand accepts: flag name → whether it takes a value. */
export type FlagSpec = Record<string, 'boolean' | 'string'>;

/** Parsed arguments. */
export interface ParsedArgs {
  flags: Record<string, string | boolean>;
  positionals: string[];
}

/**
 * Parse argv against a spec. Throws an `Error` with a readable message on unknown flags or
 * missing values.
 *
 * @example
 * ```ts
 * parseArgs(['feed.jsonl', '--json', '--brand', 'KPN'], { json: 'boolean', brand: 'string' });
 * // { flags: { json: true, brand: 'KPN' }, positionals: ['feed.jsonl'] }
 * ```
 */
export function parseArgs(argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const flags: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const kind = spec[name];
    if (!arg.startsWith('--') || kind === undefined) {
      throw new Error(
        `unknown option ${arg}; expected one of ${Object.keys(spec)
          .map((k) => `--${k}`)
          .join(', ')}`,
      );
    }
    if (kind === 'boolean') {
      flags[name] = eq === -1 ? true : arg.slice(eq + 1) !== 'false';
    } else {
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined) throw new Error(`option --${name} needs a value`);
      flags[name] = value;
    }
  }
  return { flags, positionals };
}

/** A comma-separated list flag as an array. */
export function listFlag(v: string | boolean | undefined): string[] {
  if (typeof v !== 'string') return [];
  return v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * The error for more than one file where a command reads one: most likely a shell glob
 * (`webcare triage *.jsonl`), of which only the first file would otherwise be read, silently.
 */
export function tooManyFiles(positionals: readonly string[]): string {
  return `reads one file (or - for stdin), received ${positionals.length}: ${positionals.join(' ')}`;
}
