/**
 * Fault injection for the fake servers: a plan of faults, each bound to the requests whose path
 * matches, applied by `startServer` (HTTP fakes) and by the fake Jetstream (WebSocket). The fake's
 * own handler still decides what the platform would send; a fault only changes how (or whether)
 * it reaches the client, as a broken network, proxy or overloaded server would.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** What to do to one request. */
export type Fault =
  /** Answer with this status instead of the platform's response (5xx storms, 429 + Retry-After). */
  | { kind: 'status'; status: number; headers?: Record<string, string> }
  /** Redirect (Location `to`, default the same path under `/moved`, which the fake serves as usual). */
  | { kind: 'redirect'; status: 301 | 302 | 303 | 307 | 308; to?: string }
  /** Read the request and never answer: no status line, no headers. */
  | { kind: 'hang' }
  /** Send the response headers, then nothing, and never end. */
  | { kind: 'stall' }
  /**
   * Pass the response through until the body has carried `at` (a token inside one record), then
   * break the connection in the middle of that record: `reset` sends a TCP RST at once, `fin`
   * waits `pauseMs` (so the half record arrives as its own chunk) and closes the socket cleanly.
   */
  | { kind: 'cut'; at: string; mode: 'reset' | 'fin'; pauseMs?: number }
  /** Pass the response through one byte per write, `everyMs` apart (0: next turn of the loop). */
  | { kind: 'drip'; everyMs?: number };

interface Rule {
  path: RegExp;
  fault: Fault | (() => Fault);
  left: number;
}

/** A queue of faults; each request takes the first rule its path matches. */
export class FaultPlan {
  private readonly rules: Rule[] = [];
  /** What fired, in order: `<kind>[ <status>] <path>`. */
  readonly fired: string[] = [];
  /** When each fault fired (epoch ms), in the order of `fired`. */
  readonly firedAt: number[] = [];

  /**
   * Apply `fault` to the next `times` requests whose path (with query) matches. A function is
   * called when the fault fires (a Retry-After date relative to that moment).
   */
  add(path: RegExp | string, fault: Fault | (() => Fault), times = 1): this {
    this.rules.push({ path: typeof path === 'string' ? new RegExp(`^${escapeRe(path)}`) : path, fault, left: times });
    return this;
  }

  /** The fault for this request, if any (consumes one use). */
  take(path: string): Fault | undefined {
    const rule = this.rules.find((r) => r.left > 0 && r.path.test(path));
    if (rule === undefined) return undefined;
    rule.left -= 1;
    const f = typeof rule.fault === 'function' ? rule.fault() : rule.fault;
    this.fired.push(`${f.kind}${'status' in f ? ` ${f.status}` : ''} ${path}`);
    this.firedAt.push(Date.now());
    return f;
  }

