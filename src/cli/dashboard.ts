/**
 * `webcare dashboard [file.jsonl | -]`: a live triage page on localhost. Mentions are read from a
 * JSON Lines file (paced at `--rate` per second so a replay looks live) or stdin, scored, and
 * pushed to the page as server-sent events.
 * @module
 */
import { createReadStream } from 'node:fs';
import type { ScorerConfig } from '../config.js';
import { createScorer } from '../score.js';
import { listFlag, parseArgs, tooManyFiles } from './args.js';
import { fileLines, runFeed, streamLines } from './dashboard-feed.js';
import { runMonitorFeed } from './dashboard-monitor.js';
import { startDashboardServer } from './dashboard-server.js';
import { createBoard } from './dashboard-state.js';
import type { Command } from './main.js';

const SPEC = {
  port: 'string',
  host: 'string',
  rate: 'string',
  brand: 'string',
  handles: 'string',
  policy: 'string',
  follow: 'boolean',
  raw: 'boolean',
  'max-cards': 'string',
  'burst-threshold': 'string',
  'burst-window': 'string',
  assets: 'string',
  help: 'boolean',
} as const;

const HELP = `Usage: webcare dashboard [file.jsonl | -] [options]

Serves a live triage page on localhost: the queue ordered by what to answer first (priority,
then pillory risk, then urgency), a chart of sentiment and complaint volume, and incident
banners. Mentions are JSON Lines (one mention object or JSON string per line); "-" or no file
reads stdin. They go through the monitor (createMonitor with the jsonl adapter), which drops
duplicates and spam; incidents are bursts of complaints in one category by createdAt.

Options:
  --port N               port to listen on (default 0: a free port, printed on start)
  --host H               address to bind (default 127.0.0.1; anything else exposes the queue)
  --rate N               mentions per second read from the file (default 20; 0 = as fast as possible)
  --follow               keep reading the file as it grows (like tail -f)
  --raw                  score every line as is: no monitor, so duplicates and spam are shown too
  --brand a,b            the brand's names (also used as handles, lower-cased)
  --handles a,b          extra brand handles without @
  --policy fair          rank by urgency and severity only (default: urgency and pillory risk)
  --max-cards N          open cards kept (default 1000; the lowest in triage order is dropped)
  --burst-threshold N    complaints in one category that make an incident (default 5)
  --burst-window MIN     ... within this many minutes of createdAt (default 30)
  --assets DIR           serve the page from DIR instead of examples/dashboard

Endpoints: / (page), /events (server-sent events), /api/summary, /api/cards, /api/chart.svg,
POST /api/cards/:id/assign {"assignee": "..."}, POST /api/cards/:id/done.
`;

function num(flag: string | boolean | undefined, name: string, fallback: number, min: number): number {
  if (flag === undefined) return fallback;
  const n = typeof flag === 'string' && flag.trim() !== '' ? Number(flag) : Number.NaN;
  if (!Number.isFinite(n) || n < min)
    throw new Error(`--${name} must be a number >= ${min}, received "${String(flag)}"`);
  return n;
}

