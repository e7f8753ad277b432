/**
 * Identifiers a CRM can match on: e-mail addresses, order numbers, phone numbers...
 * @module
 */
import type { Identifier } from '../types.js';

const EMAIL = /[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,8}/gu;
const ORDER =
  /\b(?:order|bestelling|ordernummer|bestelnummer)\s*(?:nr\.?|no\.?|number|nummer|#)?\s*:?\s*#?(\d{5,14})\b/giu;

/**
 * Find identifiers in a text.
 *
 * @example
 * ```ts
 * extractIdentifiers('order 12345678, mail jan@example.nl').map((i) => i.type); // ['email', 'order']
 * ```
 */
export function extractIdentifiers(text: string): Identifier[] {
  const out: Identifier[] = [];
  for (const m of text.matchAll(EMAIL))
    out.push({ type: 'email', value: m[0], start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(ORDER)) {
    const v = m[1] ?? '';
    const start = m.index + m[0].length - v.length;
    out.push({ type: 'order', value: v, start, end: start + v.length });
  }
  return out;
}
