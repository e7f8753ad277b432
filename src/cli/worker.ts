/**
 * `webcare worker`: one scale-out worker on a Redis Streams consumer group. Runs until SIGTERM or
 * SIGINT, then finishes the mentions in flight, acknowledges them and exits 0.
 * @module
 */
import { hostname } from 'node:os';
import redisStreamsSource, {
  RedisStore,
  type RedisStoreOptions,
  type RedisStreamsSinkOptions,
  type RedisStreamsSourceOptions,
  type RedisWorkerOptions,
  redisStreamsSink,
  runRedisWorker,
} from '../adapters/redis-streams.js';
import type { ScorerConfig } from '../config.js';
import { WebcareError } from '../errors.js';
import { createScorer } from '../score.js';
import type { Priority } from '../types.js';
import { listFlag, parseArgs } from './args.js';
import type { Command } from './main.js';

const SPEC = {
  redis: 'string',
  stream: 'string',
  group: 'string',
  consumer: 'string',
  out: 'string',
  escalations: 'string',
  'escalate-at': 'string',
  'dead-letter': 'string',
  'max-deliveries': 'string',
  'min-idle-ms': 'string',
  'claim-interval-ms': 'string',
  'block-ms': 'string',
  count: 'string',
  concurrency: 'string',
  prefix: 'string',
  'no-state': 'boolean',
  brand: 'string',
  handles: 'string',
  policy: 'string',
  quiet: 'boolean',
  help: 'boolean',
} as const;

const HELP = `Usage: webcare worker --redis redis://127.0.0.1:6379 [options]

Reads mentions from a Redis stream through a consumer group, writes one assessment per entry
to an output stream and acknowledges the entry only after that. Start as many as you need with
the same --group and different --consumer names. Stops on SIGTERM/SIGINT after draining.

Options:
  --redis URL              Redis URL (default redis://127.0.0.1:6379)
  --stream KEY             input stream (default mentions); entries carry a "mention" JSON field
  --group NAME             consumer group (default webcare; created when missing)
  --consumer NAME          this worker's name (default <host>-<pid>); reuse it after a restart
  --out KEY                assessments stream (default assessments)
  --escalations KEY        also write escalations (see --escalate-at) to this stream
  --escalate-at P1,P2      priorities that are escalations (default P1,P2)
  --dead-letter KEY        dead-letter stream (default <stream>:dead)
  --max-deliveries N       deliveries before an entry is dead-lettered (default 3)
  --min-idle-ms MS         take over entries pending this long in another worker (default 60000)
  --claim-interval-ms MS   how often to look for such entries (default min(min-idle, 5000))
  --block-ms MS            longest wait for new entries per read (default 1000)
  --count N                entries per read (default 100)
  --concurrency N          mentions in flight (default 256)
  --prefix P               key prefix of the shared state (default webcare:)
  --no-state               no shared dedup and author history
  --brand a,b              the brand's names (also used as handles, lower-cased)
  --handles a,b            extra brand handles without @
  --policy fair            rank by urgency and severity only
  --quiet                  no per-error lines on stderr
`;

