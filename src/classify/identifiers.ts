/**
 * Identifiers a CRM can match a customer or case on: order, ticket, case, customer and invoice
 * numbers (only after a cue word, in Dutch or English), e-mail addresses, phone numbers (Dutch and
 * international), Dutch postcodes (with the house number when given), IBANs (mod-97 checked) and
 * Dutch licence plates written with dashes.
 *
 * Numbers are easy to over-match, so every recogniser asks for positive evidence: a cue word for
 * order numbers, a trunk `0`, `+` or `00` and a valid length for phones, the checksum for IBANs, a
 * side-code shape for plates. Dates, times, prices, flight numbers and years are not phones.
 * Every pattern has bounded quantifiers and a left boundary, so time is linear in the text; a
 * text without a digit or an `@` returns at once.
 * @module
 */
import type { Identifier, IdentifierType } from '../types.js';

export type { IdentifierType } from '../types.js';

// -- patterns ---------------------------------------------------------------------------------

// The domain of an e-mail address, read from just after its "@" (sticky: one position per "@").
const EMAIL_DOMAIN = /[\p{L}\p{N}][\p{L}\p{N}-]{0,62}(?:\.[\p{L}\p{N}-]{1,63}){1,8}/uy;

// Cue words, per type. Longer forms first: the alternation takes the first that fits.
const CUE = new RegExp(
  [
    '(?<![A-Za-z0-9])(?:',
    '(?<order>bestelnummer|bestelnr|bestelling|ordernummer|ordernr|order-?id|order|orders|',
    'zendingsnummer|zendingnummer|pakketnummer|trackingnummer|tracking ?number|tracking ?code|',
    'track ?(?:&|en|and|n) ?trace(?:-?code)?|reserveringsnummer|reservering|boekingsnummer|',
    'boekingscode|boeking|booking ?reference|booking|reservation|confirmation ?number|pnr)|',
    '(?<ticket>ticketnummer|ticketnr|ticket|meldingsnummer|meldingnummer|melding|storingsnummer|',
    'incidentnummer|incident|servicenummer|serviceverzoek|service ?request)|',
    '(?<kase>dossiernummer|dossiernr|dossier|zaaknummer|zaaknr|zaak|casenummer|case|klachtnummer|',
    'klacht|kenmerk|referentienummer|referentie|reference|ref|claimnummer|claim|complaint)|',
    '(?<customer>klantnummer|klantnr|klant-?id|klant|customer ?number|customer ?id|customer|',
    'accountnummer|account ?number|account ?id|account|abonneenummer|abonnementsnummer|',
    'contractnummer|lidnummer|lidmaatschapsnummer|member(?:ship)? ?number|member ?id|relatienummer)|',
    '(?<invoice>factuurnummer|factuurnr|factuur|invoice ?number|invoice))(?![A-Za-z])',
    // Connectors: "order nr. 123", "klantnummer: 123", "bestelling met nummer 123", "case is 123".
    String.raw`(?:[ \t]{1,2}met)?(?:[ \t]{0,2}(?:nummer|number|nr|no|num|id|code)(?![A-Za-z]))?\.?`,
    String.raw`(?:[ \t]{1,2}(?:is|was))?[ \t]{0,2}[:#=]?[ \t]{0,2}#?`,
    '([A-Za-z0-9][A-Za-z0-9/-]{2,39})',
  ].join(''),
  'gi',
);

const IBAN = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?/g;

// PC6 (1234 AB) with an optional house number (12, 12a, 12-3, 12 bis is not a thing).
const POSTCODE =
  /(?<![A-Za-z0-9])([1-9]\d{3})( ?)([A-Za-z]{2})(?![A-Za-z0-9])(?:(?: {1,2}|, ?)(\d{1,5}(?:-?[A-Za-z](?![A-Za-z0-9])|-\d{1,4})?)(?![A-Za-z0-9]))?/g;

// Dutch licence plates: the fourteen side-codes, with dashes, upper case.
const PLATE =
  /(?<![A-Za-z0-9-])(?:[A-Z]{2}-\d{2}-\d{2}|\d{2}-\d{2}-[A-Z]{2}|\d{2}-[A-Z]{2}-\d{2}|[A-Z]{2}-\d{2}-[A-Z]{2}|[A-Z]{2}-[A-Z]{2}-\d{2}|\d{2}-[A-Z]{2}-[A-Z]{2}|\d{2}-[A-Z]{3}-\d|\d-[A-Z]{3}-\d{2}|[A-Z]{2}-\d{3}-[A-Z]|[A-Z]-\d{3}-[A-Z]{2}|[A-Z]{3}-\d{2}-[A-Z]|[A-Z]-\d{2}-[A-Z]{3}|\d-[A-Z]{2}-\d{3}|\d{3}-[A-Z]{2}-\d)(?![A-Za-z0-9-])/g;

