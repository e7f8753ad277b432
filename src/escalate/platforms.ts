/**
 * Platform base rates for the reach estimate: ONE table, one row per platform, overridable per
 * scorer (`createScorer({ platforms: { mastodon: { followerReach: 0.3 } } })`).
 *
 * Where the figures come from: they are engineering defaults, not measurements of any one
 * account, chosen to be in the range the platforms and the literature describe:
 * - `followerReach`: the share of followers who see an ordinary post. Algorithmic feeds (X,
 *   Facebook, Instagram) show a post to a few percent of followers; chronological timelines
 *   without an algorithm (Mastodon, Bluesky's following feed) to a larger share of those online.
 * - `halfLifeHours`: how fast attention decays. SEISMIC (Zhao et al., KDD 2015) models a
 *   cascade as a self-exciting process whose memory kernel fades within hours on Twitter; we use
 *   the simpler exponential form: by age `t` a post has gathered `1 - 2^(-t/halfLife)` of its
 *   final engagement, and the rest is projected from that (see reach.ts).
 * - `perRepost`, `perQuote`: people reached through one repost or quote (a typical reposter's
 *   audience times `followerReach`); `perReply`, `perLike`: replies and likes surface the post in
 *   other people's feeds far less than a repost.
 * - `medianFollowers`: followers assumed when the author's count is unknown, so text alone still
 *   gives a prior; `baseAudience`: people who see a public post without following the author
 *   (search, hashtags, a subreddit's or forum's readers, a review site's visitors).
 * @module
 */
import { invalidConfig } from '../errors.js';
import { own } from '../own.js';

/**
 * The base rates of one platform, as used by the reach estimate.
 *
 * @example
 * ```ts
 * import { PLATFORMS, type PlatformRates } from 'webcare';
 * const threads: PlatformRates = { ...PLATFORMS.default!, followerReach: 0.06 };
 * ```
 */
export interface PlatformRates {
  /** Share of the author's followers who see an ordinary top-level post (0..1). */
  followerReach: number;
  /** Followers assumed when the author's count is unknown. */
  medianFollowers: number;
  /** People who see a public post without following the author (search, feeds, a forum's readers). */
  baseAudience: number;
  /** People reached per repost (boost, retweet, share). */
  perRepost: number;
  /** People reached per quote post. */
  perQuote: number;
  /** People reached per reply in the thread. */
  perReply: number;
  /** People reached per like or upvote. */
  perLike: number;
  /** Hours after which half of a post's final engagement has happened. */
  halfLifeHours: number;
  /** Multiplier on the follower audience for a reply (replies show to fewer people). */
  replyFactor: number;
  /** Multiplier on the audience when a photo or video is attached. */
  mediaBoost: number;
  /** Multiplier on the follower audience of a verified author (platforms rank them higher). */
  verifiedBoost: number;
}

/**
 * The rates used for a platform the table does not name (webhooks, JSON Lines, unknown).
 *
 * @example
 * ```ts
 * import { DEFAULT_PLATFORM } from 'webcare';
 * DEFAULT_PLATFORM.medianFollowers; // 150
 * ```
 */
export const DEFAULT_PLATFORM: Readonly<PlatformRates> = Object.freeze({
  followerReach: 0.08,
  medianFollowers: 150,
  baseAudience: 5,
  perRepost: 25,
  perQuote: 30,
  perReply: 3,
  perLike: 1,
  halfLifeHours: 1,
  replyFactor: 0.3,
  mediaBoost: 1.35,
  verifiedBoost: 1.5,
});

/**
 * The default platform table, keyed by `mention.source` (the adapter's name). `default` is used
 * for any other source.
 *
 * @example
 * ```ts
 * import { PLATFORMS } from 'webcare';
 * PLATFORMS.mastodon?.halfLifeHours; // 2 (a Record: a key may be missing)
 * ```
 */
