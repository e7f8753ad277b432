/**
 * Watch a Mastodon hashtag for a brand and print what needs a person: escalations (P1 and P2) as
 * they arrive, and incidents (a burst of complaints in one category, such as an outage).
 *
 *   MASTODON_TOKEN=... npx tsx examples/mastodon-watch.ts --instance https://mastodon.social --tag ziggo --brand Ziggo
 *
 * Flags win over the environment:
 *   --instance URL    MASTODON_INSTANCE   the instance (required)
 *   --token TOKEN     MASTODON_TOKEN      an access token with read:statuses
 *   --tag TAG         MASTODON_TAG        the hashtag, without # (default: the first brand, lower-cased)
 *   --brand a,b       WEBCARE_BRAND       the brand's names (also its handles, lower-cased)
 *   --threshold N     complaints in one category within the window that make an incident (10)
 *   --window-min N    the incident window in minutes (15)
 *   --all             print every mention, not only escalations
 *
 * Ctrl-C or SIGTERM finishes what was read and prints the counters. A refused token (HTTP 401 or
 * 403) stops the watch with exit code 1 instead of retrying forever.
 *
 * In your own project import from 'webcare' and 'webcare/adapters/mastodon' instead of '../src'.
 */
import { mastodon } from '../src/adapters/mastodon.js';
import { type Assessment, type Incident, type MentionMeta, createMonitor } from '../src/index.js';

interface WatchOptions {
  instance: string;
  token: string | undefined;
  tag: string;
  brand: string[];
  threshold: number;
  windowMin: number;
  all: boolean;
}

const USAGE =
  'usage: mastodon-watch --instance URL [--token T] [--tag TAG] [--brand a,b] [--threshold N] [--window-min N] [--all]';

function flag(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? undefined : argv[i + 1];
}

function positiveNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, received "${value}"`);
  return n;
}

/** Options from argv and the environment; throws with a message that says what is wrong. */
function readOptions(argv: string[], env: NodeJS.ProcessEnv): WatchOptions {
  const instance = flag(argv, 'instance') ?? env.MASTODON_INSTANCE;
  if (instance === undefined || instance === '') throw new Error('no instance: pass --instance or MASTODON_INSTANCE');
  const brand = (flag(argv, 'brand') ?? env.WEBCARE_BRAND ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const tag = (flag(argv, 'tag') ?? env.MASTODON_TAG ?? brand[0]?.toLowerCase() ?? '').replace(/^#/, '');
  if (tag === '') throw new Error('no hashtag: pass --tag, MASTODON_TAG or --brand');
  return {
    instance,
    token: flag(argv, 'token') ?? env.MASTODON_TOKEN,
    tag,
    brand,
    threshold: positiveNumber(flag(argv, 'threshold'), 'threshold', 10),
    windowMin: positiveNumber(flag(argv, 'window-min'), 'window-min', 15),
    all: argv.includes('--all'),
  };
}

function oneLine(text: string, width = 100): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length <= width ? s : `${s.slice(0, width - 1)}…`;
}

function ordinal(n: number): string {
  const tail = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${tail}`;
}

/** The few reasons that weigh most, one per rule and message, without the bookkeeping entries. */
function why(a: Assessment): string {
  const seen = new Set<string>();
  const top = a.reasons
    .filter((r) => r.weight !== 0 && r.target !== 'priority' && r.target !== 'input')
    .sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight))
    // Two rules may explain themselves alike (sentiment and complaint words): say it once.
    .filter((r) => !seen.has(r.code) && !seen.has(r.message) && seen.add(r.code).add(r.message))
    .slice(0, 3)
    .map((r) => r.message);
  return top.length > 0 ? top.join('; ') : 'nothing stands out';
}

