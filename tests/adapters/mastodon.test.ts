import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mastodon, statusToEvent } from '../../src/adapters/mastodon.js';
import { WebcareError } from '../../src/errors.js';
import { drive, makeSeeds, runConformance } from './conformance.js';
import { startFakeMastodon } from '../fakes/mastodon.js';

const TOKEN = 'test-token';

runConformance('mastodon', {
  async start(scenario) {
    const fake = await startFakeMastodon({ ...scenario, token: TOKEN });
    return {
      source: () => mastodon({ instance: fake.url, tag: 'brand', accessToken: TOKEN }),
      close: () => fake.close(),
      openConnections: () => fake.openConnections(),
    };
  },
});

describe('mastodon adapter: wire format', () => {
  it('maps a media type it does not know, or one every object inherits, to "other"', () => {
    const status = JSON.parse(readFileSync(new URL('../fixtures/mastodon/status.json', import.meta.url), 'utf8'));
    for (const type of ['constructor', 'toString', 'hologram']) {
      const media = status.media_attachments.map((a: object) => ({ ...a, type }));
      const ev = statusToEvent({ ...status, media_attachments: media }, 'mastodon');
      if (ev.type !== 'mention') throw ev.error;
      expect(ev.mention.media?.map((m) => m.type)).toEqual(['other']);
    }
  });

  it('maps a documented Status entity: HTML stripped, entities decoded, author, counts, media', () => {
    const status = JSON.parse(readFileSync(new URL('../fixtures/mastodon/status.json', import.meta.url), 'utf8'));
    const ev = statusToEvent(status, 'mastodon', status.id);
    if (ev.type !== 'mention') throw ev.error;
    expect(ev.cursor).toBe('113300000000001000');
    expect(ev.mention).toMatchObject({
      id: '113300000000001000',
      source: 'mastodon',
      text: 'Storing bij @brand & al 3 uur geen internet #storing',
      url: 'https://social.example/@marieke/113300000000001000',
      author: { id: '109876543210', handle: 'marieke@social.example', name: 'Marieke 🌷', followers: 342 },
      metrics: { reposts: 5, replies: 2, likes: 11 },
      media: [{ type: 'image', url: 'https://files.social.example/media_attachments/files/modem.png' }],
      lang: 'nl',
      isPublic: true,
    });
    expect(ev.mention.createdAt?.toISOString()).toBe('2026-11-20T09:15:02.000Z');
    expect(ev.mention.raw).toBe(status);
  });

  it('reads a boost as the boosted status, a direct message as private, a CW before the text', () => {
    const status = JSON.parse(readFileSync(new URL('../fixtures/mastodon/status.json', import.meta.url), 'utf8'));
    const boost = { ...status, id: '113300000000002000', content: '', reblog: { ...status, spoiler_text: 'klacht' } };
    const ev = statusToEvent(boost, 'mastodon');
    expect(ev.type === 'mention' && ev.mention.id).toBe('113300000000001000');
    expect(ev.type === 'mention' && ev.mention.text.startsWith('klacht\n\nStoring')).toBe(true);
    const dm = statusToEvent({ ...status, visibility: 'direct' }, 'mastodon');
    expect(dm.type === 'mention' && dm.mention.isPublic).toBe(false);
    const bad = statusToEvent({ ...status, content: 42 }, 'mastodon');
    expect(bad.type === 'error' && bad.error.code).toBe('INVALID_MENTION');
  });

  it('parses multi-line data, heartbeats, comments, and skips delete and edit events', async () => {
    const seeds = makeSeeds(3);
    const preamble =
      ':thump\n' +
      'event: delete\ndata: 113299999999999999\n\n' +
      'event: status.update\ndata: {"id":"1","content":"<p>edited</p>"}\n\n' +
      'event: filters_changed\n\n' +
      ': a comment\r\n';
    const fake = await startFakeMastodon({ seeds, multiLineData: true, preamble, token: TOKEN });
    try {
      const r = await drive(mastodon({ instance: fake.url, tag: 'brand', accessToken: TOKEN }), { until: 3 });
      expect(r.errors).toEqual([]);
      expect(r.mentions.map((e) => e.mention.text)).toEqual(seeds.map((s) => s.text));
      expect(fake.requests[0]?.url).toBe('/api/v1/streaming/hashtag?tag=brand');
      expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    } finally {
      await fake.close();
    }
  });

  it('yields edits when asked to', async () => {
    const fake = await startFakeMastodon({
      seeds: makeSeeds(1),
      preamble: `event: status.update\ndata: ${JSON.stringify({ id: '7', content: '<p>edited &lt;3</p>' })}\n\n`,
    });
    try {
      const r = await drive(mastodon({ instance: fake.url, tag: 'brand', edits: true }), { until: 2 });
      expect(r.mentions.map((e) => e.mention.text)[0]).toBe('edited <3');
    } finally {
      await fake.close();
    }
  });

  it('delivers mentions of the account from notifications on the user stream', async () => {
    const fake = await startFakeMastodon({
      seeds: makeSeeds(1),
      preamble:
        `event: notification\ndata: ${JSON.stringify({ id: '1', type: 'favourite', status: { id: '5', content: 'x' } })}\n\n` +
        `event: notification\ndata: ${JSON.stringify({ id: '2', type: 'mention', status: { id: '6', content: '<p>@brand help</p>' } })}\n\n`,
    });
    try {
      const r = await drive(mastodon({ instance: fake.url, timeline: 'user' }), { until: 2 });
      expect(r.mentions.map((e) => e.mention.id)).toEqual(['6', fake.statuses[0]?.id]);
      expect(fake.requests[0]?.url).toBe('/api/v1/streaming/user');
    } finally {
      await fake.close();
    }
  });

  it('backfills with min_id over several REST pages on resume, oldest first, then streams', async () => {
    const seeds = makeSeeds(90);
    const fake = await startFakeMastodon({ seeds });
    try {
      // Let the live stream run past everything, then resume from the 5th status.
      await drive(mastodon({ instance: fake.url, tag: 'brand' }), { until: 90, settleMs: 10 });
      const cursor = String(fake.statuses[4]?.id);
      const r = await drive(mastodon({ instance: fake.url, tag: 'brand' }), { cursor, until: 85 });
      expect(r.mentions.map((e) => e.mention.id)).toEqual(fake.statuses.slice(5).map((s) => s.id));
      const rest = fake.requests.filter((q) => q.url.startsWith('/api/v1/timelines/tag/brand'));
      expect(rest.length).toBe(3); // 40 + 40 + 5
      expect(rest[0]?.url).toContain(`min_id=${cursor}`);
    } finally {
      await fake.close();
    }
  });

  it('backfills through /api/v2/search when given a search query', async () => {
    const seeds = makeSeeds(6);
    const fake = await startFakeMastodon({ seeds });
    try {
      await drive(mastodon({ instance: fake.url, tag: 'brand' }), { until: 6, settleMs: 10 });
      const cursor = String(fake.statuses[1]?.id);
      const source = mastodon({ instance: fake.url, tag: 'brand', searchQuery: 'factuur' });
      const r = await drive(source, { cursor, until: 1 });
      expect(r.mentions.map((e) => e.mention.text)).toEqual([seeds[2]?.text]);
      expect(fake.requests.some((q) => q.url.startsWith('/api/v2/search?type=statuses'))).toBe(true);
    } finally {
      await fake.close();
    }
  });

  it('throws SOURCE_HTTP on a refused token and INVALID_CONFIG on bad options', async () => {
    const fake = await startFakeMastodon({ seeds: makeSeeds(1), token: TOKEN });
    try {
      const it = mastodon({ instance: fake.url, tag: 'brand', accessToken: 'wrong' })
        .stream({ signal: new AbortController().signal })
        [Symbol.asyncIterator]();
      await expect(it.next()).rejects.toMatchObject({ code: 'SOURCE_HTTP', received: 'HTTP 401' });
    } finally {
      await fake.close();
    }
    expect(() => mastodon({ instance: '' })).toThrow(WebcareError);
    expect(() => mastodon({ instance: 'https://m.example', timeline: 'hashtag' })).toThrow(/tag/);
    expect(() => mastodon({ instance: 'https://m.example', timeline: 'list' })).toThrow(/list/);
  });

  it('reconnects after an idle connection (no heartbeat) with SOURCE_TIMEOUT', async () => {
    const fake = await startFakeMastodon({ seeds: makeSeeds(1), heartbeatMs: 60_000 });
    try {
      const it = mastodon({ instance: fake.url, tag: 'brand', idleTimeoutMs: 150 })
        .stream({ signal: new AbortController().signal })
        [Symbol.asyncIterator]();
      expect((await it.next()).value?.type).toBe('mention');
      await expect(it.next()).rejects.toMatchObject({ code: 'SOURCE_TIMEOUT' });
    } finally {
      await fake.close();
    }
  });
});