const DATE_START = /^(?:\d{1,2}[-./]\d{1,2}[-./](?:\d{4}|\d{2})(?!\d)|\d{4}[-./]\d{1,2}[-./]\d{1,2}(?!\d))/;
const DATE_VALUE = /^(?:\d{1,2}[-/]\d{1,2}[-/]\d{2,4}|\d{4}[-/]\d{1,2}[-/]\d{1,2})$/;
const YEAR = /^(?:19|20)\d{2}$/;
const HAS_DIGIT = /[0-9]/;
const HAS_TWO_DIGITS = /[0-9][0-9]/;

// Two upper-case letters after four digits that are usually a word or a unit, not a postcode,
// unless a house number follows. SA, SD and SS are never issued.
const NOT_POSTCODE_LETTERS = new Set(
  'EN OF IN OP DE EM IS IT ON AT TO BY OR AN AM PM KM CM MM KG MG ML MB GB KB TB HZ PK EU NL US UK BE VS TV PC OK NO GO ME WE HE MY UP SO DO AS IF ZO NU JA NEE'.split(
    ' ',
  ),
);
const NEVER_POSTCODE = new Set(['SA', 'SD', 'SS']);

// IBAN lengths of the countries a Dutch or Belgian brand meets most; others: 15..34.
const IBAN_LENGTH: Record<string, number> = {
  NL: 18,
  BE: 16,
  DE: 22,
  FR: 27,
  GB: 22,
  LU: 20,
  ES: 24,
  IT: 27,
  AT: 20,
  CH: 21,
  IE: 22,
  PT: 25,
  DK: 18,
  SE: 24,
  NO: 15,
  FI: 18,
  PL: 28,
};

// Country calling codes of one and two digits; everything else has three.
const CC_TWO = new Set(
  '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(
    ' ',
  ),
);

// -- helpers ----------------------------------------------------------------------------------

const isDigit = (c: number) => c >= 48 && c <= 57;
const isAsciiAlnum = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Whether the character at `i` is a letter or digit (false outside the text). */
export function isWordCharAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 128) return isAsciiAlnum(c);
  // Astral letters (𝐀) are two code units: test the whole code point from either half.
  if (c >= 0xdc00 && c <= 0xdfff && i > 0)
    return LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(i - 1) ?? c));
  if (c >= 0xd800 && c <= 0xdbff) return LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(i) ?? c));
  return LETTER_OR_DIGIT.test(text[i] as string);
}

/** ISO 13616 mod-97 check of a compact, upper-case IBAN. */
export function ibanChecksumOk(compact: string): boolean {
  if (compact.length < 15 || compact.length > 34) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i);
    if (isDigit(c)) rem = (rem * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) rem = (rem * 100 + (c - 55)) % 97;
    else return false;
  }
  return rem === 1;
}

interface Found extends Identifier {
  /** Lower wins when two overlap. */
  rank: number;
}

function push(
  out: Found[],
  type: IdentifierType,
  text: string,
  start: number,
  end: number,
  normalized: string,
  rank: number,
) {
  out.push({ type, value: text.slice(start, end), normalized, start, end, rank });
}

// -- recognisers ------------------------------------------------------------------------------

/** A character of an e-mail address's local part. */
function isLocalChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return isAsciiAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
  return LETTER_OR_DIGIT.test(text[i] as string);
}

function findEmails(text: string, out: Found[]): void {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let s = at;
    while (s > 0 && at - s < 64 && isLocalChar(text, s - 1)) s--;
    while (s < at && text.charCodeAt(s) === 46) s++; // not starting with a dot
    if (s === at || (s > 0 && isLocalChar(text, s - 1) && text.charCodeAt(s - 1) !== 46)) continue;
    EMAIL_DOMAIN.lastIndex = at + 1;
    const m = EMAIL_DOMAIN.exec(text);
    if (m === null) continue;
    const value = text.slice(s, at + 1 + m[0].length);
    // The last label is the top-level domain: letters only, two or more.
    const tld = value.slice(value.lastIndexOf('.') + 1);
    if (tld.length < 2 || /[^\p{L}]/u.test(tld)) continue;
    push(out, 'email', text, s, s + value.length, value.toLowerCase(), 0);
    at = s + value.length - 1;
  }
}

