/**
 * `webcare watch --source <name> [adapter options]`: run a monitor on a live source and print
 * escalations (or every mention with `--all`) as they come, and incidents when a burst starts.
 * `jsonl` and `webhook` have their own flags; any other adapter (mastodon, bluesky, x, reddit,
 * rss...) is loaded by name from `webcare/adapters/<name>` and gets the remaining `--flags` as its
 * options (kebab-case to camelCase), or `--options '<json>'` for exact types.
 * @module
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ScorerConfig } from '../config.js';
import { FileStore } from '../monitor/file-store.js';
import { createMonitor } from '../monitor/monitor.js';
import type { Incident } from '../monitor/incidents.js';
import type { MentionMeta, MonitorError } from '../monitor/options.js';
import type { Source } from '../source.js';
import type { Assessment } from '../types.js';
import { listFlag } from './args.js';
import type { Command } from './main.js';
import { formatRow } from './triage.js';

const HELP = `Usage: webcare watch --source <name> [options] [adapter options]

Watches a source of mentions, scores each as it arrives and prints escalations (P1/P2) live.

Options:
  --source NAME       jsonl, webhook, or a platform adapter (mastodon, bluesky, x, reddit, rss)
  --all               print every assessed mention, not only escalations
  --json              one JSON object per line: {"type":"escalation"|"mention"|"incident", ...}
  --brand a,b         the brand's names (also used as handles, lower-cased)
  --handles a,b       extra brand handles without @
  --policy fair       rank by urgency and severity only
  --escalate P1,P2    priorities that count as escalations (default P1,P2)
  --incident-threshold N  complaints in one category within the window that make an incident (10)
  --incident-window S     incident window in seconds (900)
  --redact            mask personal data in the output
  --state FILE        keep source checkpoints in FILE, so a restart resumes where it stopped
  --no-color          no colours even on a terminal

jsonl:    --file PATH|-  (stdin when "-" or absent)   --follow   (keep reading a growing file)
webhook:  --port N (0 picks a free one)   --host H (127.0.0.1)   --path /hook
          --app-secret S   --verify-token T   --shared-secret S   --max-body BYTES
          (or WEBCARE_APP_SECRET, WEBCARE_VERIFY_TOKEN, WEBCARE_SHARED_SECRET in the environment)
others:   --options '<json>' and/or --some-option value (passed as { someOption: 'value' })

Stops on Ctrl-C (finishing what it has read), or when a finite source ends.
`;

const COMMON = new Set([
  'source',
  'all',
  'json',
  'brand',
  'handles',
  'policy',
  'escalate',
  'incident-threshold',
  'incident-window',
  'redact',
  'state',
  'no-color',
  'color',
  'help',
]);
const BOOLEAN = new Set(['all', 'json', 'redact', 'no-color', 'color', 'help', 'follow']);

interface Parsed {
  common: Map<string, string | true>;
  rest: Map<string, (string | true)[]>;
}

/** Parse `--flag`, `--key value`, `--key=value`; flags other than the common ones go to the adapter. */
function parse(argv: readonly string[]): Parsed {
  const common = new Map<string, string | true>();
  const rest = new Map<string, (string | true)[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"; options start with --`);
    const eq = arg.indexOf('=');
    const key = arg.slice(2, eq === -1 ? undefined : eq);
    let value: string | true;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (BOOLEAN.has(key)) value = true;
    else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) value = true;
      else {
        value = next;
        i++;
      }
    }
    if (COMMON.has(key)) common.set(key, value);
    else rest.set(key, [...(rest.get(key) ?? []), value]);
  }
  return { common, rest };
}

const camel = (k: string) => k.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** Options whose names say they are numbers (`maxBackfillPages`, `timeoutMs`, `intervalMs`...). */
const NUMERIC_KEY = /^max|Ms$|Pages$|Limit$|Interval$|Count$|Size$|Port$|Seconds$/;

