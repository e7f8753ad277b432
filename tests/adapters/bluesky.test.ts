import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { bluesky, jetstreamToEvent, termMatcher } from '../../src/adapters/bluesky.js';
import { startFakeJetstream } from '../fakes/jetstream.js';
import { drive, makeSeeds, runConformance } from './conformance.js';

const FIXTURE = JSON.parse(readFileSync(new URL('../fixtures/bluesky/commit-post.json', import.meta.url), 'utf8'));

runConformance('bluesky', {
  async start(scenario) {
    const fake = await startFakeJetstream(scenario);
    return {
      source: () => bluesky({ endpoint: fake.url, terms: ['brand'] }),
      close: () => fake.close(),
      openConnections: () => fake.openConnections(),
    };
  },
});

describe('bluesky adapter: Jetstream wire format', () => {
  it('maps a documented commit event: at:// id, bsky.app url, DID author, image, reply, language', () => {
    const ev = jetstreamToEvent(FIXTURE, 'bluesky', String(FIXTURE.time_us));
    if (ev.type !== 'mention') throw ev.error;
    expect(ev.cursor).toBe('1763630102000123');
    expect(ev.mention).toMatchObject({
      id: 'at://did:plc:eygmaihciaxprqvxpfvl6flk/app.bsky.feed.post/3lbyfqjxt4k2y',
      url: 'https://bsky.app/profile/did:plc:eygmaihciaxprqvxpfvl6flk/post/3lbyfqjxt4k2y',
      text: 'Weer geen bereik in Utrecht. @brand.nl wanneer is dit opgelost?',
      author: { id: 'did:plc:eygmaihciaxprqvxpfvl6flk' },
      inReplyTo: 'at://did:plc:brandbrandbrandbrand00/app.bsky.feed.post/3lbyfpaaaaa2a',
      lang: 'nl',
      isPublic: true,
      media: [
        {
          type: 'image',
          url: 'https://cdn.bsky.app/img/feed_fullsize/plain/did:plc:eygmaihciaxprqvxpfvl6flk/bafkreibjfgx2gprinfvicegelk5kosd6y2frmqpqzwqkg7usac74l3t2v4@jpeg',
        },
      ],
    });
    expect(ev.mention.createdAt?.toISOString()).toBe('2026-11-20T09:15:02.123Z');
  });

  it('matches terms as whole words in any case, and never everything', () => {
    const m = termMatcher(['KPN', 'ns storing']);
    expect(m('Storing bij kpn weer')).toBe(true);
    expect(m('#KPN!')).toBe(true);
    expect(m('kpnwinkel')).toBe(false);
    expect(m('NS storing op Utrecht')).toBe(true);
    expect(termMatcher([])('anything')).toBe(false);
    expect(() => bluesky({ terms: [] })).toThrow(/terms or mentionDids/);
  });

  it('keeps only created posts that match; skips likes, deletes, identity and account events', async () => {
    const like = {
      did: 'did:plc:x',
      kind: 'commit',
      commit: {
        rev: 'r',
        operation: 'create',
        collection: 'app.bsky.feed.like',
        rkey: 'l1',
        record: { text: 'brand' },
      },
    };
    const del = {
      did: 'did:plc:x',
      kind: 'commit',
      commit: { rev: 'r', operation: 'delete', collection: 'app.bsky.feed.post', rkey: 'd1' },
    };
    const account = {
      did: 'did:plc:x',
      kind: 'account',
      account: { active: false, did: 'did:plc:x', seq: 2, status: 'deactivated', time: '2026-11-20T09:00:00Z' },
    };
    const byFacet = {
      ...FIXTURE,
      commit: { ...FIXTURE.commit, rkey: 'facet1', record: { ...FIXTURE.commit.record, text: 'hoi @bedrijf' } },
    };
    const seeds = makeSeeds(2);
    const fake = await startFakeJetstream({ seeds, before: [like, del, account, byFacet] });
    try {
      const src = bluesky({ endpoint: fake.url, terms: ['brand'], mentionDids: ['did:plc:brandbrandbrandbrand00'] });
      const r = await drive(src, { until: 3 });
      expect(r.errors).toEqual([]);
      expect(r.mentions.map((e) => e.mention.text)).toEqual(['hoi @bedrijf', ...seeds.map((s) => s.text)]);
      expect(fake.connects[0]?.getAll('wantedCollections')).toEqual(['app.bsky.feed.post']);
    } finally {
      await fake.close();
    }
  });

  it('resumes with the cursor rewound by rewindUs and delivers nothing twice', async () => {
    const seeds = makeSeeds(6);
    const fake = await startFakeJetstream({ seeds });
    try {
      const src = bluesky({ endpoint: fake.url, terms: ['brand'], rewindUs: 5_000_000 });
      const first = await drive(src, { until: 3, abortAt: 3 });
      const cursor = first.cursor as string;
      const seedFrames = fake.frames.filter((f) => f.seed !== undefined);
      expect(cursor).toBe(String(seedFrames[2]?.time_us));
      // Same instance (remembers what it delivered) and a fresh one (relies on the cursor).
      for (const s of [src, bluesky({ endpoint: fake.url, terms: ['brand'], rewindUs: 5_000_000 })]) {
        const rest = await drive(s, { cursor, until: 3 });
        expect(rest.mentions.map((e) => e.mention.text)).toEqual(seeds.slice(3).map((x) => x.text));
        expect(fake.connects[fake.connects.length - 1]?.get('cursor')).toBe(String(BigInt(cursor) - 5_000_000n));
      }
    } finally {
      await fake.close();
    }
  });

  it('uses an injected WebSocket constructor', async () => {
    const fake = await startFakeJetstream({ seeds: makeSeeds(1) });
    try {
      let made = 0;
      class Counting extends WebSocket {
        constructor(url: string) {
          super(url);
          made += 1;
        }
      }
      const r = await drive(bluesky({ endpoint: fake.url, terms: ['brand'], WebSocket: Counting }), { until: 1 });
      expect(r.mentions.length).toBe(1);
      expect(made).toBe(1);
    } finally {
      await fake.close();
    }
  });

  it('rejects a cursor that is not a time_us', async () => {
    const it = bluesky({ terms: ['x'] })
      .stream({ signal: new AbortController().signal, cursor: 't3_abc' })
      [Symbol.asyncIterator]();
    await expect(it.next()).rejects.toMatchObject({ code: 'INVALID_CONFIG', field: 'cursor' });
  });
});