function findIbans(text: string, out: Found[]): void {
  IBAN.lastIndex = 0;
  for (let m = IBAN.exec(text); m !== null; m = IBAN.exec(text)) {
    const start = m.index;
    if (isWordCharAt(text, start - 1)) continue;
    const country = m[0].slice(0, 2).toUpperCase();
    const want = IBAN_LENGTH[country];
    // Walk the match taking compact characters up to the country's length (or all of them).
    let compact = '';
    let end = start;
    const limit = want ?? 34;
    for (let i = start; i < start + m[0].length && compact.length < limit; i++) {
      const ch = text[i] as string;
      if (ch !== ' ') {
        compact += ch.toUpperCase();
        end = i + 1;
      }
    }
    if ((want !== undefined && compact.length !== want) || isWordCharAt(text, end) || !ibanChecksumOk(compact)) {
      // Not an IBAN here; let the scan go on right after the country letters.
      IBAN.lastIndex = start + 2;
      continue;
    }
    push(out, 'iban', text, start, end, compact, 1);
    IBAN.lastIndex = end;
  }
}

function cueType(g: Record<string, string | undefined>): IdentifierType {
  if (g.order !== undefined) return 'order';
  if (g.ticket !== undefined) return 'ticket';
  if (g.kase !== undefined) return 'case';
  if (g.customer !== undefined) return 'customer';
  return 'invoice';
}

/** A value after a cue word is a number when it has enough digits and is not a date or year. */
function plausibleNumber(v: string): boolean {
  let digits = 0;
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (isDigit(c)) digits++;
    else if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
  }
  if (DATE_VALUE.test(v) || YEAR.test(v)) return false;
  if (digits >= 4) return true;
  // Booking codes and short references: "ABC12D", "KL1234".
  return v.length >= 5 && digits >= 1 && upper >= 1 && lower === 0;
}

function findCued(text: string, out: Found[]): void {
  CUE.lastIndex = 0;
  for (let m = CUE.exec(text); m !== null; m = CUE.exec(text)) {
    let value = m[6] ?? '';
    if (isWordCharAt(text, m.index - 1)) continue;
    const type = cueType(m.groups ?? {});
    // "in case", "just in case": not a case number.
    if (type === 'case' && /\bin\s$/i.test(text.slice(Math.max(0, m.index - 3), m.index))) continue;
    while (value.endsWith('-') || value.endsWith('/')) value = value.slice(0, -1);
    if (!plausibleNumber(value)) continue;
    const start = m.index + m[0].length - (m[6] ?? '').length;
    const normalized = value.replace(/[-/]/g, '').toUpperCase();
    push(out, type, text, start, start + value.length, normalized, 2);
  }
}

function findPlates(text: string, out: Found[]): void {
  PLATE.lastIndex = 0;
  for (let m = PLATE.exec(text); m !== null; m = PLATE.exec(text)) {
    const end = m.index + m[0].length;
    if (isWordCharAt(text, m.index - 1) || isWordCharAt(text, end)) continue;
    push(out, 'licence-plate', text, m.index, m.index + m[0].length, m[0].replace(/-/g, ''), 3);
  }
}

function findPostcodes(text: string, out: Found[]): void {
  POSTCODE.lastIndex = 0;
  for (let m = POSTCODE.exec(text); m !== null; m = POSTCODE.exec(text)) {
    const digits = m[1] ?? '';
    const letters = m[3] ?? '';
    const house = m[4];
    const up = letters.toUpperCase();
    const end = m.index + m[0].length;
    if (NEVER_POSTCODE.has(up) || isWordCharAt(text, m.index - 1) || isWordCharAt(text, end)) continue;
    if (house === undefined) {
      // Without a house number only "1234 AB" / "1234AB" in capitals, and not a word or unit.
      if (letters !== up || NOT_POSTCODE_LETTERS.has(up)) continue;
    } else if (letters !== up && m[2] === ' ') {
      // "2026 en 12": lower-case letters after a space are a word.
      continue;
    }
    const normalized = `${digits}${up}${house === undefined ? '' : ` ${house.toUpperCase()}`}`;
    push(out, 'postcode', text, m.index, end, normalized, 4);
  }
}

// Characters that may sit between the digit groups of a phone number.
const isPhoneSep = (c: number) => c === 32 || c === 45 || c === 46 || c === 47 || c === 40 || c === 41;

/**
 * Is the national significant number (after the country code) a plausible length? Dutch numbers
 * are checked exactly, a few neighbours roughly, the rest by the E.164 limit.
 */
