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

const RT_PREFIX = /^\s*(?:RT|rt|Rt)\s*@[\p{L}\p{N}_.@-]+\s*:?\s*/u;
const URL = /\b(?:https?:\/\/|www\.)\S+/giu;
const HANDLE = /(^|[^\p{L}\p{N}_])@[\p{L}\p{N}_.-]+/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;

/** Whether a text is a retweet-style copy (`RT @user: ...`). */
export function isRetweet(text: string): boolean {
  return RT_PREFIX.test(text);
}

/**
 * The words that identify a text for near-duplicate detection, lower-cased, without accents,
 * links, handles or a retweet prefix.
 *
 * @example
 * ```ts
 * fingerprintTokens('RT @jan: Storing bij @KPN! https://t.co/x'); // ['storing', 'bij']
 * ```
 */
export function fingerprintTokens(text: string): string[] {
  const body = text
    .slice(0, 4000) // a copy is a copy within its first few thousand characters; caps the work
    .replace(RT_PREFIX, ' ')
    .replace(URL, ' ')
    .replace(HANDLE, '$1 ')
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(NOT_WORD, ' ')
    .trim();
  return body === '' ? [] : body.split(' ');
}

/** FNV-1a, 32 bits, twice with different seeds: 64 bits of hash as 16 hex digits. */
function hash64(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
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
  const distinct = new Set(tokens);
  if (distinct.size < minTokens && !(isRetweet(text) && distinct.size > 0)) return undefined;
  // Bigrams keep some word order (so two different sentences over the same words differ), the
  // sorted set forgives a tag or sentence moved to another place.
  const shingles = new Set<string>();
  for (let i = 0; i + 1 < tokens.length; i++) shingles.add(`${tokens[i]} ${tokens[i + 1]}`);
  if (shingles.size === 0) shingles.add(tokens[0] ?? '');
  return hash64([...shingles].sort().join('|'));
}

/** Why the monitor dropped a mention. */
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