/** A flag value as the adapter expects it: `true`/`false` as booleans, numeric options as numbers. */
function typedValue(key: string, v: string | true): unknown {
  if (v === true || v === 'true') return true;
  if (v === 'false') return false;
  if (NUMERIC_KEY.test(key) && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return v;
}

function text(rest: Parsed['rest'], key: string): string | undefined {
  const v = rest.get(key)?.at(-1);
  rest.delete(key);
  return typeof v === 'string' ? v : undefined;
}

function flag(rest: Parsed['rest'], key: string): boolean {
  const v = rest.get(key)?.at(-1);
  rest.delete(key);
  return v === true || v === 'true';
}

function int(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number >= 0, received "${v}"`);
  return n;
}

function unknownFlags(rest: Parsed['rest'], source: string): void {
  if (rest.size > 0) {
    throw new Error(
      `unknown option${rest.size > 1 ? 's' : ''} for --source ${source}: ${[...rest.keys()].map((k) => `--${k}`).join(', ')}`,
    );
  }
}

/** `import()` of a computed specifier, so the bundler leaves it to run time. */
const importAt = (specifier: string) => import(specifier) as Promise<{ default?: unknown }>;

/**
 * Load `adapters/<name>` wherever it sits: beside this file's chunk in the built package
 * (`dist/adapters/`), next to `src/cli/` when run from source, or through the package's own
 * `webcare/adapters/<name>` export.
 */
async function loadAdapter(name: string): Promise<{ default?: unknown } | undefined> {
  const candidates = [
    new URL(`./adapters/${name}.js`, import.meta.url).href,
    new URL(`../adapters/${name}.js`, import.meta.url).href,
    `webcare/adapters/${name}`,
  ];
  for (const spec of candidates) {
    try {
      return await importAt(spec);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw e;
    }
  }
  return undefined;
}

interface Built {
  source: Source;
  /** Something to start (an HTTP server) and stop. */
  start?: () => Promise<string>;
  stop?: () => Promise<void>;
}

async function buildSource(name: string, rest: Parsed['rest']): Promise<Built> {
  if (name === 'jsonl') {
    const { jsonl } = await import('../adapters/jsonl.js');
    const file = text(rest, 'file') ?? '-';
    const follow = flag(rest, 'follow');
    unknownFlags(rest, name);
    return { source: file === '-' ? jsonl({ input: process.stdin, name: 'stdin' }) : jsonl({ file, follow }) };
  }
  if (name === 'webhook') {
    const { webhook } = await import('../adapters/webhook.js');
    const port = int(text(rest, 'port'), 'port') ?? 8080;
    const host = text(rest, 'host') ?? '127.0.0.1';
    const path = text(rest, 'path');
    const appSecret = text(rest, 'app-secret') ?? process.env.WEBCARE_APP_SECRET;
    const verifyToken = text(rest, 'verify-token') ?? process.env.WEBCARE_VERIFY_TOKEN;
    const sharedSecret = text(rest, 'shared-secret') ?? process.env.WEBCARE_SHARED_SECRET;
    const maxBodyBytes = int(text(rest, 'max-body'), 'max-body');
    unknownFlags(rest, name);
    const hook = webhook({
      ...(appSecret ? { appSecret } : {}),
      ...(verifyToken ? { verifyToken } : {}),
      ...(sharedSecret ? { sharedSecret } : {}),
      ...(maxBodyBytes !== undefined ? { maxBodyBytes } : {}),
    });
    const server = createServer((req, res) => {
      if (path !== undefined && (req.url ?? '/').split('?')[0] !== path) {
        res.writeHead(404).end();
        return;
      }
      hook.handler(req, res);
    });
    return {
      source: hook,
      start: () =>
        new Promise((resolve, reject) => {
          server.once('error', reject);
          server.listen(port, host, () => {
            const a = server.address() as AddressInfo;
            resolve(`http://${a.address}:${a.port}${path ?? '/'}`);
          });
        }),
      stop: () => new Promise((resolve) => server.close(() => resolve())),
    };
  }
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`--source must be an adapter name, received "${name}"`);
  const mod = await loadAdapter(name);
  if (mod === undefined)
    throw new Error(`no adapter named "${name}"; try jsonl, webhook, mastodon, bluesky, x, reddit or rss`);
  if (typeof mod.default !== 'function') throw new Error(`adapter "${name}" has no default factory`);
  const options: Record<string, unknown> = {};
  const json = text(rest, 'options');
  if (json !== undefined) {
    try {
      Object.assign(options, JSON.parse(json));
    } catch {
      throw new Error('--options must be a JSON object');
    }
  }
  for (const [k, values] of rest) {
    const key = camel(k);
    const typed = values.map((v) => typedValue(key, v));
    options[key] = typed.length === 1 ? typed[0] : typed;
  }
  return { source: (mod.default as (o: Record<string, unknown>) => Source)(options) };
}