function validInternational(cc: string, nsn: string): boolean {
  if (nsn.length === 0 || nsn.charCodeAt(0) === 48) return false;
  if (cc === '31') return validDutchNsn(nsn);
  if (cc === '44') return nsn.length === 10 || nsn.length === 9;
  if (cc === '32') return nsn.length === 8 || nsn.length === 9;
  if (cc === '49') return nsn.length >= 7 && nsn.length <= 13;
  const total = cc.length + nsn.length;
  return total >= 8 && total <= 15;
}

/** Dutch number without the trunk 0: 9 digits, or 0800/0900 numbers with 4 or 7 after the prefix. */
function validDutchNsn(nsn: string): boolean {
  const first = nsn.charCodeAt(0);
  if (first === 48) return false;
  if (nsn.startsWith('800') || nsn.startsWith('900') || nsn.startsWith('906') || nsn.startsWith('909')) {
    return nsn.length === 7 || nsn.length === 10;
  }
  return nsn.length === 9;
}

function countryCode(digits: string): string {
  const one = digits.slice(0, 1);
  if (one === '1' || one === '7') return one;
  const two = digits.slice(0, 2);
  return CC_TWO.has(two) ? two : digits.slice(0, 3);
}

interface PhoneGroup {
  start: number;
  end: number;
  digits: string;
}

/**
 * Read a phone-number candidate at `i` (a `+`, `(` or digit with a clean left side): digit
 * groups joined by at most three separator characters. At most 8 groups or 20 digits.
 */
function readGroups(text: string, i: number): { plus: boolean; groups: PhoneGroup[] } {
  const n = text.length;
  let j = i;
  let plus = false;
  if (text.charCodeAt(j) === 40) j++; // (
  if (text.charCodeAt(j) === 43) {
    plus = true;
    j++;
  }
  const groups: PhoneGroup[] = [];
  let total = 0;
  while (j < n && groups.length < 8 && total <= 20) {
    const gs = j;
    while (j < n && isDigit(text.charCodeAt(j)) && j - gs < 20) j++;
    if (j === gs) break;
    groups.push({ start: gs, end: j, digits: text.slice(gs, j) });
    total += j - gs;
    // A separator run: up to three of space - . / ( ), no two of - . / in a row.
    let k = j;
    let marks = 0;
    while (k < n && k - j < 3 && isPhoneSep(text.charCodeAt(k))) {
      const c = text.charCodeAt(k);
      if (c === 45 || c === 46 || c === 47) marks++;
      k++;
    }
    if (k === j || marks > 1 || k >= n || !isDigit(text.charCodeAt(k))) break;
    j = k;
  }
  return { plus, groups };
}

/** The longest prefix of the groups that is a valid phone number, as [groups used, E.164]. */
function matchPhone(plus: boolean, groups: PhoneGroup[], text: string): [number, string] | undefined {
  let digits = '';
  let best: [number, string] | undefined;
  for (let g = 0; g < groups.length; g++) {
    const grp = groups[g] as PhoneGroup;
    digits += grp.digits;
    if (digits.length > 17) break;
    let e164: string | undefined;
    if (plus || digits.startsWith('00')) {
      const intl = plus ? digits : digits.slice(2);
      if (intl.charCodeAt(0) === 48) break; // no country code starts with 0
      const cc = countryCode(intl);
      let nsn = intl.slice(cc.length);
      // "+31 (0)6 ..." and "+31 06 ...": the trunk 0 is dropped (not in Italy, where it belongs).
      if (nsn.startsWith('0') && cc !== '39') nsn = nsn.slice(1);
      if (validInternational(cc, nsn)) e164 = `+${cc}${nsn}`;
    } else if (digits.charCodeAt(0) === 48 && validDutchNsn(digits.slice(1))) {
      // A national number's first group is the whole number or an area code (06, 020, 0111, 0800).
      const first = (groups[0] as PhoneGroup).digits;
      const areaOk = g === 0 || (first.length >= 3 && first.length <= 4) || first === '06';
      if (areaOk) e164 = `+31${digits.slice(1)}`;
    }
    // A group that ends inside a longer run of letters/digits is not the end of a number.
    if (e164 !== undefined && !isWordCharAt(text, grp.end)) best = [g + 1, e164];
  }
  return best;
}

const nextAt = (text: string, ch: string, from: number): number => {
  const at = text.indexOf(ch, from);
  return at < 0 ? text.length : at;
};

