/**
 * Reply advice: how the webcare team should answer. After the articles: answer fast and
 * personally; take personal data (an order, an account, a bill) to a private channel; do not
 * push "proactive" sales at people who only mention the brand in passing; never engage spam.
 * @module
 */
import type { Classified, ScoreContext } from '../context.js';
import { pushReason } from '../explain.js';
import type { Category, ReplyAdvice } from '../types.js';
import { CUE } from './cues.js';
import { CRITICISM } from './priority.js';

/** Urgency from which a mention is answered whatever its intent. */
const URGENT_NEED = 0.35;

/** Complaint categories that nearly always need the customer's own data to resolve. */
const PERSONAL_CATEGORIES: ReadonlySet<Category> = new Set(['billing', 'booking', 'delivery', 'privacy']);

function isBot(handle: string | undefined): boolean {
  if (handle === undefined) return false;
  const h = handle.toLowerCase();
  // "…_bot" ends in "bot" too.
  return h.endsWith('bot') || h.startsWith('bot_');
}

/**
 * Whether the mention addresses the brand: the platform says so, it tags one of the brand's
 * handles, or (when the scorer has no handles) it tags anyone.
 *
 * @example
 * ```ts
 * addressesBrand(ctx); // true for "@bol waar blijft mijn pakket?" with handles ['bol']
 * ```
 */
export function addressesBrand(ctx: ScoreContext): boolean {
  if (ctx.mention.addressesBrand === true) return true;
  const handles = ctx.config.brandHandles;
  for (const t of ctx.analysis.tokens) {
    if (t.kind !== 'mention') continue;
    if (handles.size === 0 || handles.has(t.norm)) return true;
  }
  return false;
}

/**
 * Advise how to reply, and push the reason.
 *
 * @example
 * ```ts
 * scoreMention('Need a loan? WhatsApp me').replyAdvice; // 'do-not-engage'
 * scoreMention('@bol mijn bestelling 12345678 is nog steeds niet geleverd').replyAdvice; // 'reply-publicly-then-dm'
 * ```
 */
export function adviseReply(ctx: ScoreContext, c: Classified, pilloryRisk: number, urgency: number): ReplyAdvice {
  const reasons = ctx.reasons;
  const locale = ctx.locale;
  if (c.isSpam) {
    pushReason(reasons, locale, 'advice-spam', 1, 'advice');
    return 'do-not-engage';
  }
  const handle = ctx.mention.author?.handle;
  if (isBot(handle)) {
    pushReason(reasons, locale, 'advice-bot', 1, 'advice', handle);
    return 'do-not-engage';
  }
  const intent = c.intent;
  const complaint = c.complaint.isComplaint;
  // An urgent need (a flight about to leave) is answered even when it is not worded as a complaint.
  if (complaint || intent === 'question' || urgency >= URGENT_NEED) {
    const id = c.identifiers[0];
    // Their own order or account, money taken from their account, or a safety issue at their
    // address: all need data that does not belong in public.
    const mask = c.cues.mask;
    const kind =
      (mask & (1 << CUE.personal)) !== 0
        ? CUE.personal
        : (mask & (1 << CUE.money)) !== 0
          ? CUE.money
          : (mask & (1 << CUE.safety)) !== 0
            ? CUE.safety
            : -1;
    const cue = kind >= 0 ? c.cues.words[kind] : undefined;
    const category = c.complaint.categories[0];
    const why =
      id !== undefined
        ? id.type
        : cue !== undefined
          ? cue
          : complaint && category !== undefined && PERSONAL_CATEGORIES.has(category)
            ? category
            : undefined;
    if (why !== undefined) {
      pushReason(reasons, locale, 'advice-personal', 1, 'advice', why);
      return 'reply-publicly-then-dm';
    }
    pushReason(
      reasons,
      locale,
      'advice-public',
      1,
      'advice',
      complaint ? 'complaint' : intent === 'question' ? 'question' : 'urgent',
    );
    return 'reply-publicly';
  }
  // Criticism said to the brand's face is answered, even when it is not a complaint proper.
  if (c.sentiment.score <= CRITICISM && c.addressed) {
    pushReason(reasons, locale, 'advice-public', 1, 'advice', 'criticism');
    return 'reply-publicly';
  }
  if (intent === 'suggestion') {
    pushReason(reasons, locale, 'advice-public', 1, 'advice', 'suggestion');
    return 'reply-publicly';
  }
  if (pilloryRisk >= 0.5) {
    pushReason(reasons, locale, 'advice-public', 1, 'advice', 'risk');
    return 'reply-publicly';
  }
  if (intent === 'praise' && c.addressed) {
    pushReason(reasons, locale, 'advice-public', 1, 'advice', 'praise');
    return 'reply-publicly';
  }
  pushReason(reasons, locale, 'advice-monitor', 1, 'advice');
  return 'monitor';
}
