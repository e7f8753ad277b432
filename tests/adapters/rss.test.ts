import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feedItemToEvent, parseFeed } from '../../src/adapters/_feed.js';
import { child, parseXml, textOf } from '../../src/adapters/_xml.js';
import { decodeRssCursor, rss } from '../../src/adapters/rss.js';
import type { SourceMention } from '../../src/source.js';
import { startFakeFeeds } from '../fakes/feeds.js';
import { drive, makeSeeds, runConformance } from './conformance.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/rss/${name}`, import.meta.url), 'utf8');

for (const [label, path] of [
  ['rss', '/feed.xml'],
  ['rss (atom)', '/atom.xml'],
] as const) {
  runConformance(label, {
    sourceName: 'rss',
    async start(scenario) {
      const fake = await startFakeFeeds(scenario);
      return {
        source: () => rss({ feeds: [`${fake.url}${path}`], intervalMs: 30 }),
        close: () => fake.close(),
        openConnections: () => fake.openConnections(),
      };
    },
  });
}

function events(xml: string, url = 'https://forum.example.nl/c/storingen.rss') {
  const feed = parseFeed(xml);
  if (feed === undefined) throw new Error('not a feed');
  return feed.items.map((it) => feedItemToEvent(it, feed, url, 'rss'));
}

describe('rss adapter: documents', () => {
  it('reads RSS 2.0 with namespaces, CDATA, entities, HTML descriptions, enclosures and media', () => {
    const [a, b] = events(fixture('forum.rss.xml'));
    if (a?.type !== 'mention' || b?.type !== 'mention') throw new Error('expected mentions');
    expect(a.mention).toMatchObject({
      id: 'forum.example.nl-topic-48211',
      text: 'Brand: glasvezel valt elke avond weg\n\nSinds de “upgrade” van Brand valt mijn verbinding elke avond om 20:00 weg.\n\nAl 3 keer gebeld & nog geen monteur.',
      url: 'https://forum.example.nl/t/glasvezel-valt-weg/48211',
      author: { name: 'PietUtrecht' },
      metrics: { replies: 14 },
      media: [{ type: 'image', url: 'https://forum.example.nl/uploads/modem-lampjes.jpg' }],
      lang: 'nl-NL',
    });
    expect(a.mention.createdAt?.toISOString()).toBe('2025-11-20T09:15:02.000Z');
    expect(a.mention.raw).toMatchObject({ feed: 'https://forum.example.nl/c/storingen.rss', format: 'rss' });
    expect(b.mention.text).toBe('Factuur Brand klopt niet\n\nDubbel afgeschreven deze maand.');
    expect(b.mention.author?.name).toBe('lisa@example.nl (Lisa)');
    expect(b.mention.media).toEqual([{ type: 'image', url: 'https://forum.example.nl/uploads/afschrift.png' }]);
  });

  it('reads Atom with html/xhtml/text constructs, thr:in-reply-to and xml:lang', () => {
    const [a, b] = events(fixture('reviews.atom.xml'));
    if (a?.type !== 'mention' || b?.type !== 'mention') throw new Error('expected mentions');
    expect(a.mention).toMatchObject({
      id: 'tag:reviews.example.com,2025:review-9921',
      text: '1 ster: nooit meer\n\nDrie weken op een retour gewacht.\n\nKlantenservice & chat reageren niet.',
      url: 'https://reviews.example.com/brand/review/9921',
      author: { name: 'Fatima B.' },
      lang: 'nl',
    });
    expect(a.mention.createdAt?.toISOString()).toBe('2025-11-20T09:15:02.000Z');
    expect(b.mention).toMatchObject({
      text: 'Reply to: 1 star\n\nSame here, waited 2 weeks <sigh>',
      inReplyTo: 'tag:reviews.example.com,2025:review-9921',
      lang: 'en',
    });
  });

  it('reports a broken item and keeps the others; never throws on garbage', () => {
    const xml = fixture('forum.rss.xml').replace(
      '<title>Factuur Brand klopt niet</title>',
      '<title>Factuur Brand klopt niet',
    );
    const evs = events(xml);
    expect(evs.map((e) => e.type)).toEqual(['mention', 'error']);
    expect(evs[1]?.type === 'error' && evs[1].error.code).toBe('INVALID_MENTION');
    expect(parseFeed('<html><body>nope</body></html>')).toBeUndefined();
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const doc = parseXml(`<rss><channel>${s}</channel></rss>`);
        expect(doc.name).toBe('#document');
        parseFeed(s);
      }),
      { numRuns: 300 },
    );
    expect(textOf(child(parseXml('<a x="1>2"><![CDATA[<b>&amp;</b>]]> &lt;ok&gt;</a>'), 'a'))).toBe(
      '<b>&amp;</b> <ok>',
    );
  });
});

describe('rss adapter: an unescaped < in a broken feed', () => {
  const feed = (title: string) =>
    `<rss version="2.0"><channel><title>Forum</title>${[title, 'Tweede bericht', 'Derde bericht']
      .map((t, i) => `<item><guid>t${i}</guid><title>${t}</title><description>Brand</description></item>`)
      .join('')}</channel></rss>`;

  it.each([
    ['a < b', 'a < b'],
    ['ik <3 jullie', 'ik <3 jullie'],
    ['prijs <= 10', 'prijs <= 10'],
    ['pijl <- hier', 'pijl <- hier'],
    ['x < y > z', 'x < y > z'],
  ])('%j is read as text, and every later item is still delivered', (title, text) => {
    const evs = events(feed(title));
    expect(evs.map((e) => e.type)).toEqual(['mention', 'mention', 'mention']);
    expect(evs[0]?.type === 'mention' && evs[0].mention.text).toBe(`${text}\n\nBrand`);
    expect(evs.map((e) => (e.type === 'mention' ? e.mention.id : ''))).toEqual(['t0', 't1', 't2']);
  });

  it('a tag cut off by the next one loses only that item', () => {
    const xml = feed('x').replace('<item><guid>t1</guid>', '<item <guid>t1</guid>');
    const ids = events(xml).flatMap((e) => (e.type === 'mention' ? [e.mention.id] : []));
    expect(ids).toContain('t0');
    expect(ids).toContain('t2');
  });
});