function findPhones(text: string, out: Found[]): void {
  const n = text.length;
  // A number starts at a "0", a "+" or a "(": jump between those (indexOf scans far faster than
  // a loop visits every character). The next of each at or after `i`, n when there is none.
  let zero = -1;
  let plusAt = -1;
  let paren = -1;
  let i = 0;
  while (i < n) {
    if (zero < i) zero = nextAt(text, '0', i);
    if (plusAt < i) plusAt = nextAt(text, '+', i);
    if (paren < i) paren = nextAt(text, '(', i);
    // The positions skipped start nothing: none is a "0", "+" or "(".
    i = Math.min(zero, plusAt, paren);
    if (i >= n) return;
    const c = text.charCodeAt(i);
    const startsHere =
      (c === 43 && i + 1 < n && isDigit(text.charCodeAt(i + 1))) ||
      (c === 40 && i + 1 < n && (isDigit(text.charCodeAt(i + 1)) || text.charCodeAt(i + 1) === 43)) ||
      c === 48;
    if (!startsHere || !cleanLeft(text, i)) {
      i++;
      continue;
    }
    const tail = text.slice(i, i + 12);
    const date = DATE_START.exec(tail.startsWith('(') ? '' : tail);
    if (date !== null) {
      i += date[0].length;
      continue;
    }
    const { plus, groups } = readGroups(text, i);
    const hit = groups.length > 0 ? matchPhone(plus, groups, text) : undefined;
    if (hit === undefined) {
      // Skip the digits just read; a number does not start inside another one.
      i = groups.length > 0 ? (groups[0] as PhoneGroup).end : i + 1;
      continue;
    }
    const last = groups[hit[0] - 1] as PhoneGroup;
    push(out, 'phone', text, i, last.end, hit[1], 5);
    i = last.end;
  }
}

/** What may come right before a phone number: not a letter, digit, currency, decimal mark or #. */
function cleanLeft(text: string, i: number): boolean {
  if (i === 0) return true;
  const p = text.charCodeAt(i - 1);
  if (isWordCharAt(text, i - 1)) return false;
  // + - . , / # € $ £ % and a digit group's own "(" do not start a phone number.
  return !(
    p === 43 ||
    p === 45 ||
    p === 46 ||
    p === 44 ||
    p === 47 ||
    p === 35 ||
    p === 0x20ac ||
    p === 36 ||
    p === 0xa3 ||
    p === 37 ||
    p === 95
  );
}

// -- entry point ------------------------------------------------------------------------------

/**
 * Find identifiers in a text: order, ticket, case, customer and invoice numbers (after a cue word
 * such as "bestelnummer", "klantnummer", "dossiernummer", "order #", "customer number"), e-mail
 * addresses, phone numbers, Dutch postcodes, IBANs and Dutch licence plates. Sorted by position;
 * they never overlap (an IBAN or a cued order number wins over a phone number inside it).
 * `start`/`end` index into `text`, and `text.slice(start, end) === value`.
 *
 * @example
 * ```ts
 * import { extractIdentifiers } from 'webcare';
 * extractIdentifiers('Bestelnummer 12345678, bel me op 06-12345678').map((i) => [i.type, i.normalized]);
 * // [['order', '12345678'], ['phone', '+31612345678']]
 * ```
 */
export function extractIdentifiers(text: string): Identifier[] {
  const hasAt = text.includes('@');
  const hasDigit = HAS_DIGIT.test(text);
  if (!hasAt && !hasDigit) return [];
  const found: Found[] = [];
  if (hasAt) findEmails(text, found);
  // Every other recogniser needs an ASCII digit (a cued value too: plausibleNumber), so a text
  // with an "@" but no digit (the usual tagged mention) skips their regex scans.
  if (hasDigit) {
    // IBANs, plates and postcodes all have two digits in a row (plates a hyphen too).
    const twoDigits = HAS_TWO_DIGITS.test(text);
    if (twoDigits) findIbans(text, found);
    findCued(text, found);
    if (twoDigits && text.includes('-')) findPlates(text, found);
    if (twoDigits) findPostcodes(text, found);
    findPhones(text, found);
  }
  if (found.length === 0) return [];
  // Keep the best-ranked of overlapping finds. Each find is short (bounded patterns), so marking
  // the characters taken keeps this linear however many finds a hostile text has.
  found.sort((a, b) => a.rank - b.rank || a.start - b.start);
  const kept: Found[] = [];
  const taken = new Uint8Array(text.length);
  for (const f of found) {
    let free = true;
    for (let i = f.start; i < f.end && free; i++) free = taken[i] === 0;
    if (!free) continue;
    taken.fill(1, f.start, f.end);
    kept.push(f);
  }
  kept.sort((a, b) => a.start - b.start);
  return kept.map(({ type, value, normalized, start, end }) => ({ type, value, normalized, start, end }));
}
