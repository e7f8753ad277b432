/**
 * The dashboard's HTTP server (node:http, no framework): the static page, a server-sent events
 * stream of the board, a JSON summary for the chart, and the assign / done actions.
 *
 * It binds to 127.0.0.1 by default and treats everything in a mention as hostile: the page
 * renders text with `textContent` under a strict Content-Security-Policy, and the actions only
 * accept same-origin JSON requests with a local `Host` header, so neither another web page in the
 * same browser (CSRF) nor a DNS-rebinding site can close cards.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Board, BoardEvent } from './dashboard-state.js';

/** Options of {@link startDashboardServer}. */
export interface DashboardServerOptions {
  board: Board;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Folder with index.html, app.js, dom.js, chart.js and style.css. Default: `examples/dashboard` found upwards. */
  assetsDir?: string;
  /** Milliseconds between keep-alive comments on the event stream. Default 15000. */
  heartbeatMs?: number;
}

/** A running dashboard server. */
export interface DashboardServer {
  url: string;
  port: number;
  /** Number of connected event-stream clients. */
  clients(): number;
  close(): Promise<void>;
}

const ASSETS: Record<string, string> = {
  '/': 'index.html',
  '/index.html': 'index.html',
  '/app.js': 'app.js',
  '/dom.js': 'dom.js',
  '/chart.js': 'chart.js',
  '/style.css': 'style.css',
};
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};
const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};
const MAX_BODY = 4096;
/** A client this far behind is dropped; its EventSource reconnects and gets a fresh snapshot. */
const MAX_BUFFERED = 4 * 1024 * 1024;
/** Events are batched this long before they are written. */
const FLUSH_MS = 100;
/** More events than this in one batch are replaced by a snapshot. */
const MAX_BATCH = 200;
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * Find the page's folder: `--assets`, else `examples/dashboard` next to the package (the source
 * tree when run with tsx, the package root when run from `dist/`).
 *
 * @example
 * ```ts
 * findAssetsDir(); // '/path/to/webcare/examples/dashboard'
 * ```
 */
export function findAssetsDir(explicit?: string): string {
  if (explicit !== undefined) {
    const dir = resolve(explicit);
    if (!existsSync(join(dir, 'index.html'))) throw new Error(`no index.html in ${dir}`);
    return dir;
  }
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'examples', 'dashboard');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('cannot find the dashboard page (examples/dashboard); pass --assets <dir>');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(text);
}

