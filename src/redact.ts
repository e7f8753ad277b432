/**
 * `redact(text)`: mask the personal data `extractIdentifiers` finds (e-mail, phone, IBAN,
 * postcode with house number, order/ticket/case/customer/invoice numbers, licence plates) before
 * text is stored or logged.
 *
 * It reads the text the way the scorer does: invisible characters inside an identifier
 * (`06\u200B12345678`) and full-width or styled digits (`０６１２３４５６７８`) do not hide it. The mask
 * covers the identifier as written in the original text.
 * @module
 */
import { extractIdentifiers, isWordCharAt } from './classify/identifiers.js';
import { invalidConfig } from './errors.js';
import type { Identifier, IdentifierType } from './types.js';

/**
 * Every kind `redact` can mask.
 *
 * @example
 * ```ts
 * import { REDACTABLE_TYPES, redact } from 'webcare';
 *
 * declare const text: string;
 * redact(text, { types: REDACTABLE_TYPES.filter((t) => t !== 'licence-plate') });
 * ```
 */
export const REDACTABLE_TYPES: readonly IdentifierType[] = [
  'email',
  'phone',
  'iban',
  'postcode',
  'order',
  'ticket',
  'case',
  'customer',
  'invoice',
  'licence-plate',
];

/**
 * Options for {@link redact}.
 *
 * @example
 * ```ts
 * import type { RedactOptions } from 'webcare';
 *
 * const options: RedactOptions = { types: ['email', 'phone', 'iban'], mask: (id) => `<${id.type}>` };
 * ```
 */
export interface RedactOptions {
  /** Kinds to mask. Default: all of {@link REDACTABLE_TYPES}. */
  types?: readonly IdentifierType[];
  /**
   * Also mask a postcode written without a house number. Default `false`: "1234 AB" locates an
   * outage to a street, "1234 AB 12" names a household.
   */
  barePostcodes?: boolean;
  /** The replacement for one identifier. Default: `[type]`, e.g. `[email]`, `[phone]`. */
  mask?: (identifier: Identifier) => string;
}

// Characters the scorer's normaliser drops: zero-width, bidi controls, soft hyphen, BOM.
function isInvisible(c: number): boolean {
  return (
    c === 0xad ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x2064) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0xfeff
  );
}

// NFKC of one code point when it is a single ASCII character (full-width, styled, circled
// digits and letters, the full-width @ and +), else null. Cached; the cache is bounded so a
// hostile text cannot grow it without limit.
const foldCache = new Map<number, string | null>();
function foldCodePoint(cp: number): string | null {
  const hit = foldCache.get(cp);
  if (hit !== undefined) return hit;
  const n = String.fromCodePoint(cp).normalize('NFKC');
  const f = n.length === 1 && n.charCodeAt(0) < 128 && n.charCodeAt(0) > 32 ? n : null;
  if (foldCache.size < 4096) foldCache.set(cp, f);
  return f;
}

interface Folded {
  text: string;
  /** For each character of `text`, the index of the original character it came from. */
  from: number[];
}

/** The text as the recognisers should see it, with a map back to the original; undefined when ASCII. */
function fold(text: string): Folded | undefined {
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 127) {
      ascii = false;
      break;
    }
  }
  if (ascii) return undefined;
  const parts: string[] = [];
  const from: number[] = [];
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      parts.push(text[i] as string);
      from.push(i);
      i++;
      continue;
    }
    const cp = text.codePointAt(i) ?? c;
    const width = cp > 0xffff ? 2 : 1;
    if (isInvisible(c)) {
      i += width;
      continue;
    }
    const f = foldCodePoint(cp);
    if (f !== null) {
      parts.push(f);
      from.push(i);
    } else {
      for (let k = 0; k < width; k++) {
        parts.push(text[i + k] as string);
        from.push(i + k);
      }
    }
    i += width;
  }
  return { text: parts.join(''), from };
}

function spanWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
}

function defaultMask(id: Identifier): string {
  return `[${id.type}]`;
}

