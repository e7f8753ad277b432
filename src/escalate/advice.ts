/**
 * Reply advice: how the webcare team should answer.
 * @module
 */
import type { Classified, ScoreContext } from '../context.js';
import type { ReplyAdvice } from '../types.js';

/**
 * Advise how to reply.
 *
 * @example
 * ```ts
 * scoreMention('Need a loan? WhatsApp me').replyAdvice; // 'do-not-engage'
 * ```
 */
export function adviseReply(_ctx: ScoreContext, c: Classified): ReplyAdvice {
  if (c.isSpam) return 'do-not-engage';
  if (c.complaint.isComplaint) return 'reply-publicly-then-dm';
  if (c.intent === 'question') return 'reply-publicly';
  return 'monitor';
}