function intFlag(v: string | boolean | undefined, name: string): number | undefined {
  if (typeof v !== 'string') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, received "${v}"`);
  return n;
}

function str(v: string | boolean | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Drop undefined values, so flags not given fall back to the adapter's defaults. */
function defined<T extends object>(o: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

async function run(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv, SPEC);
  } catch (e) {
    process.stderr.write(`webcare worker: ${(e as Error).message}\n`);
    return 2;
  }
  const f = args.flags;
  if (f.help === true) {
    process.stdout.write(HELP);
    return 0;
  }
  const url = str(f.redis) ?? 'redis://127.0.0.1:6379';
  const consumer = str(f.consumer) ?? `${hostname()}-${process.pid}`;
  const quiet = f.quiet === true;
  const names = listFlag(f.brand);
  const config: ScorerConfig = {
    brand: { names, handles: [...names.map((n) => n.toLowerCase()), ...listFlag(f.handles)] },
  };
  if (f.policy !== undefined) {
    if (f.policy !== 'fair' && f.policy !== 'default') {
      process.stderr.write(`webcare worker: --policy must be "default" or "fair", received "${String(f.policy)}"\n`);
      return 2;
    }
    config.policy = f.policy;
  }

  // Every connection (source, blocking reads, sink, store) reports the same outage on each retry:
  // say it once, and again only if it is still down half a minute later.
  const said = new Map<string, number>();
  const onConnectionError = (e: Error) => {
    const now = Date.now();
    const at = said.get(e.message);
    if (at !== undefined && now - at < 30_000) return;
    if (said.size > 100) said.clear();
    said.set(e.message, now);
    process.stderr.write(`webcare worker ${consumer}: redis at ${url}: ${e.message} (reconnecting)\n`);
  };

  let source: ReturnType<typeof redisStreamsSource>;
  let sink: ReturnType<typeof redisStreamsSink>;
  let store: RedisStore | undefined;
  let score: ReturnType<typeof createScorer>;
  let concurrency: number | undefined;
  try {
    score = createScorer(config);
    concurrency = intFlag(f.concurrency, 'concurrency');
    source = redisStreamsSource(
      defined<RedisStreamsSourceOptions>({
        url,
        onConnectionError,
        consumer,
        stream: str(f.stream),
        group: str(f.group),
        deadLetter: str(f['dead-letter']),
        maxDeliveries: intFlag(f['max-deliveries'], 'max-deliveries'),
        minIdleMs: intFlag(f['min-idle-ms'], 'min-idle-ms'),
        claimIntervalMs: intFlag(f['claim-interval-ms'], 'claim-interval-ms'),
        blockMs: intFlag(f['block-ms'], 'block-ms'),
        count: intFlag(f.count, 'count'),
        onDeadLetter: (d) => {
          if (!quiet) process.stderr.write(`dead-lettered ${d.id} after ${d.deliveries} deliveries: ${d.error}\n`);
        },
      }),
    );
    const escalateAt = listFlag(f['escalate-at']) as Priority[];
    sink = redisStreamsSink(
      defined<RedisStreamsSinkOptions>({
        url,
        onConnectionError,
        stream: str(f.out),
        escalations: str(f.escalations),
        escalateAt: escalateAt.length > 0 ? escalateAt : undefined,
      }),
    );
    if (f['no-state'] !== true)
      store = new RedisStore(defined<RedisStoreOptions>({ url, onConnectionError, prefix: str(f.prefix) }));
  } catch (e) {
    process.stderr.write(`webcare worker: ${(e as Error).message}\n`);
    return 2;
  }

  const ac = new AbortController();
  let signals = 0;
  const stop = (sig: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) process.exit(130); // a second signal: stop now, pending entries are claimed later
    if (!quiet) process.stderr.write(`webcare worker ${consumer}: ${sig}, draining\n`);
    ac.abort();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const started = Date.now();
  process.stderr.write(`webcare worker ${consumer}: reading ${source.info.stream} as group ${source.info.group}\n`);
  let code = 0;
  try {
    const stats = await runRedisWorker(
      defined<RedisWorkerOptions>({
        source,
        sink,
        store,
        score,
        signal: ac.signal,
        concurrency,
        onError: (e, record) => {
          if (quiet) return;
          const id = (record as { id?: string } | undefined)?.id;
          const what = e instanceof WebcareError ? `${e.code}: ${e.message}` : e.message;
          process.stderr.write(`webcare worker ${consumer}: ${id !== undefined ? `entry ${id}: ` : ''}${what}\n`);
        },
      }),
    );
    const secs = (Date.now() - started) / 1000;
    process.stderr.write(
      `webcare worker ${consumer}: assessed ${stats.assessed} (already written ${stats.alreadyWritten}), duplicates ${stats.duplicates}, failed ${stats.failed}, in ${secs.toFixed(1)} s\n`,
    );
  } catch (e) {
    process.stderr.write(`webcare worker ${consumer}: ${(e as Error).message}\n`);
    code = 1;
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    await Promise.allSettled([source.close(), sink.close(), store?.close()]);
  }
  return code;
}

/** The `worker` subcommand. */
export const worker: Command = { summary: 'run a scale-out worker on a Redis Streams consumer group', run };
