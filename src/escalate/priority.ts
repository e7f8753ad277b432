/**
 * Priority policies: turn urgency, pillory risk and intent into P1-P4.
 * @module
 */
import type { PolicyInput, PriorityPolicy } from '../config.js';
import type { Priority } from '../types.js';

function fromScore(s: number): Priority {
  return s >= 0.75 ? 'P1' : s >= 0.5 ? 'P2' : s >= 0.25 ? 'P3' : 'P4';
}

/**
 * The default policy: the larger of urgency and pillory risk decides.
 *
 * @example
 * ```ts
 * defaultPolicy.decide({ urgency: 0.9, pilloryRisk: 0.1, ... }).priority; // 'P1'
 * ```
 */
export const defaultPolicy: PriorityPolicy = {
  name: 'default',
  decide(input: PolicyInput) {
    if (input.isSpam) return { priority: 'P4', reason: 'spam is never prioritised' };
    return {
      priority: fromScore(Math.max(input.urgency, input.pilloryRisk)),
      reason: 'max of urgency and pillory risk',
    };
  },
};

/**
 * The fair policy: urgency and severity only, never reach.
 *
 * @example
 * ```ts
 * createScorer({ policy: 'fair' });
 * ```
 */
export const fairPolicy: PriorityPolicy = {
  name: 'fair',
  decide(input: PolicyInput) {
    if (input.isSpam) return { priority: 'P4', reason: 'spam is never prioritised' };
    return { priority: fromScore(input.urgency), reason: 'urgency only' };
  },
};
