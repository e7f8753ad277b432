/**
 * A fake X API v2: the filtered stream (`\r\n`-delimited JSON, blank-line keep-alives, error
 * objects in the stream), stream rules (GET, POST add/delete, `dry_run`), and recent search with
 * `since_id` and `next_token` pagination, following docs.x.com.
 */
import { readFileSync } from 'node:fs';
import type { ConformanceScenario, ConformanceSeed } from '../adapters/conformance.js';
import { type FakeServer, drop, json, startServer, tooMany, write } from './server.js';
import type { FaultPlan } from './faults.js';

const TEMPLATE = JSON.parse(readFileSync(new URL('../fixtures/x/stream-tweet.json', import.meta.url), 'utf8')) as {
  data: Record<string, unknown>;
  includes: { users: Record<string, unknown>[] };
};

const BASE = 1859000000000000000n;

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A stream message (`{ data, includes, matching_rules }`) for a seed. */
export function tweetFor(seed: ConformanceSeed, i: number): Record<string, unknown> {
  const id = String(BASE + BigInt(i + 1) * 1000n);
  const userId = String(3000 + (i % 4));
  const user = { ...TEMPLATE.includes.users[0], id: userId, username: `klant${i % 4}`, name: `Klant ${i % 4}` };
  return {
    data: {
      id,
      text: escapeText(seed.text),
      created_at: seed.createdAt,
      author_id: userId,
      lang: 'und',
      edit_history_tweet_ids: [id],
      public_metrics: { retweet_count: i, reply_count: 0, like_count: 2 * i, quote_count: 0, impression_count: 10 * i },
    },
    includes: { users: [user] },
    matching_rules: [{ id: '1859000000000000001', tag: 'brand' }],
  };
}

export interface FakeXOptions extends ConformanceScenario {
  token: string;
  gap?: number;
  /** Raw text written first on every stream connection. */
  preamble?: string;
  keepAliveMs?: number;
  /** Cut every message into this many writes, to split lines (and UTF-8 characters) across chunks. */
  pieces?: number;
  /** Faults to inject (tests/reliability). */
  faults?: FaultPlan;
}

export interface FakeX extends FakeServer {
  messages: Record<string, unknown>[];
  rules: { id: string; value: string; tag?: string }[];
}