export const PLATFORMS: Readonly<Record<string, Readonly<PlatformRates>>> = Object.freeze({
  default: DEFAULT_PLATFORM,
  // X/Twitter: algorithmic timeline, fast decay (most retweets within the first hour).
  x: Object.freeze({ ...DEFAULT_PLATFORM, followerReach: 0.05, medianFollowers: 200, halfLifeHours: 0.5 }),
  // Mastodon: chronological, no algorithm, small accounts, boosts travel across instances.
  mastodon: Object.freeze({
    ...DEFAULT_PLATFORM,
    followerReach: 0.2,
    medianFollowers: 80,
    perRepost: 20,
    perQuote: 20,
    perLike: 0.5,
    halfLifeHours: 2,
  }),
  // Bluesky: following feed plus custom feeds.
  bluesky: Object.freeze({ ...DEFAULT_PLATFORM, followerReach: 0.12, medianFollowers: 100, perRepost: 20 }),
  // Reddit: the subreddit's readers matter, not the author's followers; votes rank the post.
  reddit: Object.freeze({
    ...DEFAULT_PLATFORM,
    followerReach: 0.01,
    medianFollowers: 0,
    baseAudience: 300,
    perRepost: 10,
    perReply: 8,
    perLike: 8,
    halfLifeHours: 6,
    replyFactor: 0.2,
  }),
  // Facebook: algorithmic feed, shares reach friends of friends.
  facebook: Object.freeze({
    ...DEFAULT_PLATFORM,
    followerReach: 0.05,
    medianFollowers: 300,
    perRepost: 40,
    halfLifeHours: 3,
  }),
  // Instagram: comments go under a post the brand or the author owns; images are the norm.
  instagram: Object.freeze({
    ...DEFAULT_PLATFORM,
    followerReach: 0.1,
    medianFollowers: 200,
    halfLifeHours: 6,
    mediaBoost: 1.1,
  }),
  // RSS/Atom: forums, review sites and news; readers of the site, slow decay, no followers.
  rss: Object.freeze({
    ...DEFAULT_PLATFORM,
    followerReach: 0,
    medianFollowers: 0,
    baseAudience: 200,
    halfLifeHours: 24,
    replyFactor: 0.5,
  }),
});

const FIELDS = Object.keys(DEFAULT_PLATFORM) as (keyof PlatformRates)[];

/**
 * Overrides of the platform table: per platform, some or all rates.
 *
 * @example
 * ```ts
 * import { createScorer, type PlatformOverrides } from 'webcare';
 *
 * const platforms: PlatformOverrides = { mastodon: { followerReach: 0.3 }, threads: { halfLifeHours: 2 } };
 * createScorer({ platforms });
 * ```
 */
export type PlatformOverrides = Record<string, Partial<PlatformRates>>;

/**
 * The rates of a mention's platform: the table's own entry for `source`, else its `default`.
 * Only own entries count: `source` comes from the mention (untrusted), and a name such as
 * "constructor" or "toString" must not find what every object inherits.
 *
 * @example
 * ```ts
 * ratesFor(PLATFORMS, 'constructor') === PLATFORMS.default; // true
 * ```
 */
export function ratesFor(
  platforms: Readonly<Record<string, Readonly<PlatformRates>>>,
  source: string | undefined,
): Readonly<PlatformRates> {
  return (source === undefined ? undefined : own(platforms, source)) ?? own(platforms, 'default') ?? DEFAULT_PLATFORM;
}

/**
 * Merge overrides over the default table and validate them: every rate must be a finite
 * number >= 0 (`halfLifeHours` > 0, `followerReach` and `replyFactor` at most 1). A platform the
 * table does not know starts from `default`. Throws `WebcareError` (`INVALID_CONFIG`) naming the
 * field.
 *
 * @example
 * ```ts
 * import { resolvePlatforms } from 'webcare';
 * resolvePlatforms({ threads: { followerReach: 0.07 } }).threads?.halfLifeHours; // 1
 * ```
 */
export function resolvePlatforms(overrides?: PlatformOverrides): Readonly<Record<string, Readonly<PlatformRates>>> {
  if (overrides === undefined) return PLATFORMS;
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    throw invalidConfig('platforms', 'an object of platform name to rates', overrides);
  }
  const out: Record<string, Readonly<PlatformRates>> = { ...PLATFORMS };
  for (const [name, rates] of Object.entries(overrides)) {
    // An own property of that name cannot be set on a plain object (it sets the prototype).
    if (name === '__proto__') throw invalidConfig('platforms.__proto__', 'a platform name', name);
    if (typeof rates !== 'object' || rates === null || Array.isArray(rates)) {
      throw invalidConfig(`platforms.${name}`, 'an object of rates', rates);
    }
    const merged: PlatformRates = {
      ...(own(PLATFORMS, name) ?? DEFAULT_PLATFORM),
    };
    for (const [k, v] of Object.entries(rates)) {
      if (!FIELDS.includes(k as keyof PlatformRates)) {
        throw invalidConfig(`platforms.${name}.${k}`, `one of ${FIELDS.join(', ')}`, k);
      }
      const max = k === 'followerReach' || k === 'replyFactor' ? 1 : Number.POSITIVE_INFINITY;
      const ok = typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max && (k !== 'halfLifeHours' || v > 0);
      if (!ok) {
        const expected =
          k === 'halfLifeHours' ? 'a positive number' : max === 1 ? 'a number from 0 to 1' : 'a number >= 0';
        throw invalidConfig(`platforms.${name}.${k}`, expected, v);
      }
      merged[k as keyof PlatformRates] = v;
    }
    out[name] = Object.freeze(merged);
  }
  return Object.freeze(out);
}
