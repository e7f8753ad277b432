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
import * as model_ from './model.js';
import { CONCEPT_NAMES } from './table.js';

// Local copies: a CommonJS transpile (tsx, ts-node) turns imported bindings into getters.
const OFFSET = model_.OFFSET;
const OUT = model_.OUT;

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
const p = new Float64Array(7);
const BILLING = ci('catBilling');
const PRIVACY = ci('catPrivacy');
const CUE_INDEX = CUE.map(([, idx]) => idx);
/** Output order: the learned head's classes, then the cue-only categories. */
let ORDER: Category[] = [];
/** Cue concept of each learned class. */
let HEAD_CUE: number[] = [];
let CODES: string[] = [];
let MESSAGES: string[] = [];
function orderFor(classes: readonly string[]): void {
  if (ORDER.length > 0) return;
  ORDER = [...(classes as Category[]), 'billing', 'privacy'];
  HEAD_CUE = classes.map((c) => (CUE.find(([name]) => name === c) as [Category, number])[1]);
  CODES = ORDER.map((c) => `category-${c.replace('_', '-')}`);
  MESSAGES = ORDER.map((c) => `most likely about ${c.replace('_', ' ')}`);
}

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
  orderFor(head.classes);
  for (let c = 0; c < 5; c++) z[c] = OUT[OFFSET.category + c] as number;
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < 5; c++) if ((z[c] as number) > max) max = z[c] as number;
  let sum = 0;
  for (let c = 0; c < 5; c++) {
    z[c] = Math.exp((z[c] as number) - max);
    sum += z[c] as number;
  }
  for (let c = 0; c < 5; c++) p[c] = (z[c] as number) / sum;
  // Billing and privacy: cue evidence only (no labelled data), scaled like a probability.
  const nBilling = f.concepts[BILLING] as number;
  const nPrivacy = f.concepts[PRIVACY] as number;
  p[5] = nBilling > 0 ? Math.min(0.9, 0.2 + 0.2 * nBilling) : 0;
  p[6] = nPrivacy > 0 ? Math.min(0.9, 0.2 + 0.2 * nPrivacy) : 0;
  let evidence = 0;
  for (const idx of CUE_INDEX) evidence += f.concepts[idx] as number;
  if (head.sparse.length === 0 && evidence > 0) {
    // A head without word weights (Dutch: trained on English concepts only) sees a topic only
    // through its cue words: a class none of whose cues occur is a guess, and must not outrank
    // a topic the text names.
    for (let c = 0; c < 5; c++) if ((f.concepts[HEAD_CUE[c] as number] as number) === 0) p[c] = (p[c] as number) * 0.5;
  }
  let best = 0;
  for (let c = 1; c < 7; c++) if ((p[c] as number) > (p[best] as number)) best = c;
  // Without any topic word the learned head only guesses: keep its guess when it is confident.
  if (evidence === 0 && (p[best] as number) < 0.5) return isComplaint ? ['other'] : [];
  const out: Category[] = [ORDER[best] as Category];
  // Up to two runners-up above 0.25, most likely first.
  for (let round = 0; round < 2; round++) {
    let next = -1;
    for (let c = 0; c < 7; c++) {
      if (c === best || out.includes(ORDER[c] as Category) || (p[c] as number) < 0.25) continue;
      if (next < 0 || (p[c] as number) > (p[next] as number)) next = c;
    }
    if (next < 0) break;
    out.push(ORDER[next] as Category);
  }
  ctx.reasons.push({
    code: CODES[best] as string,
    message: MESSAGES[best] as string,
    weight: Math.round((p[best] as number) * 100) / 100,
    target: 'category',
  });
  return out;
}