function hostnameOf(hostHeader: string | undefined): string | undefined {
  if (hostHeader === undefined) return undefined;
  const m = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(hostHeader);
  return m?.[1]?.toLowerCase();
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sseFrame(event: string, data: unknown): string {
  // JSON has no raw newlines, so one `data:` line is always enough.
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Start the server. Resolves once it listens.
 *
 * @example
 * ```ts
 * const board = createBoard();
 * const server = await startDashboardServer({ board, port: 0 });
 * console.log(server.url); // http://127.0.0.1:53211/
 * await server.close();
 * ```
 */
export async function startDashboardServer(options: DashboardServerOptions): Promise<DashboardServer> {
  const { board } = options;
  const host = options.host ?? '127.0.0.1';
  const assetsDir = findAssetsDir(options.assetsDir);
  const files = new Map<string, Buffer>();
  for (const name of new Set(Object.values(ASSETS))) files.set(name, readFileSync(join(assetsDir, name)));
  const checkHost = LOCAL_HOSTS.has(host.toLowerCase());
  const streams = new Set<ServerResponse>();

  const snapshotFrame = (): string =>
    sseFrame('snapshot', {
      cards: board.cards(),
      incidents: board.incidents(),
      status: board.status(),
      summary: board.summary(),
    });
  const broadcast = (frame: string): void => {
    for (const res of streams) {
      if (res.writableLength > MAX_BUFFERED) {
        res.end();
        streams.delete(res);
        continue;
      }
      res.write(frame);
    }
  };

  // Events are sent in batches every FLUSH_MS. On a flood (`--rate 0` on a big file) a batch
  // would make the page insert thousands of cards, so past MAX_BATCH events the batch is dropped
  // and replaced by one snapshot, at most once a second: the page stays responsive and correct.
  // Every event is idempotent (upsert or remove by id), so a client that connects while a batch
  // is pending and gets it after its own snapshot ends up in the same state.
  let pending: string[] = [];
  let flooded = false;
  let lastSnapshotAt = 0;
  let flushTimer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    flushTimer = undefined;
    if (streams.size > 0) {
      if (flooded) {
        lastSnapshotAt = Date.now();
        broadcast(snapshotFrame());
      } else if (pending.length > 0) broadcast(pending.join(''));
    }
    pending = [];
    flooded = false;
  };
  const enqueue = (frame: string): void => {
    if (!flooded) {
      pending.push(frame);
      if (pending.length > MAX_BATCH) {
        flooded = true;
        pending = [];
      }
    }
    if (flushTimer === undefined) {
      const wait = flooded ? Math.max(FLUSH_MS, lastSnapshotAt + 1000 - Date.now()) : FLUSH_MS;
      flushTimer = setTimeout(flush, wait);
    }
  };

  // The summary is recomputed at most once a second for all clients, not once per mention.
  let summaryTimer: NodeJS.Timeout | undefined;
  const unsubscribe = board.subscribe((e: BoardEvent) => {
    if (streams.size === 0) return;
    switch (e.type) {
      case 'card':
        enqueue(sseFrame('card', e.card));
        break;
      case 'assign':
        enqueue(sseFrame('assign', e.card));
        break;
      case 'remove':
        enqueue(sseFrame('remove', { id: e.id, reason: e.reason }));
        break;
      case 'incident':
        enqueue(sseFrame('incident', e.incident));
        break;
      case 'status':
        enqueue(sseFrame('status', e.status));
        break;
    }
    if ((e.type === 'card' || e.type === 'status') && summaryTimer === undefined) {
      summaryTimer = setTimeout(() => {
        summaryTimer = undefined;
        if (streams.size > 0) enqueue(sseFrame('summary', board.summary()));
      }, 1000);
    }
  });

  const heartbeat = setInterval(() => broadcast(': keep-alive\n\n'), options.heartbeatMs ?? 15_000);
  heartbeat.unref();

  const openStream = (req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      Connection: 'keep-alive',
    });
    // Replay: a new (or reconnecting) client gets the whole queue, then live events.
    res.write('retry: 2000\n\n');
    res.write(snapshotFrame());
    streams.add(res);
    req.on('close', () => streams.delete(res));
  };

  const action = async (req: IncomingMessage, res: ServerResponse, id: string, verb: string): Promise<void> => {
    const type = req.headers['content-type'] ?? '';
    // A cross-site form cannot send application/json without a preflight we never answer.
    if (!/^application\/json\b/i.test(type)) {
      send(res, 415, { error: 'expected Content-Type: application/json' });
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}`) {
      send(res, 403, { error: 'cross-origin request refused' });
      return;
    }
    const text = await readBody(req);
    if (text === undefined) {
      send(res, 413, { error: `body larger than ${MAX_BODY} bytes` });
      return;
    }
    let body: unknown = {};
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        send(res, 400, { error: 'body is not valid JSON' });
        return;
      }
    }
    if (verb === 'done') {
      if (!board.done(id)) send(res, 404, { error: `no open card with id ${JSON.stringify(id)}` });
      else send(res, 200, { id, done: true });
      return;
    }
    const assignee = (body as { assignee?: unknown } | null)?.assignee;
    if (typeof assignee !== 'string') {
      send(res, 400, { error: 'expected {"assignee": "<name>"}' });
      return;
    }
    const card = board.assign(id, assignee);
    if (card === undefined) send(res, 404, { error: `no open card with id ${JSON.stringify(id)}` });
    else send(res, 200, card);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (checkHost && !LOCAL_HOSTS.has(hostnameOf(req.headers.host) ?? '')) {
      send(res, 403, { error: 'unexpected Host header' });
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const asset = ASSETS[path];
    if (req.method === 'GET' && asset !== undefined) {
      const ext = asset.slice(asset.lastIndexOf('.') + 1);
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': TYPES[ext] ?? 'application/octet-stream' });
      res.end(files.get(asset));
      return;
    }
    if (req.method === 'GET' && path === '/events') return openStream(req, res);
    if (req.method === 'GET' && path === '/api/summary') return send(res, 200, board.summary());
    if (req.method === 'GET' && path === '/api/cards') return send(res, 200, board.cards());
    if (req.method === 'GET' && path === '/api/chart.svg') {
      const svg = board.categoryChart();
      if (svg === undefined) {
        res.writeHead(204, SECURITY_HEADERS);
        res.end();
        return;
      }
      // Shown through <img>, where an SVG can never run script; the CSP covers direct visits.
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'image/svg+xml; charset=utf-8' });
      res.end(svg);
      return;
    }
    const m = /^\/api\/cards\/([^/]+)\/(assign|done)$/.exec(path);
    if (m !== null) {
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST');
        return send(res, 405, { error: 'use POST' });
      }
      let id: string;
      try {
        id = decodeURIComponent(m[1] as string);
      } catch {
        return send(res, 400, { error: 'malformed card id' });
      }
      return action(req, res, id, m[2] as string);
    }
    send(res, 404, { error: 'not found' });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, { error: e instanceof Error ? e.message : 'internal error' });
      else res.end();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${port}/`,
    port,
    clients: () => streams.size,
    close: () =>
      new Promise<void>((resolveClose) => {
        unsubscribe();
        clearInterval(heartbeat);
        if (summaryTimer !== undefined) clearTimeout(summaryTimer);
        if (flushTimer !== undefined) clearTimeout(flushTimer);
        for (const res of streams) res.end();
        streams.clear();
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
