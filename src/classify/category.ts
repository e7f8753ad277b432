/**
 * Complaint categories, most likely first. A softmax head trained on the airline negative
 * reasons (customer_service, disruption, delivery, product, booking) over category cue counts
 * and learned words; billing and privacy, which that data lacks, come from their cue lists in
 * both languages. A mention with no topic evidence gets no category (`other` for complaints).
 * @module
 */
import type { ScoreContext } from '../context.js';
import type { Category } from '../types.js';
import type { MentionFeatures } from './mention-features.js';
import { applyHead } from './model.js';
import { CONCEPT_NAMES } from './table.js';

const ci = (n: (typeof CONCEPT_NAMES)[number]) => CONCEPT_NAMES.indexOf(n);
const CUE: [Category, number][] = [
  ['disruption', ci('catDisruption')],
  ['delivery', ci('catDelivery')],
  ['billing', ci('catBilling')],
  ['product', ci('catProduct')],
  ['customer_service', ci('catCustomerService')],
  ['booking', ci('catBooking')],
  ['privacy', ci('catPrivacy')],
];
const z = new Float64Array(5);

/**
 * Rank the categories a mention is about.
 *
 * @example
 * ```ts
 * scoreMention('Mijn pakket is nog steeds niet bezorgd').complaint.categories[0]; // 'delivery'
 * ```
 */
export function classifyCategories(ctx: ScoreContext, f: MentionFeatures, isComplaint: boolean): Category[] {
  const head = f.model.heads.category;
  applyHead(head, f, z);
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < 5; c++) if ((z[c] as number) > max) max = z[c] as number;
  let sum = 0;
  for (let c = 0; c < 5; c++) {
    z[c] = Math.exp((z[c] as number) - max);
    sum += z[c] as number;
  }
  let evidence = 0;
  for (const [, idx] of CUE) evidence += f.concepts[idx] as number;
  const scored: [Category, number][] = [];
  for (let c = 0; c < 5; c++) scored.push([head.classes[c] as Category, (z[c] as number) / sum]);
  // Billing and privacy: cue evidence only (no labelled data), scaled like a probability.
  for (const [cat, idx] of CUE) {
    if (cat !== 'billing' && cat !== 'privacy') continue;
    const n = f.concepts[idx] as number;
    if (n > 0) scored.push([cat, Math.min(0.9, 0.3 + 0.25 * n)]);
  }
  scored.sort((a, b) => b[1] - a[1]);
  const top = scored[0] as [Category, number];
  // Without any topic word the learned head only guesses: keep its guess when it is confident.
  if (evidence === 0 && top[1] < 0.5) return isComplaint ? ['other'] : [];
  const out: Category[] = [top[0]];
  for (let k = 1; k < scored.length && out.length < 3; k++) {
    const [cat, p] = scored[k] as [Category, number];
    if (p >= 0.25) out.push(cat);
  }
  ctx.reasons.push({
    code: `category-${top[0].replace('_', '-')}`,
    message: `most likely about ${top[0].replace('_', ' ')}`,
    weight: Math.round(top[1] * 100) / 100,
    target: 'category',
  });
  return out;
}
