/**
 * Reach: how many people will likely see the mention in the end, with a low-high range.
 *
 * The model, per platform (rates from the table in platforms.ts):
 *
 *     audience   = baseAudience + followers × followerReach (× verifiedBoost)   (× replyFactor for
 *                                                     a reply, × mediaBoost with a photo)
 *     engagement = reposts × perRepost + quotes × perQuote + replies × perReply + likes × perLike
 *     final      = audience + engagement × projection(age)
 *
 * `projection(age)` is the saturating projection in the spirit of SEISMIC (Zhao et al. 2015):
 * a post has gathered `F(age) = 1 - 2^(-age / halfLife)` of its final engagement by `age`, so
 * the final engagement is about `observed / F(age)` (capped at ×8 for very young posts, whose
 * range is widened instead). When views are reported they are the best evidence: the estimate
 * moves from the model towards `views / F(age)` as the post matures. A private message reaches
 * only the brand. Every part is monotone: more followers, reposts, quotes, replies, likes or
 * views never lower the estimate.
 * @module
 */
import { engagementMessage, projectionMessage, pushReason } from '../explain.js';
import type { ScoreContext } from '../context.js';
import type { ReachEstimate } from '../types.js';
import { type PlatformRates, ratesFor } from './platforms.js';

/**
 * Largest factor by which early engagement is projected.
 *
 * @example
 * ```ts
 * import { MAX_PROJECTION } from 'webcare';
 * MAX_PROJECTION; // 8
 * ```
 */
export const MAX_PROJECTION = 8;
/** Factor assumed when the age of the post is unknown (about one half-life old). */
const UNKNOWN_AGE_PROJECTION = 1.5;

/**
 * Reach plus the engagement velocity (shares and replies per hour) pillory risk reads.
 *
 * @example
 * ```ts
 * import type { ReachResult } from 'webcare';
 *
 * const r: ReachResult = { reach: { estimated: 1200, low: 600, high: 4000 }, velocity: 35 };
 * ```
 */
export interface ReachResult {
  /** The estimated final audience (people), with a low and high bound. */
  reach: ReachEstimate;
  /** Engagement velocity: shares and replies per hour (0 when unknown or private). */
  velocity: number;
}

const PRIVATE: ReachResult = { reach: Object.freeze({ estimated: 1, low: 1, high: 1 }), velocity: 0 };

/**
 * Estimate the final audience of a mention from what is known about it, and push the reasons.
 *
 * @example
 * ```ts
 * scoreMention({ text: 'hi', source: 'x', author: { followers: 10000 } }).reach.estimated; // about 500
 * ```
 */
export function estimateReach(ctx: ScoreContext): ReachResult {
  const m = ctx.mention;
  const reasons = ctx.reasons;
  const locale = ctx.locale;
  if (m.isPublic === false) {
    pushReason(reasons, locale, 'reach-private', 0, 'reach');
    return { reach: { ...PRIVATE.reach }, velocity: 0 };
  }
  const source = m.source;
  const platforms = ctx.config.platforms;
  const rates: PlatformRates = ratesFor(platforms, source);

  // The audience of the post itself.
  const followers = m.author?.followers;
  const known = followers !== undefined;
  const followerPart = (known ? followers : rates.medianFollowers) * rates.followerReach;
  let audience = rates.baseAudience + followerPart;
  if (known) pushReason(reasons, locale, 'reach-followers', followerPart, 'reach', String(followers));
  else pushReason(reasons, locale, 'reach-prior', followerPart, 'reach', source ?? 'social media');
  if (m.author?.verified === true && rates.verifiedBoost !== 1) {
    const extra = followerPart * (rates.verifiedBoost - 1);
    audience += extra;
    pushReason(reasons, locale, 'reach-verified', extra, 'reach');
  }
  if (rates.baseAudience >= 50)
    pushReason(reasons, locale, 'reach-audience', rates.baseAudience, 'reach', source ?? '');
  if (m.inReplyTo !== undefined) {
    const before = audience;
    audience *= rates.replyFactor;
    pushReason(reasons, locale, 'reach-reply', audience - before, 'reach');
  }
  const media = m.media;
  let visual = false;
  if (media !== undefined) for (const x of media) if (x.type === 'image' || x.type === 'video') visual = true;
  if (visual) {
    const before = audience;
    audience *= rates.mediaBoost;
    pushReason(reasons, locale, 'reach-media', audience - before, 'reach');
  }

  // Engagement so far, projected to its final size by the age of the post.
  const mt = m.metrics;
  const reposts = mt?.reposts ?? 0;
  const quotes = mt?.quotes ?? 0;
  const replies = mt?.replies ?? 0;
  const likes = mt?.likes ?? 0;
  const views = mt?.views;
  const engaged =
    reposts * rates.perRepost + quotes * rates.perQuote + replies * rates.perReply + likes * rates.perLike;
  const created = m.createdAt?.getTime();
  const ageH = created === undefined ? undefined : Math.max(0, (ctx.now - created) / 3_600_000);
  const matured = ageH === undefined ? undefined : 1 - 2 ** (-ageH / rates.halfLifeHours);
  const projection =
    matured === undefined
      ? UNKNOWN_AGE_PROJECTION
      : Math.min(MAX_PROJECTION, 1 / Math.max(matured, 1 / MAX_PROJECTION));
  const projected = engaged * projection;
  if (engaged > 0) {
    const nl = locale === 'nl';
    const message = engagementMessage(reposts, quotes, replies, likes, nl);
    pushReason(
      reasons,
      locale,
      'reach-engagement',
      engaged,
      'reach',
      `${reposts}|${quotes}|${replies}|${likes}`,
      message,
    );
    // One decimal by rounding: toFixed costs more than the rest of the estimate.
    const age = ageH === undefined ? '?' : ageH < 10 ? Math.round(ageH * 10) / 10 : Math.round(ageH);
    const factor = Math.round(projection * 10) / 10;
    pushReason(
      reasons,
      locale,
      'reach-projection',
      projected - engaged,
      'reach',
      `${age}|${factor}`,
      projectionMessage(age, factor, locale === 'nl'),
    );
  }
  let estimated = audience + projected;

  // Views, when reported, pull the estimate towards what was actually seen, more so as the post
  // matures (a log-space blend: monotone in both the model and the views).
  let seen = 0;
  if (views !== undefined) {
    seen = views;
    const fromViews = Math.max(1, views * projection);
    const w = matured ?? 0.5;
    const blended = Math.exp(w * Math.log(fromViews) + (1 - w) * Math.log(Math.max(1, estimated)));
    pushReason(reasons, locale, 'reach-views', blended - estimated, 'reach', String(views));
    estimated = Math.max(blended, views);
  }
  estimated = Math.max(1, Math.round(estimated));

  // The range: wide when only the text is known, narrow when views on a mature post are.
  let spread = known ? 2 : 4;
  if (engaged > 0) spread *= 0.8;
  if (views !== undefined) spread = 1 + (spread - 1) * (1 - (matured ?? 0.5));
  const young = matured === undefined ? 1.5 : 1 + 2 * (1 - matured);
  const low = Math.min(estimated, Math.max(1, Math.round(seen), Math.round(estimated / spread)));
  const high = Math.max(estimated, Math.round(estimated * spread * young));

  const shares = reposts + quotes + replies;
  const velocity = shares === 0 ? 0 : shares / Math.max(0.25, ageH ?? rates.halfLifeHours);
  return { reach: { estimated, low, high }, velocity };
}
