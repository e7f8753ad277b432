/**
 * Complaint categories, most likely first.
 * @module
 */
import type { ScoreContext } from '../context.js';
import type { Category } from '../types.js';

const CUES: Record<string, Category> = {
  storing: 'disruption',
  outage: 'disruption',
  down: 'disruption',
  delayed: 'disruption',
  cancelled: 'disruption',
  pakket: 'delivery',
  package: 'delivery',
  parcel: 'delivery',
  bezorgd: 'delivery',
  luggage: 'delivery',
  factuur: 'billing',
  rekening: 'billing',
  refund: 'billing',
  charged: 'billing',
  bill: 'billing',
  klantenservice: 'customer_service',
  gebeld: 'customer_service',
  hold: 'customer_service',
  booking: 'booking',
  bestelling: 'booking',
  order: 'booking',
  account: 'booking',
  privacy: 'privacy',
  datalek: 'privacy',
  hacked: 'privacy',
  broken: 'product',
  kapot: 'product',
};

/**
 * Rank the categories a mention is about.
 *
 * @example
 * ```ts
 * scoreMention('Mijn pakket is nog steeds niet bezorgd').complaint.categories[0]; // 'delivery'
 * ```
 */
export function classifyCategories(ctx: ScoreContext, _isComplaint: boolean): Category[] {
  const counts = new Map<Category, number>();
  for (const t of ctx.analysis.tokens) {
    const c = CUES[t.norm];
    if (c !== undefined) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
}