export async function startFakeX(opts: FakeXOptions): Promise<FakeX> {
  const messages = opts.seeds.map(tweetFor);
  const wire: ({ kind: 'msg'; msg: Record<string, unknown> } | { kind: 'raw'; chunk: string })[] = [];
  messages.forEach((msg, i) => {
    if (i === opts.malformedBefore)
      wire.push({ kind: 'raw', chunk: '{"data":{"id":"1859000000000000500","text":"half\r\n' });
    wire.push({ kind: 'msg', msg });
  });
  let livePos = 0;
  let rateLimited = opts.rateLimit === undefined;
  let dropped = opts.dropAfter === undefined;
  let nextRuleId = 1n;
  const rules: FakeX['rules'] = [];

  const fake = (await startServer(async (req, res, url) => {
    if (!rateLimited) {
      rateLimited = true;
      return tooMany(res, opts.rateLimit?.retryAfter ?? '1');
    }
    if (req.headers.authorization !== `Bearer ${opts.token}`) {
      return json(res, 401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
    }
    if (url.pathname === '/2/tweets/search/stream') {
      res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      if (opts.preamble !== undefined) await write(res, opts.preamble);
      let delivered = 0;
      while (livePos < wire.length) {
        const item = wire[livePos++];
        if (item === undefined) break;
        if (item.kind === 'raw') {
          await write(res, item.chunk);
          continue;
        }
        const line = `${JSON.stringify(item.msg)}\r\n`;
        const buf = Buffer.from(line);
        const n = opts.pieces ?? 3;
        const step = Math.ceil(buf.length / n);
        for (let at = 0; at < buf.length; at += step) {
          await new Promise<void>((r) => res.write(buf.subarray(at, at + step), () => r()));
        }
        await write(res, '\r\n'); // a keep-alive between posts, as on a slow stream
        delivered += 1;
        if (!dropped && delivered === opts.dropAfter) {
          dropped = true;
          livePos = Math.min(wire.length, livePos + (opts.gap ?? 2));
          return drop(res);
        }
      }
      const beat = setInterval(() => void write(res, '\r\n'), opts.keepAliveMs ?? 100);
      res.on('close', () => clearInterval(beat));
      return;
    }
    if (url.pathname === '/2/tweets/search/recent') {
      const since = url.searchParams.get('since_id');
      if (since !== null && !/^[0-9]{1,20}$/.test(since)) {
        return json(res, 400, {
          errors: [
            {
              parameters: { since_id: [since] },
              message: `The \`since_id\` query parameter value [${since}] is not valid`,
            },
          ],
          title: 'Invalid Request',
          detail: 'One or more parameters to your request was invalid.',
          type: 'https://api.twitter.com/2/problems/invalid-request',
        });
      }
      const max = Number(url.searchParams.get('max_results') ?? '10');
      const token = url.searchParams.get('next_token');
      let rows = messages.filter((m) => since === null || BigInt(idOf(m)) > BigInt(since)).reverse();
      const start = token === null ? 0 : Number(token.replace('page', ''));
      rows = rows.slice(start, start + max);
      const more = start + max < messages.filter((m) => since === null || BigInt(idOf(m)) > BigInt(since)).length;
      const meta: Record<string, unknown> = { result_count: rows.length };
      if (rows.length > 0) {
        meta.newest_id = idOf(rows[0] as Record<string, unknown>);
        meta.oldest_id = idOf(rows[rows.length - 1] as Record<string, unknown>);
      }
      if (more) meta.next_token = `page${start + max}`;
      const users = rows.flatMap((m) => (m.includes as { users: unknown[] }).users);
      return json(
        res,
        200,
        rows.length === 0 ? { meta } : { data: rows.map((m) => m.data), includes: { users }, meta },
      );
    }
    if (url.pathname === '/2/tweets/search/stream/rules') {
      const now = new Date().toISOString();
      if (req.method === 'GET') {
        return json(
          res,
          200,
          rules.length === 0
            ? { meta: { sent: now, result_count: 0 } }
            : { data: rules, meta: { sent: now, result_count: rules.length } },
        );
      }
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        add?: { value: string; tag?: string }[];
        delete?: { ids: string[] };
      };
      const dry = url.searchParams.get('dry_run') === 'true';
      if (body.add !== undefined) {
        const created: FakeX['rules'] = [];
        const errors: unknown[] = [];
        for (const r of body.add) {
          if (r.value.includes('((')) {
            errors.push({
              value: r.value,
              details: ['Unbalanced parentheses'],
              title: 'UnprocessableEntity',
              type: 'https://api.twitter.com/2/problems/invalid-rules',
            });
          } else if (rules.some((x) => x.value === r.value)) {
            errors.push({
              value: r.value,
              id: rules.find((x) => x.value === r.value)?.id,
              title: 'DuplicateRule',
              type: 'https://api.twitter.com/2/problems/duplicate-rules',
            });
          } else {
            created.push({ id: String(1859000000000000000n + nextRuleId++), ...r });
          }
        }
        if (!dry) rules.push(...created);
        const meta = {
          sent: now,
          summary: {
            created: created.length,
            not_created: errors.length,
            valid: created.length,
            invalid: errors.length,
          },
        };
        return json(res, 201, errors.length > 0 ? { data: created, meta, errors } : { data: created, meta });
      }
      const ids = body.delete?.ids ?? [];
      const hit = rules.filter((r) => ids.includes(r.id));
      if (!dry) for (const r of hit) rules.splice(rules.indexOf(r), 1);
      return json(res, 200, {
        meta: { sent: now, summary: { deleted: hit.length, not_deleted: ids.length - hit.length } },
      });
    }
    json(res, 404, { title: 'Not Found Error', type: 'https://api.twitter.com/2/problems/resource-not-found' });
  }, opts.faults)) as FakeX;
  fake.messages = messages;
  fake.rules = rules;
  return fake;
}

function idOf(m: Record<string, unknown>): string {
  return String((m.data as Record<string, unknown>).id);
}
