/**
 * Spam: loan and crypto scams, "contact me on WhatsApp", follow-for-follow, promotions and link
 * farms, in Dutch and English. Scams need two kinds of evidence (money + a private contact
 * channel, a link or a promotion), so a customer who mentions "my bitcoin wallet" or "DM me" is
 * not spam. Complaint cues (a problem, a refund demand) count against spam.
 * @module
 */
import type { ScoreContext } from '../context.js';
import type { MentionFeatures } from './mention-features.js';
import { CONCEPT_NAMES } from './table.js';

const ci = (n: (typeof CONCEPT_NAMES)[number]) => CONCEPT_NAMES.indexOf(n);
const MONEY = ci('spamMoney');
const CONTACT = ci('spamContact');
const FOLLOW = ci('spamFollow');
const PROMO = ci('spamPromo');
const PROBLEM = ci('problem');
const REFUND = ci('refund');
const CS_FAIL = ci('csFail');

const min = (a: number, b: number) => Math.min(a, b);

/**
 * Detect spam in an analysed mention. `score` is 0..1; spam from 0.6.
 *
 * @example
 * ```ts
 * scoreMention('Need a loan? Contact Mr. James on WhatsApp +1 555 0100').isSpam; // true
 * ```
 */
export function detectSpam(ctx: ScoreContext, f: MentionFeatures): { isSpam: boolean; score: number } {
  const c = f.concepts;
  const money = min(c[MONEY] as number, 3);
  const contact = min(c[CONTACT] as number, 2);
  const follow = min(c[FOLLOW] as number, 3);
  const promo = min(c[PROMO] as number, 4);
  const urls = f.urls;
  const kinds =
    (money > 0 ? 1 : 0) + (contact > 0 ? 1 : 0) + (follow > 0 ? 1 : 0) + (promo > 0 ? 1 : 0) + (urls > 0 ? 1 : 0);
  let score =
    0.2 * money + 0.2 * contact + 0.3 * follow + 0.12 * promo + (urls >= 3 ? 0.45 + 0.1 * (urls - 2) : urls * 0.08);
  if (kinds >= 2) score += 0.1 * (kinds - 1);
  // Money offered through a private channel is the classic loan/crypto scam.
  if (money > 0 && contact > 0) score += 0.3;
  if (kinds < 2 && follow < 2 && urls < 3) score = min(score, 0.5);
  const complaintCues = (c[PROBLEM] as number) + (c[REFUND] as number) + (c[CS_FAIL] as number);
  score -= 0.15 * min(complaintCues, 3);
  score = score < 0 ? 0 : score > 1 ? 1 : Math.round(score * 100) / 100;
  const isSpam = score >= 0.6;
  if (isSpam) {
    const parts: string[] = [];
    if (money > 0) parts.push(`money offer ("${f.conceptWord[MONEY]}")`);
    if (contact > 0) parts.push(`private contact ("${f.conceptWord[CONTACT]}")`);
    if (follow > 0) parts.push(`follow-for-follow ("${f.conceptWord[FOLLOW]}")`);
    if (promo > 0) parts.push(`promotion ("${f.conceptWord[PROMO]}")`);
    if (urls > 0) parts.push(`${urls} link${urls > 1 ? 's' : ''}`);
    ctx.reasons.push({ code: 'spam', message: parts.join(', '), weight: score, target: 'spam' });
  }
  return { isSpam, score };
}
