/**
 * Apply the configured priority policy and SLA, and route to a team.
 * @module
 */
import type { Classified, ScoreContext } from '../context.js';
import type { Priority } from '../types.js';
import { defaultPolicy, fairPolicy } from './priority.js';

/**
 * Decide priority, response time and team for a classified mention.
 *
 * @example
 * ```ts
 * const { priority, respondWithinMinutes } = decidePriority(ctx, classified, 0.8, 0.2);
 * ```
 */
export function decidePriority(
  ctx: ScoreContext,
  c: Classified,
  pilloryRisk: number,
  urgency: number,
): { priority: Priority; respondWithinMinutes: number; team?: string } {
  const cfg = ctx.config;
  const policy = cfg.policy === 'default' ? defaultPolicy : cfg.policy === 'fair' ? fairPolicy : cfg.policy;
  const decision = policy.decide({
    urgency,
    pilloryRisk,
    intent: c.intent,
    severity: c.complaint.severity,
    isComplaint: c.complaint.isComplaint,
    complaintProbability: c.complaint.probability,
    isSpam: c.isSpam,
    reach: c.reach.estimated,
    sentimentScore: c.sentiment.score,
    channelFailure: c.channelFailure.detected,
  });
  ctx.reasons.push({ code: `policy-${policy.name}`, message: decision.reason, weight: 0, target: 'priority' });
  const category = c.complaint.categories[0];
  const team = c.isSpam
    ? undefined
    : ((cfg.routing[c.intent] !== undefined && c.intent !== 'complaint' ? cfg.routing[c.intent] : undefined) ??
      (category !== undefined ? cfg.routing[category] : undefined));
  const out: { priority: Priority; respondWithinMinutes: number; team?: string } = {
    priority: decision.priority,
    respondWithinMinutes: cfg.sla[decision.priority],
  };
  if (team !== undefined) out.team = team;
  return out;
}
