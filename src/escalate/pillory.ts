/**
 * Pillory risk: the chance that a mention becomes public shaming (the "digitale schandpaal")
 * that costs the brand customers. Convergys: one negative post can cost up to 30 customers; the
 * Ruigrok NetPanel (2014) found people use social media deliberately to give a company a bad
 * name, to warn others and to put pressure on it. Those motives are the components here.
 *
 * The model is a logistic of non-negative components:
 *
 *     risk = σ(BASE + Σ weight_i × x_i)
 *
 * with every `x_i >= 0` and every weight `>= 0` (see {@link PILLORY_WEIGHTS}), so adding a cue
 * never lowers the risk, and each component is one reason whose `weight` is its contribution in
 * log-odds. Content: negativity, complaint probability, severity (Jin & Aletras 2021: accusation
 * and blame weigh most), pillory intent (warning others, shaming, calls to share or boycott,
 * "never again"), threats to leave or to sue, naming the press, a consumer programme, a
 * regulator or a review site, evidence, channel failure and repeat contacts. Exposure: reach
 * against the platform's text-only prior and momentum (shares per hour); both amplify only as
 * far as the content is a grievance, so a widely seen compliment is not a pillory risk.
 * @module
 */
import type { Classified, ScoreContext } from '../context.js';
import { pushReason } from '../explain.js';
import { type CueHits, CUE } from './cues.js';
import { ratesFor } from './platforms.js';

/**
 * The weights of the pillory model, in log-odds. Severity carries the ranking of complaints
 * (checked on complaints-en, see docs/scoring.md); intent cues and press/legal threats weigh
 * about as much as an accusation: they are the explicit "I will shame you" signals, set by hand.
 *
 * @example
 * ```ts
 * import { PILLORY_WEIGHTS } from 'webcare';
 * PILLORY_WEIGHTS.press; // 1.5
 * ```
 */
export const PILLORY_WEIGHTS = {
  /** Log-odds of a neutral mention with no cue: σ(-3.3) ≈ 0.04. */
  base: -3.3,
  /** Per unit of negativity (the negative part of the sentiment score, 0..1). */
  negativity: 0.5,
  /** Per unit of complaint probability (counted from a probability of 0.2). */
  complaint: 0.2,
  /** Per unit of continuous severity (0 at "no explicit reproach", 1 at "blame"). */
  severity: 3.5,
  /** Complaint probability from which the continuous severity counts fully (below: in proportion). */
  severityFull: 0.2,
  /** Steps per severity level (Jin & Aletras), on top of the continuous value. */
  disapproval: 0,
  /** Step for severity level `accusation`. */
  accusation: 0.3,
  /** Step for severity level `blame`. */
  blame: 0.5,
  /** Cue: warns others ("pas op", "beware"). */
  warn: 1.3,
  /** Cue: shames the brand ("schande", "disgrace"). */
  shame: 1.0,
  /** Cue: calls to share or boycott ("deel dit", "boycott"). */
  share: 1.3,
  /** Cue: "never again" ("nooit meer"). */
  never: 1.0,
  /** Cue: threatens to leave ("overstappen", "cancel my subscription"). */
  leave: 0.9,
  /** Cue: threatens legal steps ("advocaat", "lawyer"). */
  legal: 1.3,
  /** Cue: tags or threatens the press or a consumer programme. */
  press: 1.5,
  /** Cue: names a regulator or the consumer authority. */
  regulator: 1.2,
  /** Cue: threatens a bad review on a review site. */
  review: 0.9,
  /** Photo or video attached, as far as the mention is a grievance. */
  media: 0.5,
  /** Evidence named in the text ("zie foto", "screenshot"). */
  evidence: 0.3,
  /** The customer tried other channels first (kanaalsturing). */
  channelFailure: 0.6,
  /** First earlier contact; each further one (up to 4) adds `repeatStep`. */
  repeat: 0.5,
  /** Added per earlier contact after the first, up to four contacts. */
  repeatStep: 0.25,
  /** Per factor 10 of reach above the platform's text-only prior (times the grievance). */
  reachUp: 0.35,
  /** Per factor 10 of reach below the prior (a private message, a reply nobody sees). */
  reachDown: 0.35,
  /** Momentum at saturation (times the grievance); half of it at `momentumHalf` shares/hour. */
  momentum: 0.8,
  /** Shares and replies per hour at which momentum reaches half of `momentum`. */
  momentumHalf: 15,
};

const INTENT_CUES = [
  ['warn', CUE.warn, 'pillory-warn'],
  ['shame', CUE.shame, 'pillory-shame'],
  ['share', CUE.share, 'pillory-share'],
  ['never', CUE.never, 'pillory-never'],
  ['leave', CUE.leave, 'pillory-leave'],
  ['legal', CUE.legal, 'pillory-legal'],
  ['press', CUE.press, 'pillory-press'],
  ['regulator', CUE.regulator, 'pillory-regulator'],
  ['review', CUE.review, 'pillory-review'],
] as const;
const INTENT_MASK = INTENT_CUES.reduce((m, [, bit]) => m | (1 << bit), 0);

