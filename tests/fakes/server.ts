/**
 * A tiny HTTP server on 127.0.0.1 for the fake platforms: tracks open sockets (so tests can check
 * that an aborted stream really closed its connection), logs requests, and closes hard.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { Socket } from 'node:net';
import { type FaultPlan, MOVED, applyHttpFault } from './faults.js';

export interface FakeServer {
  server: Server;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Every request seen, in order (method + path with query). */
  requests: { method: string; url: string; headers: IncomingMessage['headers'] }[];
  /** Responses still open (a stream the client has not closed). */
  openConnections(): number;
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

/**
 * Start a fake on 127.0.0.1. With a fault plan, each request first takes its fault (if any);
 * a redirect's default target (`/moved/<path>`) is served as `<path>`, without a fault.
 */
export async function startServer(handler: Handler, faults?: FaultPlan): Promise<FakeServer> {
  const sockets = new Set<Socket>();
  const requests: FakeServer['requests'] = [];
  let active = 0;
  const server = createServer((req, res) => {
    active += 1;
    res.on('close', () => {
      active -= 1;
    });
    let url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? 'GET', url: `${url.pathname}${url.search}`, headers: req.headers });
    if (url.pathname.startsWith(`${MOVED}/`)) {
      url = new URL(`${url.pathname.slice(MOVED.length)}${url.search}`, 'http://127.0.0.1');
    } else {
      const fault = faults?.take(`${url.pathname}${url.search}`);
      if (fault !== undefined && !applyHttpFault(fault, req, res, url)) return;
    }
    Promise.resolve(handler(req, res, url)).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(e));
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('no address');
  return {
    server,
    url: `http://127.0.0.1:${addr.port}`,
    requests,
    // Requests whose response is still open: an aborted stream must bring this back to 0. (Idle
    // sockets are not counted: undici may open a spare one that never carries a request.)
    openConnections: () => active,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Write a chunk and wait until it reached the socket. */
export function write(res: ServerResponse, chunk: string): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed || res.writableEnded) return resolve();
    res.write(chunk, () => resolve());
  });
}

/** Kill the connection the way a network failure does (no clean end of the body). */
export async function drop(res: ServerResponse): Promise<void> {
  await new Promise((r) => setTimeout(r, 30));
  res.socket?.destroy();
}

/** Reply with JSON. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

/** A 429 with `Retry-After`. */
export function tooMany(res: ServerResponse, retryAfter: string): void {
  json(res, 429, { error: 'Too Many Requests' }, { 'retry-after': retryAfter });
}
