/**
 * `webcare enqueue file.jsonl`: load a JSON Lines file of mentions into a Redis stream for the
 * workers. Each valid line becomes one entry with a `mention` field holding the line's JSON; a
 * malformed line is reported with its number and skipped, never fatal.
 * @module
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { RedisLike } from '../adapters/redis-streams.js';
import { WebcareError } from '../errors.js';
import { parseMentionLine } from '../mention.js';
import { parseArgs, tooManyFiles } from './args.js';
import type { Command } from './main.js';

const SPEC = {
  redis: 'string',
  stream: 'string',
  batch: 'string',
  maxlen: 'string',
  quiet: 'boolean',
  help: 'boolean',
} as const;

const HELP = `Usage: webcare enqueue [file.jsonl | -] --redis redis://127.0.0.1:6379 [options]

Validates each line (a mention object or a JSON string, as for triage) and adds it to a Redis
stream as an entry with one field, "mention", holding the line's JSON. Prints the count.

Options:
  --redis URL      Redis URL (default redis://127.0.0.1:6379)
  --stream KEY     stream to add to (default mentions)
  --batch N        XADDs sent per round trip (default 1000)
  --maxlen N       trim the stream to about N entries (XADD MAXLEN ~)
  --quiet          no per-line messages for skipped lines
`;

async function open(file: string): Promise<Readable | Error> {
  if (file === '-') return process.stdin;
  const input = createReadStream(file);
  const err = await new Promise<Error | null>((resolve) => {
    input.once('open', () => resolve(null));
    input.once('error', (e) => resolve(e));
  });
  return err ?? input;
}

async function run(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv, SPEC);
  } catch (e) {
    process.stderr.write(`webcare enqueue: ${(e as Error).message}\n`);
    return 2;
  }
  const f = args.flags;
  if (f.help === true) {
    process.stdout.write(HELP);
    return 0;
  }
  const url = typeof f.redis === 'string' ? f.redis : 'redis://127.0.0.1:6379';
  const stream = typeof f.stream === 'string' ? f.stream : 'mentions';
  const batchSize = typeof f.batch === 'string' ? Number(f.batch) : 1000;
  const maxLen = typeof f.maxlen === 'string' ? Number(f.maxlen) : undefined;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    process.stderr.write(`webcare enqueue: --batch must be a positive integer, received "${String(f.batch)}"\n`);
    return 2;
  }
  if (maxLen !== undefined && (!Number.isInteger(maxLen) || maxLen < 1)) {
    process.stderr.write(`webcare enqueue: --maxlen must be a positive integer, received "${String(f.maxlen)}"\n`);
    return 2;
  }
  if (args.positionals.length > 1) {
    process.stderr.write(`webcare enqueue: ${tooManyFiles(args.positionals)}\n`);
    return 2;
  }
  const file = args.positionals[0] ?? '-';
  const input = await open(file);
  if (input instanceof Error) {
    process.stderr.write(`webcare enqueue: cannot read ${file}: ${input.message}\n`);
    return 1;
  }

  let client: RedisLike;
  try {
    const name = 'ioredis';
    const mod = (await import(name)) as { default: new (url: string, o?: object) => RedisLike };
    client = new mod.default(url, { maxRetriesPerRequest: 2 });
    // Without a listener ioredis prints every failed reconnect; the failed command says it once.
    client.on?.('error', () => undefined);
  } catch (e) {
    process.stderr.write(`webcare enqueue: cannot load ioredis (npm install ioredis): ${(e as Error).message}\n`);
    return 1;
  }
  const trim: (string | number)[] = maxLen === undefined ? [] : ['MAXLEN', '~', maxLen];
  let batch: Promise<unknown>[] = [];
  let added = 0;
  let skipped = 0;
  let lineNo = 0;
  const started = Date.now();
  try {
    for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
      lineNo += 1;
      const trimmed = line.trim();
      if (trimmed === '') continue;
      try {
        parseMentionLine(trimmed);
      } catch (e) {
        skipped += 1;
        if (f.quiet !== true) {
          const msg = e instanceof WebcareError ? `${e.code}: ${e.message}` : String(e);
          process.stderr.write(`webcare enqueue: line ${lineNo} skipped (${msg})\n`);
        }
        continue;
      }
      // Commands sent without awaiting each reply travel pipelined on the one connection.
      batch.push(client.call('XADD', stream, ...trim, '*', 'mention', trimmed));
      if (batch.length >= batchSize) {
        await Promise.all(batch);
        added += batch.length;
        batch = [];
      }
    }
    await Promise.all(batch);
    added += batch.length;
  } catch (e) {
    process.stderr.write(`webcare enqueue: ${(e as Error).message} (after ${added} entries)\n`);
    client.disconnect?.();
    return 1;
  }
  await client.quit?.();
  const secs = (Date.now() - started) / 1000;
  process.stdout.write(
    `enqueued ${added} mentions to ${stream}${skipped > 0 ? `, skipped ${skipped} malformed lines` : ''} in ${secs.toFixed(1)} s\n`,
  );
  return 0;
}

/** The `enqueue` subcommand. */
export const enqueue: Command = { summary: 'load a JSON Lines file of mentions into a Redis stream', run };