// "2.5"-style strings of the continuous severity in half steps, built once.
const SV = Array.from({ length: 11 }, (_, i) => String(i / 2));

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * Score the pillory risk (0..1) and push one reason per component.
 *
 * @example
 * ```ts
 * scoreMention('Schande! Nooit meer @KPN, pas op mensen').pilloryRisk > 0.5; // true
 * ```
 */
export function scorePilloryRisk(ctx: ScoreContext, c: Classified): number {
  const reasons = ctx.reasons;
  const locale = ctx.locale;
  if (c.isSpam) {
    pushReason(reasons, locale, 'pillory-spam', 0, 'pillory');
    return 0;
  }
  const W = PILLORY_WEIGHTS;
  const cues: CueHits = c.cues;
  let z = W.base;

  const neg = c.sentiment.score < 0 ? -c.sentiment.score : 0;
  if (neg > 0.05) {
    z += W.negativity * neg;
    pushReason(reasons, locale, 'pillory-negativity', W.negativity * neg, 'pillory');
  }
  const p = c.complaint.probability;
  if (p >= 0.2) {
    z += W.complaint * p;
    pushReason(reasons, locale, 'pillory-complaint', W.complaint * p, 'pillory');
  }
  // Continuous severity, weighted by how sure we are it is a complaint at all; the levels add
  // a step for accusation and blame.
  const sv = c.severityValue;
  const sUnit = sv <= 1 ? 0 : sv >= 4 ? 1 : (sv - 1) / 3;
  const level = c.complaint.severity;
  const gate = p >= W.severityFull ? 1 : p / W.severityFull;
  const sev =
    W.severity * sUnit * gate +
    (level === 'disapproval' ? W.disapproval : level === 'accusation' ? W.accusation : level === 'blame' ? W.blame : 0);
  if (sev > 0.05) {
    z += sev;
    pushReason(
      reasons,
      locale,
      'pillory-severity',
      sev,
      'pillory',
      level === 'none' ? SV[sv <= 0 ? 0 : sv >= 5 ? 10 : Math.round(sv * 2)] : level,
    );
  }

  const mask = cues.mask;
  if ((mask & INTENT_MASK) !== 0) {
    for (const [name, bit, code] of INTENT_CUES) {
      if ((mask & (1 << bit)) === 0) continue;
      z += W[name];
      pushReason(reasons, locale, code, W[name], 'pillory', cues.words[bit]);
    }
  }

  // How much of a grievance this is: gates evidence, reach and momentum.
  const grievance = (mask & INTENT_MASK) !== 0 ? 1 : Math.max(neg, p);
  let visual = false;
  const media = ctx.mention.media;
  if (media !== undefined) for (const x of media) if (x.type === 'image' || x.type === 'video') visual = true;
  const textEvidence = (mask & (1 << CUE.evidence)) !== 0;
  if (visual || textEvidence) {
    const e = ((visual ? W.media : 0) + (textEvidence ? W.evidence : 0)) * grievance;
    if (e > 0.01) {
      z += e;
      pushReason(reasons, locale, 'pillory-evidence', e, 'pillory', textEvidence ? cues.words[CUE.evidence] : 'media');
    }
  }
  if (c.channelFailure.detected) {
    z += W.channelFailure;
    pushReason(reasons, locale, 'pillory-channel-failure', W.channelFailure, 'pillory');
  }
  const prior = ctx.priorContacts;
  if (prior > 0) {
    const r = W.repeat + W.repeatStep * (Math.min(prior, 4) - 1);
    z += r;
    pushReason(reasons, locale, 'repeat-contact', r, 'pillory', String(prior));
  }

  // Exposure, against what text alone would predict on this platform.
  const source = ctx.mention.source;
  const platforms = ctx.config.platforms;
  const rates = ratesFor(platforms, source);
  const priorReach = Math.max(1, rates.baseAudience + rates.medianFollowers * rates.followerReach);
  const lr = Math.log10(c.reach.estimated / priorReach);
  const reachTerm = lr > 0 ? W.reachUp * lr * grievance : -W.reachDown * Math.min(-lr, 4);
  if (reachTerm > 0.05 || reachTerm < -0.05) {
    z += reachTerm;
    pushReason(reasons, locale, 'pillory-reach', reachTerm, 'pillory', String(c.reach.estimated));
  }
  if (c.velocity > 0) {
    const m = W.momentum * (c.velocity / (c.velocity + W.momentumHalf)) * grievance;
    if (m > 0.05) {
      z += m;
      pushReason(reasons, locale, 'pillory-momentum', m, 'pillory', c.velocity.toFixed(1));
    }
  }
  return Math.round(sigmoid(z) * 1000) / 1000;
}
