import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { tweetToEvent, x } from '../../src/adapters/x.js';
import { startFakeX } from '../fakes/x.js';
import { drive, makeSeeds, runConformance } from './conformance.js';

const TOKEN = 'AAAA-test-bearer';
const RULES = [{ value: '@BrandNL OR "brand nl"', tag: 'brand' }];

runConformance('x', {
  async start(scenario) {
    const fake = await startFakeX({ ...scenario, token: TOKEN });
    return {
      source: () => x({ bearerToken: TOKEN, baseUrl: fake.url, rules: RULES }),
      close: () => fake.close(),
      openConnections: () => fake.openConnections(),
    };
  },
});

describe('x adapter: wire format', () => {
  it('maps a media type it does not know, or one every object inherits, to "other"', () => {
    const msg = JSON.parse(readFileSync(new URL('../fixtures/x/stream-tweet.json', import.meta.url), 'utf8'));
    for (const type of ['constructor', 'toString', 'hologram']) {
      const includes = { ...msg.includes, media: msg.includes.media.map((m: object) => ({ ...m, type })) };
      const ev = tweetToEvent(msg.data, includes, msg, 'x', msg.data.id);
      if (ev.type !== 'mention') throw ev.error;
      expect(ev.mention.media?.map((m) => m.type)).toEqual(['other']);
    }
  });

  it('maps a documented stream message: entities decoded, author from includes, metrics, media, reply', () => {
    const msg = JSON.parse(readFileSync(new URL('../fixtures/x/stream-tweet.json', import.meta.url), 'utf8'));
    const ev = tweetToEvent(msg.data, msg.includes, msg, 'x', msg.data.id);
    if (ev.type !== 'mention') throw ev.error;
    expect(ev.mention).toMatchObject({
      id: '1859000000000001000',
      source: 'x',
      text: '@BrandNL al 3 keer gebeld & nog steeds geen monteur 😡 https://t.co/AbCdEf1234',
      url: 'https://x.com/jdevries/status/1859000000000001000',
      author: { id: '2244994945', handle: 'jdevries', name: 'Jan de Vries', followers: 1280, verified: false },
      metrics: { reposts: 4, replies: 1, likes: 17, quotes: 2, views: 1530 },
      media: [{ type: 'image', url: 'https://pbs.twimg.com/media/GcXyZ.jpg' }],
      inReplyTo: '1858990000000000000',
      lang: 'nl',
      isPublic: true,
    });
    expect(ev.mention.raw).toBe(msg);
  });

  it('reads posts split across chunks (multi-byte characters too) between keep-alive lines', async () => {
    const seeds = makeSeeds(5).map((s) => ({ ...s, text: `${s.text} 😡 ëü` }));
    const fake = await startFakeX({ seeds, token: TOKEN, pieces: 17, preamble: '\r\n\r\n' });
    try {
      const r = await drive(x({ bearerToken: TOKEN, baseUrl: fake.url }), { until: 5 });
      expect(r.errors).toEqual([]);
      expect(r.mentions.map((e) => e.mention.text)).toEqual(seeds.map((s) => s.text));
      const streamReq = fake.requests.find((q) => q.url.startsWith('/2/tweets/search/stream?'));
      expect(streamReq?.url).toContain('expansions=author_id');
      expect(streamReq?.url).toContain('user.fields=public_metrics,verified');
    } finally {
      await fake.close();
    }
  });

  it('throws SOURCE_FAILED on an operational-disconnect message and reports other stream errors', async () => {
    const other = { errors: [{ title: 'ConnectionException', detail: 'Rule 1 could not be applied' }] };
    const disconnect = {
      errors: [
        {
          title: 'operational-disconnect',
          disconnect_type: 'UpstreamOperationalDisconnect',
          detail: 'This stream has been disconnected upstream for operational reasons.',
          type: 'https://api.twitter.com/2/problems/operational-disconnect',
        },
      ],
    };
    const fake = await startFakeX({
      seeds: [],
      token: TOKEN,
      preamble: `${JSON.stringify(other)}\r\n${JSON.stringify(disconnect)}\r\n`,
    });
    try {
      const events: unknown[] = [];
      const run = async () => {
        for await (const ev of x({ bearerToken: TOKEN, baseUrl: fake.url }).stream({
          signal: new AbortController().signal,
        }))
          events.push(ev);
      };
      await expect(run()).rejects.toMatchObject({
        code: 'SOURCE_FAILED',
        message: expect.stringContaining('operational-disconnect'),
      });
      expect(events).toMatchObject([{ type: 'error', record: other }]);
    } finally {
      await fake.close();
    }
  });

  it('manages rules: adds missing ones before streaming, replaces stale ones, dry_run, refuses invalid ones', async () => {
    const fake = await startFakeX({ seeds: makeSeeds(1), token: TOKEN });
    try {
      const src = x({ bearerToken: TOKEN, baseUrl: fake.url });
      await src.addRules([{ value: 'old rule', tag: 'stale' }]);
      expect(await src.addRules([{ value: 'dry only' }], { dryRun: true })).toMatchObject([{ value: 'dry only' }]);
      expect((await src.getRules()).map((r) => r.value)).toEqual(['old rule']);
      const synced = x({ bearerToken: TOKEN, baseUrl: fake.url, rules: RULES, replaceRules: true });
      const r = await drive(synced, { until: 1 });
      expect(r.mentions.length).toBe(1);
      expect((await src.getRules()).map((q) => [q.value, q.tag])).toEqual([[RULES[0]?.value, 'brand']]);
      // Adding an existing rule again is not an error.
      await src.addRules(RULES);
      await expect(src.addRules([{ value: '((broken' }])).rejects.toMatchObject({ code: 'INVALID_CONFIG' });
      const ids = (await src.getRules()).map((q) => q.id as string);
      expect(await src.deleteRules(ids, { dryRun: true })).toBe(1);
      expect(await src.deleteRules(ids)).toBe(1);
      expect(await src.getRules()).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it('backfills with since_id over next_token pages on resume', async () => {
    const seeds = makeSeeds(230);
    const fake = await startFakeX({ seeds, token: TOKEN, pieces: 1 });
    try {
      await drive(x({ bearerToken: TOKEN, baseUrl: fake.url }), { until: 230, settleMs: 10 });
      const cursor = String((fake.messages[9] as { data: { id: string } }).data.id);
      const r = await drive(x({ bearerToken: TOKEN, baseUrl: fake.url, rules: RULES }), { cursor, until: 220 });
      expect(r.mentions.map((e) => e.mention.id)).toEqual(
        fake.messages.slice(10).map((m) => (m.data as { id: string }).id),
      );
      const searches = fake.requests.filter((q) => q.url.startsWith('/2/tweets/search/recent'));
      expect(searches.length).toBe(3);
      expect(searches[0]?.url).toContain(`since_id=${cursor}`);
      expect(decodeURIComponent(searches[0]?.url ?? '')).toContain('query=(@BrandNL OR "brand nl")');
    } finally {
      await fake.close();
    }
  });

  it('never takes a post id that is not a 64-bit decimal number as its cursor', async () => {
    const seeds = makeSeeds(6);
    const fake = await startFakeX({ seeds, token: TOKEN, pieces: 1 });
    try {
      const ids = fake.messages.map((m) => (m.data as { id: string }).id);
      (fake.messages[2]?.data as { id: string }).id = '9'.repeat(30);
      (fake.messages[3]?.data as { id: string }).id = '99&since_id=1';
      const r = await drive(x({ bearerToken: TOKEN, baseUrl: fake.url }), { until: 6 });
      expect(r.mentions).toHaveLength(6);
      expect(r.mentions.map((e) => e.cursor)).toEqual([ids[0], ids[1], ids[1], ids[1], ids[4], ids[5]]);
      expect(r.cursor).toBe(ids[5]);
    } finally {
      await fake.close();
    }
  });

  it('sends the resume cursor encoded, so a bad one is an error from X and not a changed query', async () => {
    const fake = await startFakeX({ seeds: makeSeeds(3), token: TOKEN, pieces: 1 });
    try {
      const r = await drive(x({ bearerToken: TOKEN, baseUrl: fake.url, rules: RULES }), {
        cursor: '1&query=everything',
        until: 1,
        maxThrows: 0,
      }).catch((e: unknown) => e);
      const search = fake.requests.find((q) => q.url.startsWith('/2/tweets/search/recent'));
      expect(search?.url).toContain('since_id=1%26query%3Deverything&');
      expect(r).toMatchObject({ code: 'SOURCE_HTTP' });
    } finally {
      await fake.close();
    }
  });

  it('uses x-rate-limit-reset when a 429 has no Retry-After', async () => {
    const reset = Math.floor(Date.now() / 1000) + 120;
    const server = createServer((_req, res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'x-rate-limit-reset': String(reset) });
      res.end(JSON.stringify({ title: 'Too Many Requests', status: 429 }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address();
    const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
    try {
      const it = x({ bearerToken: TOKEN, baseUrl: `http://127.0.0.1:${port}` })
        .stream({ signal: new AbortController().signal })
        [Symbol.asyncIterator]();
      const err = await it.next().then(
        () => undefined,
        (e: unknown) => e as { code: string; retryAfterMs: number },
      );
      expect(err?.code).toBe('RATE_LIMITED');
      expect(err?.retryAfterMs).toBeGreaterThan(100_000);
      expect(err?.retryAfterMs).toBeLessThanOrEqual(120_000);
    } finally {
      server.close();
    }
  });

  it('validates options at construction', () => {
    expect(() => x({ bearerToken: '' })).toThrow(/bearerToken/);
    expect(() => x({ bearerToken: 't', rules: [{ value: '' }] })).toThrow(/rules\[0\]\.value/);
    expect(() => x({ bearerToken: 't', idleTimeoutMs: -1 })).toThrow(/idleTimeoutMs/);
  });
});
