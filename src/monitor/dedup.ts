/**
 * Duplicate detection: by id, and by near-identical text (retweets, quote-less reposts,
 * copy-paste campaigns). The text fingerprint is cheap: normalise, drop what differs between
 * copies (the `RT @x:` prefix, links, @handles, case, accents, punctuation, word order), and hash
 * the sorted set of word bigrams. Two copies with a different link or a tag moved to the end
 * share a fingerprint; two people who both write "storing?" do not, because short texts are
 * never fingerprinted (they are independent signals, and an outage is many people saying the same
 * few words).
 * @module
 */
import type { Mention } from '../types.js';

/** Texts with fewer distinct words than this are not fingerprinted. */
export const DEFAULT_MIN_TOKENS = 6;

const RT_PREFIX = /^\s*rt\s*@[\p{L}\p{N}_.@-]+\s*:?\s*/iu;
const NON_ASCII = /[^\x00-\x7f]/;
const MARKS = /\p{M}+/gu;
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
/** Non-ASCII characters seen so far → whether they are letters or digits (a small, bounded cache). */
const wordCache = new Map<number, boolean>();

/** Whether a text is a retweet-style copy (`RT @user: ...`). */
export function isRetweet(text: string): boolean {
  return RT_PREFIX.test(text);
}

function isWordCode(c: number, s: string, i: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57); // a-z 0-9 (lower-cased input)
  let v = wordCache.get(c);
  if (v === undefined) {
    v = WORD_CHAR.test(String.fromCodePoint(s.codePointAt(i) ?? c));
    if (wordCache.size < 4096) wordCache.set(c, v);
  }
  return v;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 160;
}

/**
 * The words that identify a text for near-duplicate detection, lower-cased, without accents,
 * links, handles or a retweet prefix. A hand-written scan: Unicode-class regular expressions over
 * the whole text cost several microseconds per mention, which the monitor pays for every mention.
 *
 * @example
 * ```ts
 * fingerprintTokens('RT @jan: Storing bij @KPN! https://t.co/x'); // ['storing', 'bij']
 * ```
 */
export function fingerprintTokens(text: string): string[] {
  // A copy is a copy within its first few thousand characters; this caps the work.
  let s = text.slice(0, 4000).toLowerCase().replace(RT_PREFIX, ' ');
  if (NON_ASCII.test(s)) s = s.normalize('NFKD').replace(MARKS, '');
  const tokens: string[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    // Links and @handles differ between copies of the same text: skip them whole.
    if (
      (c === 104 && (s.startsWith('http://', i) || s.startsWith('https://', i))) ||
      (c === 119 && s.startsWith('www.', i))
    ) {
      while (i < n && !isSpace(s.charCodeAt(i))) i++;
      continue;
    }
    if (c === 64 && (i === 0 || !isWordCode(s.charCodeAt(i - 1), s, i - 1))) {
      i++;
      while (i < n && (isWordCode(s.charCodeAt(i), s, i) || s.charCodeAt(i) === 95 || s.charCodeAt(i) === 46)) i++;
      continue;
    }
    if (isWordCode(c, s, i)) {
      const start = i;
      while (i < n && isWordCode(s.charCodeAt(i), s, i)) i++;
      tokens.push(s.slice(start, i));
      continue;
    }
    i++;
  }
  return tokens;
}

/** FNV-1a over a string, cut to 30 bits so V8 keeps it a small integer (fast in a Set). */
function fnv(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h & 0x3fffffff;
}

/**
 * A fingerprint of a text that copies share, or `undefined` when the text is too short to tell a
 * copy from a coincidence (unless it is an explicit retweet).
 *
 * @example
 * ```ts
 * textFingerprint('Pas op: @bol levert kapotte laptops en geeft geen geld terug https://x.y/1') ===
 *   textFingerprint('RT @anna: pas op, @bol levert kapotte laptops en geeft geen geld terug!'); // true
 * ```
 */
export function textFingerprint(text: string, minTokens = DEFAULT_MIN_TOKENS): string | undefined {
  const tokens = fingerprintTokens(text);
  const hashes = tokens.map((t) => fnv(t, 0x811c9dc5));
  const distinct = new Set(hashes).size;
  if (distinct < minTokens && !(distinct > 0 && isRetweet(text))) return undefined;
  // Bigrams keep some word order (so two different sentences over the same words differ), the
  // sorted set forgives a tag or sentence moved to another place. Two 30-bit hashes per bigram
  // make an accidental collision between different texts negligible (60 bits).
  if (hashes.length === 1) hashes.push(0);
  const n = hashes.length - 1;
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const x = hashes[i] as number;
    const y = hashes[i + 1] as number;
    a[i] = (Math.imul(x, 0x01000193) ^ y) & 0x3fffffff;
    b[i] = (Math.imul(y ^ 0x5bd1e995, 0x01000193) + x) & 0x3fffffff;
  }
  return fold(a.sort(), 0x011c9dc5) + fold(b.sort(), 0x1e3779b9);
}

/** Hash a sorted list of bigram hashes, each distinct value once (a set, not a bag). */
function fold(sorted: Int32Array, seed: number): string {
  let h = seed;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i] as number;
    if (i > 0 && v === sorted[i - 1]) continue;
    h = Math.imul(h ^ v, 0x01000193) & 0x3fffffff;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * Why the monitor dropped a mention.
 * @example
 * ```ts
 * import { createMonitor, type DropReason } from 'webcare';
 * import { iterable } from 'webcare/adapters/iterable';
 * const drops: Record<DropReason, number> = { 'duplicate-id': 0, 'near-duplicate': 0, spam: 0 };
 * const monitor = createMonitor({ sources: [iterable([{ id: '7', text: 'Storing?' }, { id: '7', text: 'Storing?' }])] });
 * monitor.on('drop', (d) => drops[d.reason]++);
 * ```
 */
export type DropReason = 'duplicate-id' | 'near-duplicate' | 'spam';

/** Dedup keys for a mention: by source and id, and by text fingerprint. */
export function dedupKeys(
  mention: Mention,
  sourceName: string,
  nearDuplicate: boolean,
  minTokens: number,
): { idKey?: string; textKey?: string } {
  const keys: { idKey?: string; textKey?: string } = {};
  if (mention.id !== undefined && mention.id !== '')
    keys.idKey = `dedup:id:${mention.source ?? sourceName}:${mention.id}`;
  if (nearDuplicate) {
    const fp = textFingerprint(mention.text, minTokens);
    if (fp !== undefined) keys.textKey = `dedup:text:${fp}`;
  }
  return keys;
}
