/**
 * A fake Bluesky Jetstream: `GET /subscribe` upgraded to a WebSocket, JSON text frames
 * (`{ did, time_us, kind: 'commit' | 'identity' | 'account', commit: { rev, operation, collection,
 * rkey, record, cid } }`), `wantedCollections` / `wantedDids` filters, and `cursor` playback from
 * a time_us (inclusive), following github.com/bluesky-social/jetstream. Without a cursor a
 * connection gets the live tail only.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ConformanceScenario, ConformanceSeed } from '../adapters/conformance.js';
import { type Fault, type FaultPlan, kill, tokenCutter } from './faults.js';

const TEMPLATE = JSON.parse(
  readFileSync(new URL('../fixtures/bluesky/commit-post.json', import.meta.url), 'utf8'),
) as Record<string, unknown> & { commit: Record<string, unknown> & { record: Record<string, unknown> } };

/** A TID-like record key, sortable by time. */
function rkey(i: number): string {
  return `3lb${String(i).padStart(10, '0')}`;
}

/** A Jetstream commit event for a seed. */
export function commitFor(seed: ConformanceSeed, i: number, timeUs: number): Record<string, unknown> {
  return {
    ...TEMPLATE,
    did: `did:plc:klant${i % 3}aaaaaaaaaaaaaaaaaa`,
    time_us: timeUs,
    commit: {
      ...TEMPLATE.commit,
      rev: `3lb${String(i).padStart(10, '0')}rev`,
      rkey: rkey(i),
      cid: `bafyreiseed${i}`,
      record: { ...TEMPLATE.commit.record, text: seed.text, createdAt: seed.createdAt, facets: [], embed: undefined },
    },
  };
}

type Frame = { time_us: number; text: string; collection: string; did: string; seed?: number };

export interface FakeJetstreamOptions extends ConformanceScenario {
  /** Extra events (identity, account, deletes, other posts) placed before the seeds. */
  before?: Record<string, unknown>[];
  /**
   * Faults to inject (tests/reliability). On the upgrade: `status`, `redirect` (refused with that
   * status), `hang` (never answered); on the open socket: `stall`, `cut`, `drip` (raw frame bytes).
   */
  faults?: FaultPlan;
}

/** An unmasked server-to-client text frame, as bytes (for cutting and dripping frames). */
function textFrame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const n = payload.length;
  let head: Buffer;
  if (n < 126) head = Buffer.from([0x81, n]);
  else if (n < 65536) head = Buffer.from([0x81, 126, n >> 8, n & 255]);
  else {
    head = Buffer.alloc(10);
    head[0] = 0x81;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(n), 2);
  }
  return Buffer.concat([head, payload]);
}

function rawSocket(ws: WebSocket): Socket {
  return (ws as unknown as { _socket: Socket })._socket;
}

export interface FakeJetstream {
  url: string;
  frames: Frame[];
  /** The query strings connections asked for. */
  connects: URLSearchParams[];
  openConnections(): number;
  close(): Promise<void>;
}