  /** Faults not used yet. */
  pending(): number {
    return this.rules.reduce((n, r) => n + r.left, 0);
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Prefix a redirect's default target carries; `startServer` strips it and skips the plan. */
export const MOVED = '/moved';

type Chunk = string | Uint8Array;
type Cb = ((err?: Error | null) => void) | undefined;

function toBuf(chunk: Chunk): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
}

function cbOf(a: unknown, b: unknown): Cb {
  if (typeof a === 'function') return a as Cb;
  if (typeof b === 'function') return b as Cb;
  return undefined;
}

/**
 * Apply a fault to an HTTP exchange. Returns `true` when the fake's handler should still run
 * (its output then goes through the fault), `false` when the fault answered (or will never).
 */
export function applyHttpFault(fault: Fault, req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  switch (fault.kind) {
    case 'status':
      req.resume();
      res.writeHead(fault.status, { 'content-type': 'text/plain', ...fault.headers }).end(`HTTP ${fault.status}`);
      return false;
    case 'redirect':
      req.resume();
      res.writeHead(fault.status, { location: fault.to ?? `${MOVED}${url.pathname}${url.search}` }).end();
      return false;
    case 'hang':
      req.resume();
      return false;
    case 'stall': {
      // headersSent turns true at writeHead, before anything reached the socket: flush once.
      let flushed = false;
      const flush = (): void => {
        if (flushed) return;
        flushed = true;
        res.flushHeaders();
      };
      const r = res as unknown as Record<string, unknown>;
      r.write = (_c: Chunk, a?: unknown, b?: unknown) => {
        flush();
        cbOf(a, b)?.();
        return true;
      };
      r.end = () => {
        flush();
        return res;
      };
      return true;
    }
    case 'cut':
      cutAfter(res, fault.at, fault.mode, fault.pauseMs);
      return true;
    case 'drip':
      drip(res, fault.everyMs ?? 0);
      return true;
  }
}

/** Kill a socket the way `mode` says. */
export function kill(socket: Socket | null | undefined, mode: 'reset' | 'fin', pauseMs?: number): void {
  if (socket === null || socket === undefined) return;
  const go = (): void => {
    if (socket.destroyed) return;
    if (mode === 'reset') socket.resetAndDestroy();
    else socket.end();
  };
  const wait = pauseMs ?? (mode === 'fin' ? 50 : 0);
  if (wait === 0) go();
  else setTimeout(go, wait);
}

/**
 * Find `at` in a stream written in pieces (it may straddle two writes). Bytes are read as
 * latin1 so that a string index is a byte index. Returns a feed function: the number of bytes of
 * this piece to keep (the rest, and everything after, is cut), or -1 when `at` has not appeared.
 */
export function tokenCutter(at: string): (piece: Buffer) => number {
  let tail = '';
  return (piece) => {
    const s = piece.toString('latin1');
    const all = tail + s;
    const i = all.indexOf(at);
    if (i !== -1) return i + at.length - tail.length;
    tail = all.slice(-(at.length - 1));
    return -1;
  };
}

function cutAfter(res: ServerResponse, at: string, mode: 'reset' | 'fin', pauseMs?: number): void {
  const origWrite = res.write.bind(res) as (c: Chunk, cb?: Cb) => boolean;
  const origEnd = res.end.bind(res) as (c?: Chunk, cb?: () => void) => ServerResponse;
  const find = tokenCutter(at);
  let cut = false;
  const feed = (chunk: Chunk): boolean => {
    const buf = toBuf(chunk);
    const keep = find(buf);
    if (keep === -1) return false;
    cut = true;
    // Headers first (a cut inside the very first write still sends a status line).
    origWrite(buf.subarray(0, keep), () => kill(res.socket, mode, pauseMs));
    return true;
  };
  const r = res as unknown as Record<string, unknown>;
  r.write = (chunk: Chunk, a?: unknown, b?: unknown) => {
    const cb = cbOf(a, b);
    // After the cut the platform keeps publishing; nobody receives it.
    if (cut || feed(chunk)) {
      cb?.();
      return true;
    }
    return origWrite(chunk, cb);
  };
  r.end = (chunk?: unknown, a?: unknown, b?: unknown) => {
    if (typeof chunk === 'function') return cut ? res : origEnd(undefined, chunk as () => void);
    if (cut) return res;
    if (chunk !== undefined && chunk !== null && feed(chunk as Chunk)) return res;
    return origEnd(chunk as Chunk | undefined, cbOf(a, b) as (() => void) | undefined);
  };
}

function drip(res: ServerResponse, everyMs: number): void {
  const origWrite = res.write.bind(res) as (c: Chunk, cb?: Cb) => boolean;
  const origEnd = res.end.bind(res) as (c?: Chunk, cb?: () => void) => ServerResponse;
  let chain = Promise.resolve();
  const pause = (): Promise<void> => new Promise((r) => (everyMs > 0 ? setTimeout(r, everyMs) : setImmediate(r)));
  const enqueue = (chunk: Chunk, cb: Cb): void => {
    const buf = toBuf(chunk);
    chain = chain.then(async () => {
      for (let i = 0; i < buf.length; i++) {
        if (res.destroyed) break;
        await new Promise<void>((r) => origWrite(buf.subarray(i, i + 1), () => r()));
        await pause();
      }
      cb?.();
    });
  };
  const r = res as unknown as Record<string, unknown>;
  r.write = (chunk: Chunk, a?: unknown, b?: unknown) => {
    enqueue(chunk, cbOf(a, b));
    return true;
  };
  r.end = (chunk?: unknown, a?: unknown, b?: unknown) => {
    const cb = typeof chunk === 'function' ? (chunk as () => void) : (cbOf(a, b) as (() => void) | undefined);
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') enqueue(chunk as Chunk, undefined);
    chain = chain.then(() => {
      if (!res.destroyed) origEnd(undefined, cb);
    });
    return res;
  };
}
