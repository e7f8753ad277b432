/**
 * The `webcare` command line. Each subcommand is its own module, loaded only when used.
 * @module
 */

/** A CLI subcommand: parses its own arguments, returns the exit code. */
export interface Command {
  summary: string;
  run(argv: string[]): Promise<number>;
}

const commands: Record<string, () => Promise<Command>> = {
  triage: async () => (await import('./triage.js')).triage,
  // -- more commands (one line each) --
  worker: async () => (await import('./worker.js')).worker,
  enqueue: async () => (await import('./enqueue.js')).enqueue,
  dashboard: async () => (await import('./dashboard.js')).dashboard,
  watch: async () => (await import('./watch.js')).watch,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write('Usage: webcare <command> [options]\n\nCommands:\n');
    for (const [n, load] of Object.entries(commands)) {
      process.stdout.write(`  ${n.padEnd(10)} ${(await load()).summary}\n`);
    }
    process.stdout.write('\nRun `webcare <command> --help` for the options of a command.\n');
    return name === undefined ? 1 : 0;
  }
  const load = commands[name];
  if (load === undefined) {
    process.stderr.write(`webcare: unknown command "${name}". Try: ${Object.keys(commands).join(', ')}\n`);
    return 2;
  }
  return (await load()).run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`webcare: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