export async function startFakeJetstream(opts: FakeJetstreamOptions): Promise<FakeJetstream> {
  const frames: Frame[] = [];
  let t = Date.parse(opts.seeds[0]?.createdAt ?? new Date().toISOString()) * 1000;
  const add = (ev: Record<string, unknown>, seed?: number): void => {
    t += 700_000 + frames.length;
    ev.time_us = t;
    const commit = ev.commit as { collection?: string } | undefined;
    const f: Frame = {
      time_us: t,
      text: JSON.stringify(ev),
      collection: commit?.collection ?? '',
      did: String(ev.did),
    };
    if (seed !== undefined) f.seed = seed;
    frames.push(f);
  };
  for (const ev of opts.before ?? []) add({ ...ev });
  opts.seeds.forEach((seed, i) => {
    if (i === opts.malformedBefore) {
      t += 1000;
      frames.push({
        time_us: t,
        text: '{"did":"did:plc:broken","time_us":',
        collection: 'app.bsky.feed.post',
        did: '',
      });
    }
    // Noise around every seed: a post that does not match, a like, an identity event.
    add({
      ...TEMPLATE,
      did: 'did:plc:other',
      commit: {
        ...TEMPLATE.commit,
        rkey: `3noise${i}`,
        record: { ...TEMPLATE.commit.record, text: 'Mooi weer vandaag', facets: [] },
      },
    });
    add({
      did: 'did:plc:other',
      kind: 'identity',
      identity: { did: 'did:plc:other', handle: 'other.bsky.social', seq: 1, time: seed.createdAt },
    });
    add(commitFor(seed, i, 0), i);
  });
  let livePos = 0;
  let rateLimited = opts.rateLimit === undefined;
  let dropped = opts.dropAfter === undefined;
  const sockets = new Set<Socket>();
  const server = createServer((_req, res) => {
    res.writeHead(426).end();
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const wss = new WebSocketServer({ noServer: true });
  const connects: URLSearchParams[] = [];
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const fault = opts.faults?.take(`${url.pathname}${url.search}`);
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'status' || fault?.kind === 'redirect') {
      const extra = fault.kind === 'status' ? Object.entries(fault.headers ?? {}) : [['Location', '/moved/subscribe']];
      socket.end(
        `HTTP/1.1 ${fault.status} Fault\r\n${extra.map(([k, v]) => `${k}: ${v}\r\n`).join('')}Content-Length: 0\r\nConnection: close\r\n\r\n`,
      );
      return;
    }
    if (!rateLimited) {
      rateLimited = true;
      socket.end(
        `HTTP/1.1 429 Too Many Requests\r\nRetry-After: ${opts.rateLimit?.retryAfter ?? '1'}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      );
      return;
    }
    if (url.pathname !== '/subscribe') {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    connects.push(url.searchParams);
    wss.handleUpgrade(req, socket, head, (ws) => void serve(ws, url.searchParams, fault));
  });

  async function serve(ws: WebSocket, q: URLSearchParams, fault?: Fault): Promise<void> {
    if (fault?.kind === 'stall') return; // open, then silence
    const cutter = fault?.kind === 'cut' ? tokenCutter(fault.at) : undefined;
    let cut = false;
    const send = async (text: string): Promise<void> => {
      if (cut) return; // published while the client is gone
      if (fault?.kind === 'drip') {
        const bytes = textFrame(text);
        const sock = rawSocket(ws);
        for (let i = 0; i < bytes.length && !sock.destroyed; i++) {
          await new Promise<void>((r) => sock.write(bytes.subarray(i, i + 1), () => r()));
          await new Promise<void>((r) => ((fault.everyMs ?? 0) > 0 ? setTimeout(r, fault.everyMs) : setImmediate(r)));
        }
        return;
      }
      if (cutter !== undefined && fault?.kind === 'cut') {
        const bytes = textFrame(text);
        const keep = cutter(bytes);
        if (keep !== -1) {
          cut = true;
          const sock = rawSocket(ws);
          sock.write(bytes.subarray(0, keep), () => kill(sock, fault.mode, fault.pauseMs));
          return;
        }
      }
      await new Promise<void>((r) => ws.send(text, () => r()));
    };
    const collections = q.getAll('wantedCollections');
    const dids = q.getAll('wantedDids');
    const cursor = q.get('cursor');
    let pos = cursor === null ? livePos : frames.findIndex((f) => f.time_us >= Number(cursor));
    if (pos === -1) pos = frames.length;
    let delivered = 0;
    for (; pos < frames.length; pos++) {
      const f = frames[pos] as Frame;
      if (cursor === null) livePos = pos + 1;
      if (collections.length > 0 && f.collection !== '' && !collections.includes(f.collection)) continue;
      if (dids.length > 0 && !dids.includes(f.did)) continue;
      if (ws.readyState !== ws.OPEN) return;
      await send(f.text);
      if (f.seed !== undefined) delivered += 1;
      if (!dropped && delivered === opts.dropAfter) {
        dropped = true;
        livePos = frames.length; // what follows is only reachable through cursor playback
        await new Promise((r) => setTimeout(r, 30));
        ws.terminate();
        return;
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('no address');
  return {
    url: `ws://127.0.0.1:${addr.port}`,
    frames,
    connects,
    openConnections: () => [...wss.clients].filter((c) => c.readyState === c.OPEN || c.readyState === c.CLOSING).length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        for (const s of sockets) s.destroy();
        wss.close();
        server.close(() => resolve());
      }),
  };
}