async function run(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  let port: number;
  let rate: number;
  let maxCards: number;
  let threshold: number;
  let windowMinutes: number;
  try {
    args = parseArgs(argv, SPEC);
    port = num(args.flags.port, 'port', 0, 0);
    rate = num(args.flags.rate, 'rate', 20, 0);
    maxCards = num(args.flags['max-cards'], 'max-cards', 1000, 1);
    threshold = num(args.flags['burst-threshold'], 'burst-threshold', 5, 2);
    windowMinutes = num(args.flags['burst-window'], 'burst-window', 30, 0.01);
    if (!Number.isInteger(port) || port > 65535) throw new Error(`--port must be 0..65535, received "${port}"`);
    if (!Number.isInteger(maxCards)) throw new Error(`--max-cards must be an integer, received "${maxCards}"`);
    if (!Number.isInteger(threshold)) throw new Error(`--burst-threshold must be an integer, received "${threshold}"`);
    if (args.flags.policy !== undefined && args.flags.policy !== 'fair' && args.flags.policy !== 'default') {
      throw new Error(`--policy must be "default" or "fair", received "${String(args.flags.policy)}"`);
    }
  } catch (e) {
    process.stderr.write(`webcare dashboard: ${(e as Error).message}\n`);
    return 2;
  }
  if (args.flags.help === true) {
    process.stdout.write(HELP);
    return 0;
  }
  if (args.positionals.length > 1) {
    process.stderr.write(`webcare dashboard: ${tooManyFiles(args.positionals)}\n`);
    return 2;
  }
  const file = args.positionals[0] ?? '-';
  const names = listFlag(args.flags.brand);
  const config: ScorerConfig = {
    brand: { names, handles: [...names.map((n) => n.toLowerCase()), ...listFlag(args.flags.handles)] },
  };
  if (args.flags.policy === 'fair' || args.flags.policy === 'default') config.policy = args.flags.policy;
  const score = createScorer(config);
  const follow = args.flags.follow === true;
  if (follow && file === '-') {
    process.stderr.write('webcare dashboard: --follow needs a file, not stdin\n');
    return 2;
  }

  if (file !== '-') {
    // Fail before starting the server when the file cannot be read.
    const problem = await new Promise<Error | null>((resolve) => {
      const s = createReadStream(file);
      s.once('open', () => {
        s.destroy();
        resolve(null);
      });
      s.once('error', (e) => resolve(e));
    });
    if (problem !== null) {
      process.stderr.write(`webcare dashboard: cannot read ${file}: ${problem.message}\n`);
      return 1;
    }
  }

  const board = createBoard({ maxCards, bursts: { threshold, windowMinutes } });
  const host = typeof args.flags.host === 'string' ? args.flags.host : '127.0.0.1';
  let server: Awaited<ReturnType<typeof startDashboardServer>>;
  try {
    server = await startDashboardServer({
      board,
      host,
      port,
      ...(typeof args.flags.assets === 'string' ? { assetsDir: args.flags.assets } : {}),
    });
  } catch (e) {
    process.stderr.write(`webcare dashboard: ${(e as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`webcare dashboard: ${server.url}\n`);
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    process.stderr.write(`webcare dashboard: listening on ${host}: anyone who can reach it can read the queue\n`);
  }

  const stop = new AbortController();
  const closed = new Promise<void>((resolve) => {
    const shutdown = (): void => {
      process.off('SIGINT', shutdown);
      process.off('SIGTERM', shutdown);
      stop.abort();
      if (file === '-') process.stdin.destroy();
      server.close().then(resolve, resolve);
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  });

  const onFeedEnd = (): void => {
    if (stop.signal.aborted) return;
    const s = board.summary().totals;
    const st = board.status();
    process.stderr.write(
      `webcare dashboard: feed finished, ${s.scored} scored, ${s.skipped} skipped${st.message !== undefined ? `, ${st.message}` : ''} · P1 ${s.byPriority.P1} · P2 ${s.byPriority.P2}; still serving, Ctrl-C to stop\n`,
    );
  };
  const onFeedError = (e: unknown): void => {
    const message = e instanceof Error ? e.message : String(e);
    board.setStatus({ ...board.status(), state: 'failed', message });
    process.stderr.write(`webcare dashboard: feed failed: ${message}\n`);
  };
  const feed =
    args.flags.raw === true
      ? runFeed({
          lines: file === '-' ? streamLines(process.stdin) : fileLines(file, { signal: stop.signal, follow }),
          score,
          board,
          rate,
          signal: stop.signal,
          onSkip: (lineNo, err) =>
            process.stderr.write(`webcare dashboard: line ${lineNo} skipped (${err.code}: ${err.message})\n`),
        })
      : runMonitorFeed({
          input: file === '-' ? { stream: process.stdin } : { file, follow },
          score,
          board,
          rate,
          signal: stop.signal,
          onSkip: (err) => process.stderr.write(`webcare dashboard: ${err.code}: ${err.message}\n`),
        });
  feed.then(onFeedEnd, onFeedError);
  await closed;
  process.stderr.write('webcare dashboard: stopped\n');
  return 0;
}

/** The `dashboard` subcommand. */
export const dashboard: Command = { summary: 'serve a live triage page for a JSON Lines feed on localhost', run };
