/**
 * Apply the configured priority policy and SLA, and route to a team.
 * @module
 */
import type { PolicyInput } from '../config.js';
import { invalidConfig } from '../errors.js';
import type { Classified, ScoreContext } from '../context.js';
import type { Priority, Reason } from '../types.js';
import { defaultPolicy, fairPolicy } from './priority.js';

// Policy names become reason codes: keep them to the code alphabet.
const codeCache = new Map<string, string>();
function policyCode(name: string): string {
  let code = codeCache.get(name);
  if (code === undefined) {
    code = `policy-${
      name
        .toLowerCase()
        .replace(/[^a-z0-9]+/gu, '-')
        .replace(/^-|-$/gu, '') || 'custom'
    }`;
    if (codeCache.size < 100) codeCache.set(name, code);
  }
  return code;
}

/**
 * One of the four priorities. Not `p in sla`: the SLA is a plain object, so `in` also found
 * what it inherits ('constructor', 'toString', '__proto__') and took any object whose string
 * form is 'P1'; the assessment then carried that as its priority, with a function or an object
 * as `respondWithinMinutes`. resolveConfig lets no other key into the SLA.
 */
function isPriority(p: unknown): boolean {
  return p === 'P1' || p === 'P2' || p === 'P3' || p === 'P4';
}

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
  const input: PolicyInput = {
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
    priorContacts: ctx.priorContacts,
    locale: ctx.locale,
    addressed: c.addressed,
  };
  const decision = policy.decide(input);
  if (
    decision === null ||
    typeof decision !== 'object' ||
    !isPriority(decision.priority) ||
    typeof decision.reason !== 'string' ||
    (decision.score !== undefined && (typeof decision.score !== 'number' || !Number.isFinite(decision.score)))
  ) {
    throw invalidConfig(
      'policy.decide',
      "a decision { priority: 'P1' | 'P2' | 'P3' | 'P4', reason: string, score?: finite number }",
      decision,
    );
  }
  // Spam never rises above P4, whatever a host policy says.
  const priority: Priority = c.isSpam ? 'P4' : decision.priority;
  const reason: Reason = {
    code: policy === defaultPolicy ? 'policy-default' : policy === fairPolicy ? 'policy-fair' : policyCode(policy.name),
    message: decision.reason,
    weight: decision.score === undefined ? 0 : Math.round(decision.score * 100) / 100,
    target: 'priority',
  };
  // Only the built-in policies' details match the message table.
  if (decision.detail !== undefined && (policy === defaultPolicy || policy === fairPolicy))
    reason.detail = decision.detail;
  ctx.reasons.push(reason);
  const category = c.complaint.categories[0];
  const team = c.isSpam
    ? undefined
    : ((cfg.routing[c.intent] !== undefined && c.intent !== 'complaint' ? cfg.routing[c.intent] : undefined) ??
      (category !== undefined ? cfg.routing[category] : undefined));
  const out: { priority: Priority; respondWithinMinutes: number; team?: string } = {
    priority,
    respondWithinMinutes: cfg.sla[priority],
  };
  if (team !== undefined) out.team = team;
  return out;
}