describe('rss adapter: polling', () => {
  it('sends the validators back and delivers nothing on 304, then the new items when the feed changes', async () => {
    const seeds = makeSeeds(6);
    const fake = await startFakeFeeds({ seeds, visible: 3 });
    try {
      const ctl = new AbortController();
      const got: SourceMention[] = [];
      const src = rss({ feeds: [`${fake.url}/feed.xml`], intervalMs: 20 });
      for await (const ev of src.stream({ signal: ctl.signal })) {
        if (ev.type !== 'mention') continue;
        got.push(ev);
        if (got.length === 3) setTimeout(() => fake.post(3), 120);
        if (got.length === 6) ctl.abort();
      }
      expect(got.map((e) => e.mention.text)).toEqual(seeds.map((s, i) => `Review ${i}: ${s.key}\n\n${s.text}`));
      expect(fake.statuses[0]).toBe(200);
      expect(fake.statuses).toContain(304);
      const conditional = fake.requests.filter((r) => r.headers['if-none-match'] === 'W/"r3"');
      expect(conditional.length).toBeGreaterThan(0);
      // The validators enter the cursor only with the last new item of a response.
      const c2 = decodeRssCursor(got[1]?.cursor as string);
      const c3 = decodeRssCursor(got[2]?.cursor as string);
      expect(Object.values(c2.f)[0]?.e).toBeUndefined();
      expect(Object.values(c3.f)[0]?.e).toBe('W/"r3"');
      expect(Object.values(c3.f)[0]?.s.length).toBe(3);
    } finally {
      await fake.close();
    }
  });

  it('uses If-Modified-Since when the server gives only Last-Modified', async () => {
    const seeds = makeSeeds(2);
    const fake = await startFakeFeeds({ seeds });
    try {
      const r = await drive(rss({ feeds: [`${fake.url}/atom.xml`], intervalMs: 20 }), { until: 2, settleMs: 150 });
      expect(r.mentions.length).toBe(2);
      expect(fake.requests[1]?.headers['if-none-match']).toBe('W/"a2"');
      expect(fake.requests[1]?.headers['if-modified-since']).toBe(new Date(seeds[1]?.createdAt ?? 0).toUTCString());
    } finally {
      await fake.close();
    }
  });

  it('polls several feeds on their own intervals and isolates a failing one', async () => {
    const seeds = makeSeeds(3);
    const fake = await startFakeFeeds({ seeds });
    try {
      const src = rss({
        feeds: [`${fake.url}/feed.xml`, { url: `${fake.url}/atom.xml`, intervalMs: 10_000 }, `${fake.url}/missing.xml`],
        intervalMs: 40,
      });
      const r = await drive(src, { until: 6, settleMs: 300 });
      expect(r.mentions.length).toBe(6);
      expect(r.thrown).toEqual([]);
      expect(r.errors[0]?.error.code).toBe('SOURCE_HTTP');
      expect(r.errors[0]?.record).toEqual({ feed: `${fake.url}/missing.xml` });
      const atom = fake.requests.filter((q) => q.url === '/atom.xml').length;
      const rssN = fake.requests.filter((q) => q.url === '/feed.xml').length;
      const missing = fake.requests.filter((q) => q.url === '/missing.xml').length;
      expect(atom).toBe(1); // 10 s interval: polled once
      expect(rssN).toBeGreaterThan(2);
      expect(missing).toBeLessThan(rssN); // backed off
      // One cursor carries every feed's state.
      expect(Object.keys(decodeRssCursor(r.cursor as string).f).length).toBe(2);
    } finally {
      await fake.close();
    }
  });

  it("with initial: 'none' skips what is already in the feed", async () => {
    const seeds = makeSeeds(4);
    const fake = await startFakeFeeds({ seeds, visible: 2 });
    try {
      const ctl = new AbortController();
      const texts: string[] = [];
      setTimeout(() => fake.post(2), 100);
      for await (const ev of rss({ feeds: [`${fake.url}/feed.xml`], intervalMs: 20, initial: 'none' }).stream({
        signal: ctl.signal,
      })) {
        if (ev.type === 'mention') texts.push(ev.mention.text);
        if (texts.length === 2) ctl.abort();
      }
      expect(texts.map((t) => t.split('\n')[0])).toEqual(['Review 2: cf02', 'Review 3: cf03']);
    } finally {
      await fake.close();
    }
  });

  it('validates options and cursors', async () => {
    expect(() => rss({ feeds: [] })).toThrow(/feeds/);
    expect(() => rss({ feeds: ['not a url'] })).toThrow(/feeds\[0\]/);
    expect(() => rss({ feeds: [{ url: 'https://a.example/f', intervalMs: 0 }] })).toThrow(/intervalMs/);
    const it = rss({ feeds: ['https://a.example/f'] }).stream({ signal: new AbortController().signal, cursor: 'nope' });
    await expect(it[Symbol.asyncIterator]().next()).rejects.toMatchObject({ code: 'INVALID_CONFIG', field: 'cursor' });
  });
});
