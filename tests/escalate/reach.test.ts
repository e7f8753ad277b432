import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLATFORMS, WebcareError, createScorer, resolvePlatforms, scoreMention } from '../../src/index.js';

const NOW = Date.UTC(2026, 2, 2, 12, 0, 0);
const score = createScorer({ now: () => NOW });
const TEXT = 'Mijn pakket is al een week kwijt en niemand helpt me';

const count = fc.integer({ min: 0, max: 5_000_000 });
const metrics = fc.record(
  { reposts: count, quotes: count, replies: count, likes: count, views: fc.integer({ min: 0, max: 50_000_000 }) },
  { requiredKeys: [] },
);
const mention = fc.record(
  {
    source: fc.constantFrom('x', 'mastodon', 'bluesky', 'reddit', 'facebook', 'instagram', 'rss', 'webhook'),
    followers: count,
    ageMinutes: fc.integer({ min: 0, max: 60 * 24 * 14 }),
    reply: fc.boolean(),
    media: fc.boolean(),
    metrics,
  },
  { requiredKeys: ['source', 'metrics'] },
);

type Gen = typeof mention extends fc.Arbitrary<infer T> ? T : never;
function input(m: Gen, patch: { followers?: number; reposts?: number } = {}) {
  const followers = patch.followers ?? m.followers;
  return {
    text: TEXT,
    source: m.source,
    ...(followers === undefined ? {} : { author: { followers } }),
    metrics: { ...m.metrics, ...(patch.reposts === undefined ? {} : { reposts: patch.reposts }) },
    ...(m.ageMinutes === undefined ? {} : { createdAt: NOW - m.ageMinutes * 60_000 }),
    ...(m.reply === true ? { inReplyTo: 'parent-1' } : {}),
    ...(m.media === true ? { media: [{ type: 'image' as const }] } : {}),
  };
}

describe('reach: properties', () => {
  it('more followers never lower reach', () => {
    fc.assert(
      fc.property(mention, count, count, (m, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(score(input(m, { followers: hi })).reach.estimated).toBeGreaterThanOrEqual(
          score(input(m, { followers: lo })).reach.estimated,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('more reposts never lower reach', () => {
    fc.assert(
      fc.property(mention, count, count, (m, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(score(input(m, { reposts: hi })).reach.estimated).toBeGreaterThanOrEqual(
          score(input(m, { reposts: lo })).reach.estimated,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('always gives low <= estimated <= high, at least one person, and low >= views seen', () => {
    fc.assert(
      fc.property(mention, (m) => {
        const r = score(input(m)).reach;
        expect(r.low).toBeGreaterThanOrEqual(1);
        expect(r.low).toBeLessThanOrEqual(r.estimated);
        expect(r.estimated).toBeLessThanOrEqual(r.high);
        if (m.metrics.views !== undefined) expect(r.estimated).toBeGreaterThanOrEqual(m.metrics.views);
      }),
      { numRuns: 300 },
    );
  });
});

describe('reach: examples', () => {
  it('gives a sensible prior from text alone, with a wide range', () => {
    const r = scoreMention(TEXT).reach;
    expect(r.estimated).toBeGreaterThan(5);
    expect(r.estimated).toBeLessThan(200);
    expect(r.high / r.low).toBeGreaterThanOrEqual(10);
    expect(scoreMention(TEXT).reasons.some((x) => x.code === 'reach-prior')).toBe(true);
  });

  it('a private message reaches only the brand', () => {
    const a = score({ text: TEXT, isPublic: false, author: { followers: 1_000_000 } });
    expect(a.reach).toEqual({ estimated: 1, low: 1, high: 1 });
    expect(a.reasons.some((x) => x.code === 'reach-private')).toBe(true);
  });

  it('a reply reaches fewer people than the same top-level post, a photo more', () => {
    const base = { text: TEXT, source: 'x', author: { followers: 20_000 } };
    const top = score(base).reach.estimated;
    expect(score({ ...base, inReplyTo: '1' }).reach.estimated).toBeLessThan(top);
    expect(score({ ...base, media: [{ type: 'image' }] }).reach.estimated).toBeGreaterThan(top);
  });

  it('a verified author reaches more people than the same account unverified', () => {
    const base = { text: TEXT, source: 'x', author: { followers: 20_000 } };
    const verified = score({ ...base, author: { ...base.author, verified: true } });
    expect(verified.reach.estimated).toBeGreaterThan(score(base).reach.estimated);
    expect(verified.reasons.some((x) => x.code === 'reach-verified')).toBe(true);
  });

  it('projects early engagement: the same counts weigh more on a young post (SEISMIC-like)', () => {
    const base = { text: TEXT, source: 'x', author: { followers: 500 }, metrics: { reposts: 40, likes: 100 } };
    const young = score({ ...base, createdAt: NOW - 5 * 60_000 });
    const old = score({ ...base, createdAt: NOW - 3 * 86_400_000 });
    expect(young.reach.estimated).toBeGreaterThan(old.reach.estimated);
    expect(young.reach.high / young.reach.estimated).toBeGreaterThan(old.reach.high / old.reach.estimated);
    expect(young.reasons.some((x) => x.code === 'reach-projection')).toBe(true);
  });

  it('trusts views on a mature post', () => {
    const a = score({
      text: TEXT,
      source: 'x',
      author: { followers: 1_000_000 },
      metrics: { views: 800 },
      createdAt: NOW - 7 * 86_400_000,
    });
    expect(a.reach.estimated).toBeLessThan(2_000);
    expect(a.reach.estimated).toBeGreaterThanOrEqual(800);
  });

  it('uses ctx time from ScoreOptions.now', () => {
    const m = { text: TEXT, source: 'x', metrics: { reposts: 50 }, createdAt: NOW - 60_000 };
    const soon = scoreMention(m, { now: () => NOW });
    const later = createScorer()(m, { now: NOW + 10 * 86_400_000 });
    expect(soon.reach.estimated).toBeGreaterThan(later.reach.estimated);
  });

  it('reads the platform table and lets a scorer override it', () => {
    const m = { text: TEXT, source: 'mastodon', author: { followers: 1000 } };
    const plain = score(m).reach.estimated;
    const tuned = createScorer({ now: () => NOW, platforms: { mastodon: { followerReach: 0.9 } } })(m).reach.estimated;
    expect(tuned).toBeGreaterThan(plain * 3);
    expect(PLATFORMS.mastodon?.followerReach).toBeLessThan(0.9);
    const custom = resolvePlatforms({ threads: { followerReach: 0.07 } });
    expect(custom.threads?.halfLifeHours).toBe(PLATFORMS.default?.halfLifeHours);
  });

  it.each([
    [{ mastodon: { followerReach: 2 } }, 'platforms.mastodon.followerReach'],
    [{ x: { halfLifeHours: 0 } }, 'platforms.x.halfLifeHours'],
    [{ x: { perRepost: -1 } }, 'platforms.x.perRepost'],
    [{ x: { bogus: 1 } }, 'platforms.x.bogus'],
    [{ x: 5 }, 'platforms.x'],
  ])('rejects bad platform overrides %j naming %s', (platforms, field) => {
    try {
      createScorer({ platforms: platforms as never });
      expect.unreachable('should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(WebcareError);
      expect((e as WebcareError).field).toBe(field);
    }
  });
});
