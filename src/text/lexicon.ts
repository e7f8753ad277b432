/**
 * One hash table of every word form that some stage looks up, so a scoring run looks each token
 * up once instead of once per stage: language detection, the feature pass, the escalation cues
 * and the channel-failure reader each read their own field of the token's {@link Entry}.
 *
 * Stages register their words at import (the word lists are static); the classifier registers
 * the word table of the shipped model when it decodes it (lazily, on the first mention in a
 * language), which bumps {@link lexiconVersion} so a run whose tokens were looked up before can
 * look them up again. The table hashes the word's char codes itself (FNV-1a and a second 32-bit
 * hash): a `Map` keyed by a freshly sliced string makes V8 compute and cache the string's own
 * hash, a runtime call per word, probes a bucket chain and compares the strings; here one probe
 * of an `Int32Array` holding both hashes and the entry side by side decides.
 *
 * Internal: not exported from the package root.
 * @module
 */
import type { Node as CueNode } from '../escalate/cues.js';
import type { ChannelWord } from '../escalate/channel-failure.js';
import type { WordInfo } from '../classify/table.js';
import type { Token } from './02-tokenize.js';

/** What the stages know about one word form (lower-case, as the tokenizer emits it). */
export class Entry {
  /** The word form. */
  readonly word: string;
  /** Its FNV-1a hash over UTF-16 code units, and a second, independent hash. */
  readonly hash: number;
  readonly hash2: number;
  /** Language detection: 1 Dutch function word, 2 English, 3 both. */
  fw = 0;
  /** Language detection: the word's orthographic cue (0 none, 1 Dutch, 2 English), -1 not read yet. */
  ortho = -1;
  /** Escalation cues: the word's node in the English trie and in the Dutch-and-English trie. */
  cueEn: CueNode | undefined = undefined;
  cueAll: CueNode | undefined = undefined;
  /** Channel failure: the word's roles there (channel, count, unit, phrase start). */
  channel: ChannelWord | undefined = undefined;
  /** The feature pass: the word's info in the shipped model's English and Dutch word tables. */
  en: WordInfo | undefined = undefined;
  nl: WordInfo | undefined = undefined;

  constructor(word: string, hash: number, hash2: number) {
    this.word = word;
    this.hash = hash;
    this.hash2 = hash2;
  }
}

const entries: Entry[] = [];
/**
 * One 32-bit word per slot: (entry index + 1) << 8 | the top 8 bits of the word's hash; 0 marks
 * an empty slot. Four bytes a slot keep the table small enough to stay in the second-level
 * cache (a word's lookup then costs no memory miss until its entry, which the stages read
 * anyway). A slot whose 8-bit tag matches is confirmed on the entry's two 32-bit hashes, so the
 * entry's string is never read; registration compares the strings.
 */
let slots = new Int32Array(4096);
let mask = 4095;
/** Entries a slot can address (23 bits of index). */
const MAX_ENTRIES = (1 << 23) - 1;

/** Changes whenever a word table is registered (see {@link registerWords}). */
export let lexiconVersion = 0;

/** The second hash of the last {@link hashOf} call (a second result, without an object). */
let hash2 = 0;

/**
 * FNV-1a over the UTF-16 code units of `s`, as a signed 32-bit integer; a second, independent
 * 32-bit hash (multiply-xorshift, other constants, seeded with the length) into {@link hash2}.
 */
function hashOf(s: string): number {
  // `'' + s` types the string for the optimising compiler: token strings come in several V8
  // representations, which would make `.length` and `charCodeAt` megamorphic here.
  const w = '' + s;
  const len = w.length;
  let h = 0x811c9dc5 | 0;
  let g = len | 0;
  for (let k = 0; k < len; k++) {
    const c = w.charCodeAt(k);
    h = Math.imul(h ^ c, 16777619);
    g = Math.imul(g + c, 0x5bd1e995);
    g ^= g >>> 13;
  }
  hash2 = g;
  return h;
}

function grow(): void {
  const size = (mask + 1) * 2;
  slots = new Int32Array(size);
  mask = size - 1;
  for (let e = 0; e < entries.length; e++) {
    const entry = entries[e] as Entry;
    place(entry.hash, e + 1);
  }
}

function place(h: number, index: number): void {
  let p = h & mask;
  while (slots[p] !== 0) p = (p + 1) & mask;
  slots[p] = (index << 8) | (h >>> 24);
}

/**
 * The entry of a word form, or undefined when no stage knows it: one probe sequence over the
 * slots; only a slot whose 8-bit tag matches (1 in 256 of the others) has its entry read, and
 * the entry is accepted on both 32-bit hashes, never on its string. Two different words share
 * both hashes with probability about 2^-64.
 *
 * @example
 * ```ts
 * lookup('niet')?.fw; // 1 (a Dutch function word)
 * ```
 */
export function lookup(word: string): Entry | undefined {
  const h = hashOf(word);
  const g = hash2;
  const tag = h >>> 24;
  let p = h & mask;
  for (;;) {
    const v = slots[p] as number;
    if (v === 0) return undefined;
    if ((v & 0xff) === tag) {
      const e = entries[(v >>> 8) - 1] as Entry;
      if (e.hash === h && e.hash2 === g) return e;
    }
    p = (p + 1) & mask;
  }
}

/**
 * The entry of a word form, created when missing (registration, at import or model load). The
 * strings are compared here: a word whose two hashes equal a registered one's is refused, so the
 * hot {@link lookup} never confuses two registered words.
 *
 * @example
 * ```ts
 * entryOf('storing').fw |= 1;
 * ```
 */
export function entryOf(word: string): Entry {
  const found = lookup(word);
  if (found !== undefined) {
    if (found.word !== word) throw new Error(`webcare: lexicon hash collision: "${found.word}", "${word}"`);
    return found;
  }
  // Flat string: an entry keeps its word for the lifetime of the process.
  const w = word.length < 13 ? word : [...word].join('');
  const h = hashOf(w);
  if (entries.length >= MAX_ENTRIES) throw new Error('webcare: the lexicon is full');
  const e = new Entry(w, h, hash2);
  entries.push(e);
  if (entries.length * 2 > mask + 1) grow();
  else place(e.hash, entries.length);
  return e;
}

/**
 * Put a language's word-table infos into the entries (replacing what an earlier table of that
 * language left there) and bump {@link lexiconVersion}.
 *
 * @example
 * ```ts
 * registerWords('nl', modelFor('nl').table.words);
 * ```
 */
export function registerWords(lang: 'en' | 'nl', words: ReadonlyMap<string, WordInfo> | undefined): void {
  for (const e of entries) e[lang] = undefined;
  if (words !== undefined) for (const [w, info] of words) entryOf(w)[lang] = info;
  lexiconVersion += 1;
}

/**
 * Look every token up once: `out[k]` is the entry of token k's lower-case form (undefined for
 * URLs, punctuation and unknown words; a mention's handle is looked up too, as a phrase may go
 * on with it). Returns `out`, its first `tokens.length` slots written.
 *
 * @example
 * ```ts
 * const tokens = tokenize('Al 3 dagen storing');
 * lookupTokens(tokens, [])[3]?.nl?.valence; // the word table's valence of "storing"
 * ```
 */
export function lookupTokens(tokens: readonly Token[], out: (Entry | undefined)[]): (Entry | undefined)[] {
  const n = tokens.length;
  for (let k = 0; k < n; k++) {
    const t = tokens[k] as Token;
    const kind = t.kind;
    out[k] = kind === 'url' || kind === 'punct' ? undefined : lookup(t.norm);
  }
  return out;
}
