import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WebcareError, createScorer, normalizeMention, safeScoreMention, scoreMention } from '../src/index.js';
import type { Assessment, MentionInput } from '../src/index.js';
import { junk as junkOf } from './fakes/junk.js';

// A field value as a platform payload or a careless host might send it: any junk, or a date in
// one of the shapes dates come in.
const junk = fc.oneof(
  junkOf(['type', 'url', 'id', 'followers']),
  fc.constantFrom('2026-11-20T10:00:00Z', '2026-11-20T10:00:00.000+01:00', 'yesterday', '9999-01-01T00:00:00Z'),
);
const text = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom('Al 3 keer gebeld, nog steeds geen internet @kpn', 'My order never arrived #fail', ''),
);
const mention = fc.record(
  {
    text: fc.oneof(text, junk),
    id: junk,
    source: fc.oneof(junk, fc.constantFrom('x', 'mastodon', 'bluesky', 'reddit', 'rss', 'webhook')),
    url: junk,
    createdAt: junk,
    author: fc.oneof(
      junk,
      fc.record({ id: junk, handle: junk, name: junk, followers: junk, verified: junk }, { requiredKeys: [] }),
    ),
    metrics: fc.oneof(
      junk,
      fc.record({ reposts: junk, replies: junk, likes: junk, quotes: junk, views: junk }, { requiredKeys: [] }),
    ),
    media: fc.oneof(junk, fc.array(fc.oneof(junk, fc.record({ type: junk, url: junk })), { maxLength: 3 })),
    isPublic: junk,
    inReplyTo: junk,
    addressesBrand: junk,
    lang: junk,
  },
  { requiredKeys: [] },
);

function expectFinite(a: Assessment): void {
  for (const v of [a.sentiment.score, a.complaint.probability, a.pilloryRisk, a.urgency, a.respondWithinMinutes])
    expect(Number.isFinite(v)).toBe(true);
  for (const v of [a.reach.estimated, a.reach.low, a.reach.high]) expect(Number.isFinite(v)).toBe(true);
  for (const r of a.reasons) {
    expect(typeof r.message).toBe('string');
    expect(Number.isFinite(r.weight)).toBe(true);
  }
}

describe('mentions from untrusted payloads', () => {
  const score = createScorer({ now: () => Date.parse('2026-11-20T12:00:00Z'), brand: { handles: ['kpn'] } });
  it('score to finite figures or fail with a WebcareError, never with anything else', () => {
    fc.assert(
      fc.property(mention, fc.constantFrom<'en' | 'nl'>('en', 'nl'), (m, locale) => {
        let a: Assessment;
        try {
          a = score(m as unknown as MentionInput, { locale });
        } catch (e) {
          expect(e).toBeInstanceOf(WebcareError);
          // The safe variant reports the same problem instead of throwing.
          const safe = safeScoreMention(m as unknown as MentionInput);
          expect(safe.success).toBe(false);
          return;
        }
        expectFinite(a);
        expect(JSON.parse(JSON.stringify(a)).reach).toEqual(a.reach);
      }),
      { numRuns: 3000 },
    );
  });
  it('a valid mention with one field replaced by junk scores finitely or is refused with a WebcareError', () => {
    const base = {
      text: 'Al 3 keer gebeld, nog steeds geen internet @kpn',
      source: 'mastodon',
      createdAt: '2026-11-20T10:00:00Z',
      author: { handle: 'klant', followers: 120 },
      metrics: { likes: 3, reposts: 1 },
      lang: 'nl',
    };
    const fields = [
      'id',
      'source',
      'url',
      'createdAt',
      'author',
      'metrics',
      'media',
      'isPublic',
      'inReplyTo',
      'addressesBrand',
      'lang',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...fields), junk, (field, value) => {
        const m = { ...base, [field]: value };
        let a: Assessment;
        try {
          a = score(m as unknown as MentionInput);
        } catch (e) {
          expect(e).toBeInstanceOf(WebcareError);
          return;
        }
        expectFinite(a);
      }),
      { numRuns: 2000 },
    );
  });
  it('as bare text, any string scores', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => expectFinite(scoreMention(s))),
      { numRuns: 2000 },
    );
  });
});

describe('createdAt in the platforms\' "YYYY-MM-DDTHH:MM:SSZ" form', () => {
  const two = (n: number) => String(n).padStart(2, '0');
  it('is read as the general date parser reads it (day overflow included)', () => {
    const far = Date.UTC(9999, 11, 31);
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9998 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        (y, mo, d, h, mi, s) => {
          const iso = `${y}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}Z`;
          const m = normalizeMention({ text: 'x', createdAt: iso }, { now: far });
          expect(m.createdAt?.getTime()).toBe(Date.UTC(y, mo - 1, d, h, mi, s));
          expect(m.createdAt?.getTime()).toBe(Date.parse(iso));
        },
      ),
      { numRuns: 3000 },
    );
    // Leap days and the turn of centuries.
    for (const iso of ['2024-02-29T12:00:00Z', '2000-02-29T00:00:00Z', '1900-03-01T00:00:00Z', '2023-02-31T00:00:00Z'])
      expect(normalizeMention({ text: 'x', createdAt: iso }, { now: far }).createdAt?.getTime()).toBe(Date.parse(iso));
  });
});

describe('mention objects that cannot be read', () => {
  const FIELDS = ['text', 'id', 'source', 'url', 'createdAt', 'author', 'metrics', 'media', 'isPublic', 'lang'];
  const base = (): Record<string, unknown> => ({
    text: 'Al 3 keer gebeld, nog steeds geen internet @kpn',
    author: { handle: 'klant', followers: 120 },
    metrics: { likes: 3 },
    media: [{ type: 'image', url: 'https://a.example/1.jpg' }],
  });

  it('a getter that throws anything, anywhere, is INVALID_MENTION with what it threw as the cause', () => {
    const thrown = fc.oneof(
      fc.string().map((m) => new Error(m)),
      fc.string().map((m) => new RangeError(m)),
      fc.anything(),
    );
    // Where the getter sits: on the mention, on its author or metrics, or on a media item.
    const where = fc.constantFrom(...FIELDS, 'author.followers', 'metrics.likes', 'media.0.url');
    fc.assert(
      fc.property(thrown, where, (err, path) => {
        const m = base();
        const keys = path.split('.');
        let target = m as Record<string, unknown>;
        for (const k of keys.slice(0, -1)) target = target[k] as Record<string, unknown>;
        Object.defineProperty(target, keys.at(-1) as string, {
          enumerable: true,
          get() {
            throw err;
          },
        });
        let caught: unknown;
        try {
          normalizeMention(m);
        } catch (e) {
          caught = e;
        }
        expect(caught).toBeInstanceOf(WebcareError);
        expect((caught as WebcareError).code).toBe('INVALID_MENTION');
        expect((caught as WebcareError).cause).toBe(err);
        expect(safeScoreMention(m as unknown as MentionInput).success).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('a revoked Proxy, as the mention or inside it, is INVALID_MENTION, not a TypeError', () => {
    const revoked = () => {
      const { proxy, revoke } = Proxy.revocable({ text: 'hoi', followers: 3 }, {});
      revoke();
      return proxy;
    };
    for (const m of [revoked(), { text: 'hoi', author: revoked() }, { text: 'hoi', media: revoked() }]) {
      expect(() => scoreMention(m as unknown as MentionInput)).toThrow(
        expect.objectContaining({ code: 'INVALID_MENTION', field: 'mention' }),
      );
    }
  });
});