async function run(argv: string[]): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parse(argv);
  } catch (e) {
    process.stderr.write(`webcare watch: ${(e as Error).message}\n`);
    return 2;
  }
  const { common, rest } = parsed;
  if (common.get('help') === true) {
    process.stdout.write(HELP);
    return 0;
  }
  const sourceName = common.get('source');
  if (typeof sourceName !== 'string') {
    process.stderr.write('webcare watch: --source is required (jsonl, webhook, mastodon, bluesky, x, reddit, rss)\n');
    return 2;
  }
  const str = (k: string) => {
    const v = common.get(k);
    return typeof v === 'string' ? v : undefined;
  };
  const names = listFlag(str('brand'));
  const config: ScorerConfig = {
    brand: { names, handles: [...names.map((n) => n.toLowerCase()), ...listFlag(str('handles'))] },
  };
  const policy = str('policy');
  if (policy !== undefined) {
    if (policy !== 'fair' && policy !== 'default') {
      process.stderr.write(`webcare watch: --policy must be "default" or "fair", received "${policy}"\n`);
      return 2;
    }
    config.policy = policy;
  }

  let built: Built;
  let monitor: ReturnType<typeof createMonitor>;
  let store: FileStore | undefined;
  try {
    const statePath = str('state');
    if (statePath !== undefined) store = await FileStore.open(statePath);
    built = await buildSource(sourceName, rest);
    const threshold = int(str('incident-threshold'), 'incident-threshold') ?? 10;
    const windowS = int(str('incident-window'), 'incident-window') ?? 900;
    monitor = createMonitor({
      sources: [built.source],
      config,
      escalateAt: (listFlag(str('escalate')).length > 0 ? listFlag(str('escalate')) : ['P1', 'P2']) as ('P1' | 'P2')[],
      incidents: { threshold, windowMs: windowS * 1000 },
      redactPII: common.get('redact') === true,
      ...(store !== undefined ? { store } : {}),
    });
  } catch (e) {
    process.stderr.write(`webcare watch: ${(e as Error).message}\n`);
    return 2;
  }

  const json = common.get('json') === true;
  const all = common.get('all') === true;
  const color =
    !json &&
    common.get('no-color') !== true &&
    (process.stdout.isTTY === true || common.get('color') === true) &&
    !process.env.NO_COLOR;
  const style = color
    ? {
        bold: (s: string) => `\x1b[1m${s}\x1b[22m`,
        dim: (s: string) => `\x1b[2m${s}\x1b[22m`,
        priority: (p: Assessment['priority'], s: string) =>
          `${{ P1: '\x1b[41;97m', P2: '\x1b[33m', P3: '\x1b[36m', P4: '\x1b[90m' }[p]}${s}\x1b[0m`,
      }
    : undefined;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const print = (type: 'mention' | 'escalation', a: Assessment, meta: MentionMeta) => {
    if (json) out(JSON.stringify({ type, source: meta.source, priorContacts: meta.priorContacts, assessment: a }));
    else out(style === undefined ? formatRow(a) : formatRow(a, style));
  };
  const escalate = new Set(listFlag(str('escalate')).length > 0 ? listFlag(str('escalate')) : ['P1', 'P2']);
  monitor.on('mention', (a, meta) => {
    if (all || escalate.has(a.priority)) print(escalate.has(a.priority) ? 'escalation' : 'mention', a, meta);
  });
  monitor.on('incident', (i: Incident) => {
    if (json) out(JSON.stringify({ type: 'incident', incident: { ...i, mentions: i.mentions.map((a) => a.mention) } }));
    else
      out(
        `!! incident: ${i.count} ${i.category} complaints within ${Math.round(i.windowMs / 60_000)} min (from ${i.sources.join(', ')})`,
      );
  });
  let errors = 0;
  monitor.on('error', (e: MonitorError) => {
    errors += 1;
    const retry =
      e.retryInMs !== undefined ? `, retrying in ${(e.retryInMs / 1000).toFixed(1)}s` : e.gaveUp ? ', giving up' : '';
    process.stderr.write(`webcare watch: ${e.source} ${e.phase}: ${e.error.code}: ${e.error.message}${retry}\n`);
  });

  try {
    const address = await built.start?.();
    if (address !== undefined) process.stderr.write(`webcare watch: listening on ${address}\n`);
  } catch (e) {
    process.stderr.write(`webcare watch: cannot listen: ${(e as Error).message}\n`);
    return 1;
  }
  let signals = 0;
  const onSignal = () => {
    signals += 1;
    if (signals > 1) process.exit(130); // a second Ctrl-C does not wait for the drain
    void monitor.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  await monitor.start();
  await monitor.done();
  await built.stop?.();
  await store?.close();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  const s = monitor.stats();
  process.stderr.write(`${s.assessed} mentions assessed, ${s.dropped} dropped, ${errors} errors\n`);
  return 0;
}

/** The `watch` subcommand. */
export const watch: Command = { summary: 'watch a live source and print escalations as they come', run };
