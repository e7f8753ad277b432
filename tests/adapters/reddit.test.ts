import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { childToEvent, isNewer, reddit } from '../../src/adapters/reddit.js';
import { startFakeReddit } from '../fakes/reddit.js';
import { drive, makeSeeds, runConformance } from './conformance.js';

const UA = 'node:webcare-test:0.1 (by /u/webcare_ci)';
const LISTING = JSON.parse(readFileSync(new URL('../fixtures/reddit/search-listing.json', import.meta.url), 'utf8'));

runConformance('reddit', {
  async start(scenario) {
    const fake = await startFakeReddit(scenario);
    return {
      // Small pages so the suite also exercises `after` pagination.
      source: () =>
        reddit({ baseUrl: fake.url, query: 'brand', userAgent: UA, intervalMs: 30, limit: 5, initialPages: 10 }),
      close: () => fake.close(),
      openConnections: () => fake.openConnections(),
    };
  },
});

describe('reddit adapter: listings', () => {
  it('maps documented t3 children: title and selftext, permalink, author, score, comments, image', () => {
    const [self, image] = LISTING.data.children;
    const a = childToEvent(self, 'reddit', 't3_1gw3m9q');
    if (a.type !== 'mention') throw a.error;
    expect(a.mention).toMatchObject({
      id: 't3_1gw3m9q',
      text: expect.stringMatching(/^Brand storing & klantenservice: al 4 dagen offline\n\nSinds vrijdag/),
      url: 'https://www.reddit.com/r/thenetherlands/comments/1gw3m9q/brand_storing_klantenservice_al_4_dagen_offline/',
      author: { id: 't2_8k2j1x', handle: 'fietsenmaker_utrecht' },
      metrics: { likes: 57, replies: 23, reposts: 1 },
      isPublic: true,
    });
    expect(a.mention.createdAt?.toISOString()).toBe('2025-11-20T09:15:02.000Z');
    expect(a.mention.media).toBeUndefined();
    const b = childToEvent(image, 'reddit');
    if (b.type !== 'mention') throw b.error;
    expect(b.mention.author?.handle).toBeUndefined(); // [deleted]
    expect(b.mention.media).toEqual([{ type: 'image', url: 'https://i.redd.it/q8y2n3k1x2ne1.jpeg' }]);
    const c = childToEvent(
      {
        kind: 't1',
        data: { name: 't1_abc', body: 'Zelfde hier &amp; al 2 dagen', parent_id: 't3_1gw3m9q', created_utc: 1 },
      },
      'reddit',
    );
    expect(c.type === 'mention' && [c.mention.text, c.mention.inReplyTo]).toEqual([
      'Zelfde hier & al 2 dagen',
      't3_1gw3m9q',
    ]);
  });

  it('compares fullnames as base-36 counters', () => {
    expect(isNewer('t3_1gw3m9q', 't3_1gw3k2p')).toBe(true);
    expect(isNewer('t3_zz', 't3_100')).toBe(false);
    expect(isNewer('t3_abc', 't3_abc')).toBe(false);
  });

  it('pages back with after= until it reaches the cursor, then delivers oldest first', async () => {
    const seeds = makeSeeds(23);
    const fake = await startFakeReddit({ seeds });
    try {
      const cursor = String(fake.children[4]?.data.name);
      const src = reddit({ baseUrl: fake.url, query: 'brand', userAgent: UA, intervalMs: 50, limit: 5 });
      const r = await drive(src, { cursor, until: 18 });
      expect(r.mentions.map((e) => e.mention.text)).toEqual(seeds.slice(5).map((s) => s.text));
      const first = fake.requests.slice(0, 4).map((q) => new URL(q.url, 'http://h').searchParams.get('after'));
      expect(first).toEqual([
        null,
        fake.children[18]?.data.name,
        fake.children[13]?.data.name,
        fake.children[8]?.data.name,
      ]);
      expect(fake.requests[0]?.url).toMatch(/^\/search\.json\?q=brand&sort=new&t=all&type=link&limit=5&raw_json=1$/);
      expect(fake.requests[0]?.headers['user-agent']).toBe(UA);
    } finally {
      await fake.close();
    }
  });

  it('delivers posts that appear between polls, and only the newest page on a first start', async () => {
    const seeds = makeSeeds(12);
    const fake = await startFakeReddit({ seeds, visible: 8 });
    try {
      const src = reddit({
        baseUrl: fake.url,
        subreddits: ['thenetherlands', 'nederland'],
        userAgent: UA,
        intervalMs: 20,
        limit: 5,
      });
      const ctl = new AbortController();
      const texts: string[] = [];
      for await (const ev of src.stream({ signal: ctl.signal })) {
        if (ev.type !== 'mention') continue;
        texts.push(ev.mention.text);
        if (texts.length === 5) fake.post(4);
        if (texts.length === 9) ctl.abort();
      }
      expect(texts).toEqual(seeds.slice(3).map((s) => s.text));
      expect(fake.requests[0]?.url).toBe('/r/thenetherlands+nederland/new.json?limit=5&raw_json=1');
    } finally {
      await fake.close();
    }
  });

  it('waits for x-ratelimit-reset when no requests remain', async () => {
    const fake = await startFakeReddit({ seeds: makeSeeds(2), ratelimit: { remaining: '0.0', reset: '60' } });
    try {
      const src = reddit({ baseUrl: fake.url, query: 'brand', userAgent: UA, intervalMs: 5 });
      const r = await drive(src, { until: 2, settleMs: 300 });
      expect(r.mentions.length).toBe(2);
      // With a 5 ms interval it would have polled many times; the reset holds it to one request.
      expect(fake.requests.length).toBe(1);
    } finally {
      await fake.close();
    }
  });

  it('validates options and the cursor', async () => {
    expect(() => reddit({ userAgent: UA })).toThrow(/query, subreddits/);
    expect(() => reddit({ query: 'x', userAgent: '' })).toThrow(/userAgent/);
    expect(() => reddit({ subreddits: ['r/bad name'], userAgent: UA })).toThrow(/subreddits/);
    expect(() => reddit({ query: 'x', userAgent: UA, limit: 500 })).toThrow(/limit/);
    const it = reddit({ query: 'x', userAgent: UA }).stream({ signal: new AbortController().signal, cursor: '17' });
    await expect(it[Symbol.asyncIterator]().next()).rejects.toMatchObject({ code: 'INVALID_CONFIG', field: 'cursor' });
  });
});
