/**
 * Runs one source through the real monitor while a fault plan breaks its transport, and counts
 * what came out per seed: delivered (distinct seeds assessed), duplicates (a seed assessed more
 * than once) and strays (assessments that match no seed). Used by faults.test.ts.
 */
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { Socket } from 'node:net';
import { createMonitor } from '../../src/monitor/monitor.js';
import type { MonitorError } from '../../src/monitor/options.js';
import type { Source } from '../../src/source.js';
import type { ConformanceSeed } from '../adapters/conformance.js';

/** The outcome of one fault case. */
export interface FaultRun {
  sent: number;
  delivered: number;
  duplicates: number;
  strays: number;
  /** Connection-phase error codes the monitor reported, in order. */
  connectionErrors: string[];
  /** Record-phase error codes (bad records the source reported). */
  recordErrors: string[];
  /** The monitor's connection error events, for their `retryInMs`. */
  errors: MonitorError[];
  reconnects: number;
  ms: number;
  /** Wait from the first RATE_LIMITED error to the next seed assessed, in ms (when there was one). */
  rateLimitGapMs?: number;
}

/** Options of {@link runThroughMonitor}. */
export interface RunOptions {
  /** Called after each new seed is assessed, with the number of distinct seeds so far. */
  onDelivered?(count: number): void;
  /** Give up waiting after this long. Default 10 s. */
  timeoutMs?: number;
  /** Keep listening this long after the last seed, to catch repeats. Default 200 ms. */
  settleMs?: number;
  /** Also wait for a connection error with this code (a fault that bites after all arrived). */
  waitForError?: string;
}

const KEY = /\bcf\d{2,3}\b/;

/**
 * Start a monitor over `source` (no dedup, so a repeat would show; short backoff), wait until
 * every seed was assessed, settle, stop, and count.
 */
export async function runThroughMonitor(
  source: Source,
  seeds: ConformanceSeed[],
  opts: RunOptions = {},
): Promise<FaultRun> {
  const started = Date.now();
  const monitor = createMonitor({
    sources: [source],
    dedup: false,
    incidents: false,
    dropSpam: false,
    reconnect: { baseMs: 5, maxMs: 40 },
  });
  const counts = new Map<string, number>();
  let strays = 0;
  const errors: MonitorError[] = [];
  const recordErrors: string[] = [];
  let limitedAt: number | undefined;
  let rateLimitGapMs: number | undefined;
  let allIn: () => void = () => undefined;
  const complete = new Promise<void>((resolve) => {
    allIn = resolve;
  });
  const wanted = new Set(seeds.map((s) => s.key));
  let errorSeen = opts.waitForError === undefined;
  const check = (): void => {
    if (counts.size === wanted.size && errorSeen) allIn();
  };
  monitor.on('mention', (a) => {
    const key = KEY.exec(a.mention.text)?.[0];
    if (key === undefined || !wanted.has(key)) {
      strays += 1;
      return;
    }
    const before = counts.get(key) ?? 0;
    counts.set(key, before + 1);
    if (before === 0) {
      if (limitedAt !== undefined && rateLimitGapMs === undefined) rateLimitGapMs = Date.now() - limitedAt;
      opts.onDelivered?.(counts.size);
      check();
    }
  });
  monitor.on('error', (e) => {
    if (e.phase === 'connection') {
      errors.push(e);
      if (e.error.code === 'RATE_LIMITED') limitedAt ??= Date.now();
      if (e.error.code === opts.waitForError) {
        errorSeen = true;
        check();
      }
    } else if (e.phase === 'record') recordErrors.push(e.error.code);
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await monitor.start();
    await Promise.race([
      complete,
      new Promise<void>((r) => {
        timer = setTimeout(r, opts.timeoutMs ?? 10_000);
      }),
    ]);
    await new Promise((r) => setTimeout(r, opts.settleMs ?? 200));
  } finally {
    clearTimeout(timer);
    await monitor.stop();
  }
  let duplicates = 0;
  for (const c of counts.values()) duplicates += c - 1;
  const run: FaultRun = {
    sent: seeds.length,
    delivered: counts.size,
    duplicates,
    strays,
    connectionErrors: errors.map((e) => e.error.code),
    recordErrors,
    errors,
    reconnects: monitor.stats().reconnects,
    ms: Date.now() - started,
  };
  if (rateLimitGapMs !== undefined) run.rateLimitGapMs = rateLimitGapMs;
  return run;
}

/** A server on another loopback host (127.0.0.2, or `localhost`) that logs request headers and answers 503. */
export interface Mirror {
  url: string;
  seen: { path: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

/** Start a {@link Mirror}: the "other host" a redirect points to. */
export async function startMirror(): Promise<Mirror> {
  const seen: Mirror['seen'] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? '/', headers: req.headers });
    req.resume();
    res.writeHead(503, { 'content-type': 'text/plain' }).end('not here');
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // 127.0.0.2 is loopback on Linux; elsewhere (macOS) fall back to the name `localhost`, which is
  // also another origin than 127.0.0.1.
  let host = '127.0.0.2';
  try {
    await listen(server, host);
  } catch {
    host = 'localhost';
    await listen(server, host);
  }
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('no address');
  return {
    url: `http://${host}:${addr.port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function listen(server: Server, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** One figure line, as the suite prints it. */
export function figure(adapter: string, fault: string, r: FaultRun): string {
  return `faults: ${adapter} ${fault} delivered ${r.delivered}/${r.sent} sent, duplicates ${r.duplicates}, reconnects ${r.reconnects}, ${r.ms} ms`;
}