function formatMention(label: string, a: Assessment, meta: MentionMeta): string {
  const who = a.mention.author?.handle ?? a.mention.author?.name ?? 'unknown author';
  const repeat = meta.priorContacts > 0 ? ` · ${ordinal(meta.priorContacts + 1)} contact from this author` : '';
  const lines = [
    `${label} ${a.priority} reply within ${a.respondWithinMinutes} min · @${who.replace(/^@/, '')}${repeat}`,
    `  "${oneLine(a.mention.text)}"`,
    `  pillory ${a.pilloryRisk.toFixed(2)} · urgency ${a.urgency.toFixed(2)} · ${a.intent} · ${a.replyAdvice}${a.team !== undefined ? ` · route to ${a.team}` : ''}`,
    `  why: ${why(a)}`,
  ];
  if (a.mention.url !== undefined) lines.push(`  ${a.mention.url}`);
  return lines.join('\n');
}

function formatIncident(i: Incident): string {
  const minutes = Math.round(i.windowMs / 60_000);
  const example = i.mentions[i.mentions.length - 1];
  return [
    `INCIDENT ${i.category}: ${i.count} complaints within ${minutes} min (threshold ${i.threshold}) since ${i.startedAt.toISOString()} · sources ${i.sources.join(', ')} · id ${i.id}`,
    example !== undefined ? `  latest: "${oneLine(example.mention.text)}"` : '',
  ]
    .filter((l) => l !== '')
    .join('\n');
}

async function main(): Promise<number> {
  let opts: WatchOptions;
  try {
    opts = readOptions(process.argv.slice(2), process.env);
  } catch (e) {
    process.stderr.write(`mastodon-watch: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }

  const source = mastodon({
    instance: opts.instance,
    tag: opts.tag,
    ...(opts.token !== undefined ? { accessToken: opts.token } : {}),
  });
  const monitor = createMonitor({
    sources: [source],
    config: { brand: { names: opts.brand, handles: opts.brand.map((b) => b.toLowerCase()) } },
    incidents: { windowMs: opts.windowMin * 60_000, threshold: opts.threshold },
  });

  let exitCode = 0;
  const spam = { count: 0 };
  monitor.on('mention', (a, meta) => {
    if (opts.all && a.priority !== 'P1' && a.priority !== 'P2')
      process.stdout.write(`${formatMention('MENTION', a, meta)}\n`);
  });
  monitor.on('escalation', (a, meta) => {
    process.stdout.write(`${formatMention('ESCALATION', a, meta)}\n`);
  });
  monitor.on('incident', (i) => {
    process.stdout.write(`${formatIncident(i)}\n`);
  });
  monitor.on('drop', (d) => {
    if (d.reason === 'spam') spam.count += 1;
    if (opts.all) process.stdout.write(`DROPPED ${d.reason}: "${oneLine(d.mention.text, 60)}"\n`);
  });
  monitor.on('error', (e) => {
    const retry = e.retryInMs !== undefined ? `, retrying in ${(e.retryInMs / 1000).toFixed(1)} s` : '';
    process.stderr.write(`error [${e.source}/${e.phase}] ${e.error.code}: ${e.error.message}${retry}\n`);
    // A refused token does not get better by retrying: say so and stop.
    if (e.error.code === 'SOURCE_HTTP' && (e.error.received === 'HTTP 401' || e.error.received === 'HTTP 403')) {
      process.stderr.write('mastodon-watch: the instance refused the access token (check --token or MASTODON_TOKEN)\n');
      exitCode = 1;
      void monitor.stop();
    }
  });

  let signals = 0;
  const onSignal = (): void => {
    signals += 1;
    if (signals > 1) process.exit(130); // a second Ctrl-C: do not wait any longer
    void monitor.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const who = opts.brand.length > 0 ? opts.brand.join(', ') : 'any brand';
  process.stdout.write(
    `watching #${opts.tag} on ${opts.instance} for ${who}: escalations P1/P2, incidents at ${opts.threshold} complaints in ${opts.windowMin} min\n`,
  );
  await monitor.start();
  await monitor.done();

  const s = monitor.stats();
  process.stdout.write(
    `stopped: read ${s.read}, assessed ${s.assessed}, dropped ${s.dropped} (spam ${spam.count}), errors ${s.errors}, reconnects ${s.reconnects}\n`,
  );
  return exitCode;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`mastodon-watch: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
