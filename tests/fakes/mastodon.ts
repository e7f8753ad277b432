/**
 * A fake Mastodon instance: the streaming API over server-sent events (`event: update` with a
 * Status payload, `:thump` heartbeats) and the REST timelines/search with `min_id`, `since_id`,
 * `max_id`, `limit` and Link headers, following docs.joinmastodon.org.
 */
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { ConformanceScenario, ConformanceSeed } from '../adapters/conformance.js';
import { type FakeServer, drop, json, startServer, tooMany, write } from './server.js';
import type { FaultPlan } from './faults.js';

const TEMPLATE = JSON.parse(
  readFileSync(new URL('../fixtures/mastodon/status.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

const BASE = 113300000000000000n;

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A Status entity for a seed, from the documented fixture. */
export function statusFor(seed: ConformanceSeed, i: number): Record<string, unknown> {
  const id = String(BASE + BigInt(i + 1) * 1000n);
  const account = {
    ...(TEMPLATE.account as Record<string, unknown>),
    id: String(5000 + (i % 3)),
    acct: `user${i % 3}`,
  };
  return {
    ...TEMPLATE,
    id,
    created_at: seed.createdAt,
    uri: `https://social.example/users/user${i % 3}/statuses/${id}`,
    url: `https://social.example/@user${i % 3}/${id}`,
    content: `<p>${escapeHtml(seed.text)}</p>`,
    account,
    media_attachments: [],
  };
}

type WireItem = { kind: 'status'; status: Record<string, unknown> } | { kind: 'raw'; chunk: string };

export interface FakeMastodonOptions extends ConformanceScenario {
  token?: string;
  /** Records published while a dropped client is away: only REST backfill can give them. */
  gap?: number;
  /** Extra raw SSE text written first on every stream connection (deletes, edits, comments). */
  preamble?: string;
  /** Split each `data:` JSON over two `data:` lines (legal SSE; Mastodon does not, others do). */
  multiLineData?: boolean;
  heartbeatMs?: number;
  /** Faults to inject (tests/reliability). */
  faults?: FaultPlan;
}

export interface FakeMastodon extends FakeServer {
  statuses: Record<string, unknown>[];
  streamConnections: number;
}

export async function startFakeMastodon(opts: FakeMastodonOptions): Promise<FakeMastodon> {
  const statuses = opts.seeds.map(statusFor);
  const wire: WireItem[] = [];
  statuses.forEach((status, i) => {
    if (i === opts.malformedBefore)
      wire.push({ kind: 'raw', chunk: 'event: update\ndata: {"id":"999","content":\n\n' });
    wire.push({ kind: 'status', status });
  });
  let livePos = 0;
  let rateLimited = opts.rateLimit === undefined;
  let dropped = opts.dropAfter === undefined;
  const gap = opts.gap ?? 2;

  function authorized(auth: string | undefined): boolean {
    return opts.token === undefined || auth === `Bearer ${opts.token}`;
  }

  function page(all: Record<string, unknown>[], q: URLSearchParams, base: string, res: ServerResponse): void {
    const limit = Math.min(Number(q.get('limit') ?? '20'), 40);
    const big = (s: Record<string, unknown>) => BigInt(String(s.id));
    let rows = [...all].sort((a, b) => (big(a) < big(b) ? -1 : 1));
    const maxId = q.get('max_id');
    if (maxId !== null) rows = rows.filter((s) => big(s) < BigInt(maxId));
    const minId = q.get('min_id');
    const sinceId = q.get('since_id');
    let chosen: Record<string, unknown>[];
    if (minId !== null) {
      // min_id: the statuses immediately newer than min_id.
      chosen = rows.filter((s) => big(s) > BigInt(minId)).slice(0, limit);
    } else {
      if (sinceId !== null) rows = rows.filter((s) => big(s) > BigInt(sinceId));
      chosen = rows.slice(-limit);
    }
    chosen.reverse(); // newest first, as Mastodon returns them
    const links: string[] = [];
    const newest = chosen[0];
    const oldest = chosen[chosen.length - 1];
    if (oldest !== undefined) links.push(`<${base}?max_id=${String(oldest.id)}&limit=${limit}>; rel="next"`);
    if (newest !== undefined) links.push(`<${base}?min_id=${String(newest.id)}&limit=${limit}>; rel="prev"`);
    json(res, 200, base.endsWith('/search') ? { accounts: [], statuses: chosen, hashtags: [] } : chosen, {
      link: links.join(', '),
    });
  }

  const fake = (await startServer(async (req, res, url) => {
    if (!rateLimited) {
      rateLimited = true;
      return tooMany(res, opts.rateLimit?.retryAfter ?? '1');
    }
    if (!authorized(req.headers.authorization)) {
      return json(res, 401, { error: 'The access token is invalid' });
    }
    if (url.pathname.startsWith('/api/v1/streaming/')) {
      fake.streamConnections += 1;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      await write(res, ':)\n');
      if (opts.preamble !== undefined) await write(res, opts.preamble);
      let delivered = 0;
      while (livePos < wire.length) {
        const item = wire[livePos++] as WireItem;
        if (item.kind === 'raw') {
          await write(res, item.chunk);
          continue;
        }
        const data = JSON.stringify(item.status);
        let chunk = `event: update\ndata: ${data}\n\n`;
        if (opts.multiLineData === true) {
          const cut = data.indexOf(',"created_at"');
          chunk = `event: update\ndata: ${data.slice(0, cut + 1)}\ndata: ${data.slice(cut + 1)}\n\n`;
        }
        // Two writes per event so lines straddle network chunks.
        const half = Math.floor(chunk.length / 2);
        await write(res, chunk.slice(0, half));
        await write(res, chunk.slice(half));
        delivered += 1;
        if (!dropped && delivered === opts.dropAfter) {
          dropped = true;
          livePos = Math.min(wire.length, livePos + gap);
          return drop(res);
        }
      }
      const beat = setInterval(() => void write(res, ':thump\n'), opts.heartbeatMs ?? 100);
      res.on('close', () => clearInterval(beat));
      return;
    }
    const tag = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(url.pathname);
    if (tag !== null || url.pathname === '/api/v1/timelines/public' || url.pathname === '/api/v1/timelines/home') {
      return page(statuses, url.searchParams, `${fake.url}${url.pathname}`, res);
    }
    if (url.pathname === '/api/v2/search') {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const hits = statuses.filter((s) => String(s.content).toLowerCase().includes(q));
      return page(hits, url.searchParams, `${fake.url}${url.pathname}`, res);
    }
    json(res, 404, { error: 'Record not found' });
  }, opts.faults)) as FakeMastodon;
  fake.statuses = statuses;
  fake.streamConnections = 0;
  return fake;
}