function validate(options: RedactOptions): void {
  if (typeof options !== 'object' || options === null) throw invalidConfig('options', 'an object', options);
  const { types, mask, barePostcodes } = options;
  if (types !== undefined && (!Array.isArray(types) || types.some((t) => !REDACTABLE_TYPES.includes(t)))) {
    throw invalidConfig('types', `a list of ${REDACTABLE_TYPES.join(', ')}`, types);
  }
  if (mask !== undefined && typeof mask !== 'function') throw invalidConfig('mask', 'a function', mask);
  if (barePostcodes !== undefined && typeof barePostcodes !== 'boolean') {
    throw invalidConfig('barePostcodes', 'a boolean', barePostcodes);
  }
}

/** One pass: mask what is found now. Returns the text unchanged when nothing is masked. */
function pass(
  text: string,
  types: ReadonlySet<IdentifierType>,
  bare: boolean,
  mask: RedactOptions['mask'],
  folding: boolean,
): string {
  const folded = folding ? fold(text) : undefined;
  const view = folded === undefined ? text : folded.text;
  const ids = extractIdentifiers(view);
  let out = '';
  let at = 0;
  const masked: Identifier[] = [];
  for (const id of ids) {
    if (!types.has(id.type)) continue;
    // A postcode "with a house number" has more than the six characters of "1234AB".
    if (id.type === 'postcode' && !bare && id.normalized.length <= 6) continue;
    let start = id.start;
    let end = id.end;
    if (folded !== undefined) {
      start = folded.from[id.start] as number;
      const last = folded.from[id.end - 1] as number;
      end = last + spanWidth(text, last);
    }
    const original: Identifier = folded === undefined ? id : { ...id, value: text.slice(start, end), start, end };
    out += text.slice(at, start) + (mask ?? defaultMask)(original);
    masked.push(original);
    at = end;
  }
  if (masked.length === 0) return text;
  out += text.slice(at);
  // The same number written again without its cue ("order 12345678 ... 12345678") is the same
  // personal data: mask every other occurrence of a value too (of the first 32 distinct values,
  // so a hostile text full of numbers stays linear).
  const seen = new Set<string>();
  for (const id of masked) {
    if (id.value.length < 4 || seen.has(id.value)) continue;
    seen.add(id.value);
    if (seen.size > 32) break;
    out = replaceWhole(out, id.value, (mask ?? defaultMask)(id));
  }
  return out;
}

/** Replace `value` where it stands on its own (not inside a longer word or number). */
function replaceWhole(text: string, value: string, by: string): string {
  let at = text.indexOf(value);
  if (at === -1) return text;
  let out = '';
  let from = 0;
  while (at !== -1) {
    const end = at + value.length;
    if (!isWordCharAt(text, at - 1) && !isWordCharAt(text, end)) {
      out += text.slice(from, at) + by;
      from = end;
      at = text.indexOf(value, end);
    } else {
      at = text.indexOf(value, at + 1);
    }
  }
  return out + text.slice(from);
}

/**
 * Mask personal data in a text: e-mail addresses, phone numbers, IBANs, postcodes with a house
 * number, order/ticket/case/customer/invoice numbers and licence plates become `[email]`,
 * `[phone]`, `[iban]`... Never throws on text; idempotent with the default mask
 * (`redact(redact(x)) === redact(x)`). Throws `WebcareError` (`INVALID_CONFIG`) on bad options.
 *
 * @example
 * ```ts
 * import { redact } from 'webcare';
 * redact('Bel me op 06-12345678 of mail jan@example.nl, klantnummer 445566');
 * // 'Bel me op [phone] of mail [email], klantnummer [customer]'
 * redact('IBAN NL91 ABNA 0417 1643 00', { mask: (id) => `<${id.type}:${id.normalized.slice(-4)}>` });
 * // 'IBAN <iban:4300>'
 * ```
 */
export function redact(text: string, options: RedactOptions = {}): string {
  validate(options);
  if (typeof text !== 'string' || text === '') return typeof text === 'string' ? text : '';
  const types = new Set(options.types ?? REDACTABLE_TYPES);
  const bare = options.barePostcodes === true;
  // Masking can join what is left into a new identifier ("06 [email]12345678" cannot, but a
  // host's mask might): repeat until nothing changes, a few times at most.
  let out = text;
  // Both readings: as the scorer sees it (folded) and as written, in case folding glued a
  // letter to a number the raw text keeps apart.
  for (let i = 0; i < 4; i++) {
    const next = pass(pass(out, types, bare, options.mask, true), types, bare, options.mask, false);
    if (next === out) break;
    out = next;
  }
  return out;
}
