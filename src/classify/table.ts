/**
 * The per-language word table: one entry per word gives everything the classifier knows about
 * it (valence, role, concept cues, phrase continuations, learned-vocabulary id). Scoring reads
 * the shipped model's table through the shared lexicon (src/text/lexicon.ts); training and
 * other tables look words up in `words`.
 * Built once per language on first use from the lexicons, the cue lists and the trained
 * vocabulary, so importing webcare stays cheap and scoring never merges lists per call.
 * @module
 */
import { CONCEPTS, type Concept, NUMBER_WORDS, REPEAT_WORDS, ROLES } from '../lexicons/cues.js';
import { AFINN_EN } from '../lexicons/generated/afinn-en.js';
import { EMOJI } from '../lexicons/generated/emoji.js';
import { NL_VALENCE } from '../lexicons/generated/nl-valence.js';
import { EMOTICONS, EN_EXTRA } from '../lexicons/en-extra.js';
import { type Entry, entryOf } from '../text/lexicon.js';

/**
 * `s.charCodeAt(k)`, calling the builtin through a constant: words arrive in several V8 string
 * representations (one-byte, two-byte, sliced, cons), which turns a `s.charCodeAt` method load in
 * the 4-gram loop megamorphic (a generic load per character); this call is inlined instead.
 */
const charCodeAt = String.prototype.charCodeAt;
const codeAt = (s: string, k: number): number => charCodeAt.call(s, k);

/** Role bits of a word. */
export const NEGATOR = 1;
export const INTENSIFIER = 2;
export const DIMINISHER = 4;
export const CONTRAST = 8;
export const NUMBER_WORD = 16;
export const REPEAT_WORD = 32;
/** Concept bits the feature pass tests on every word (cheaper than a list search). */
export const TIME_UNIT = 64;
export const FUNCTION_VERB = 128;

/** The concept names in feature order. */
export const CONCEPT_NAMES = Object.keys(CONCEPTS) as Concept[];
const CONCEPT_INDEX = new Map<string, number>(CONCEPT_NAMES.map((c, i) => [c, i]));

/**
 * A node of the phrase trie: concepts completed here, and the words that may follow, keyed by
 * their lexicon entry (src/text/lexicon.ts: an identity lookup, no string hashing).
 */
export interface PhraseNode {
  concepts: number[];
  next: Map<Entry, PhraseNode> | undefined;
}

/** Everything known about one word form in one language. */
export interface WordInfo {
  /** Valence -5..5, 0 when the word carries none. */
  valence: number;
  /** Role bits (NEGATOR, INTENSIFIER, ...). */
  roles: number;
  /** Concepts this word alone signals (indices into CONCEPT_NAMES). */
  concepts: number[];
  /** Root of the phrases starting with this word. */
  phrase: PhraseNode | undefined;
  /** Learned-vocabulary id, or -1. */
  id: number;
  /**
   * Id of the precomputed sum of this word's character 4-gram rows (vocabulary words of a
   * decoded model), or -1: then the 4-grams are hashed per occurrence.
   */
  gramId: number;
  /**
   * Id of the precomputed sum of this word's unigram row and its 4-gram row (a vocabulary word
   * with both), or -1: one row read instead of two when the word counts with its own weight.
   */
  comboId: number;
  /**
   * 0 while the fused rows behind `gramId` and `comboId` are not built yet (the shipped model
   * builds them on first use, through {@link WordTable.buildRows}); 1 otherwise.
   */
  rows: number;
}

/** A word table with its learned vocabulary. */
export interface WordTable {
  lang: 'en' | 'nl';
  words: Map<string, WordInfo>;
  /** Bigram (idA * BIGRAM_BASE + idB) → feature id. */
  bigrams: Map<number, number>;
  /**
   * The same bigrams as an open-addressing hash table for scoring ({@link bigramId}): key and
   * feature id side by side (one cache line per probe, no Map call); -1 marks an empty slot.
   */
  bigramSlots: Int32Array;
  /** Number of unigram features; bigram feature ids follow them. */
  nUnigrams: number;
  /** Vocabulary ids of pseudo-tokens. */
  urlId: number;
  userId: number;
  numId: number;
  exclId: number;
  questId: number;
  /** Number of hashed character 4-gram buckets (0: none); their ids start at `gramBase`. */
  grams: number;
  gramBase: number;
  /** Words with a precomputed 4-gram row, in row order (ids gramBase + grams + index). */
  gramWords: string[];
  /**
   * The combined rows, in row order after the 4-gram rows: pairs of (unigram id, 4-gram row id)
   * whose sum each combined row holds.
   */
  comboRows: number[];
  /** Builds a word's fused rows on first use (set by the decoded model; absent in training). */
  buildRows: ((info: WordInfo) => void) | undefined;
}

/**
 * Write the hashed character 4-grams of `<word>` (FNV-1a; `<` and `>` mark the word's edges) as
 * learned ids `base + bucket`, one per occurrence, into `ids` from index `at` (default: append),
 * and return the index after the last one. Subword pieces let the model share weight between
 * "overcharged" and "charging", or a misspelling and its word.
 *
 * @example
 * ```ts
 * const ids: number[] = [];
 * addGrams('late', 0, 16384, ids); // '<lat', 'late', 'ate>'
 * ids.length; // 3
 * ```
 */
export function addGrams(norm: string, base: number, h: number, ids: number[], at = ids.length): number {
  const n = norm.length + 2;
  if (n < 5) return at;
  let k = at;
  // A power-of-two bucket count (the shipped model's) takes the low bits: the same bucket as
  // the remainder, without an integer division per 4-gram.
  const mask = (h & (h - 1)) === 0 ? h - 1 : -1;
  for (let i = 0; i + 4 <= n; i++) {
    let x = 2166136261;
    for (let j = i; j < i + 4; j++) {
      const c = j === 0 ? 60 : j === n - 1 ? 62 : codeAt(norm, j - 1);
      x = Math.imul(x ^ c, 16777619);
    }
    ids[k++] = base + (mask >= 0 ? x & mask : (x >>> 0) % h);
  }
  return k;
}

/**
 * Multiplier that packs two vocabulary ids into one bigram key. 2^14 keeps every key a small
 * integer (below 2^28), which V8 hashes without allocating; vocabularies stay below it.
 */
export const BIGRAM_BASE = 1 << 14;

/** Pseudo-tokens for non-word tokens in the learned vocabulary. */
export const PSEUDO = { url: '<url>', user: '<user>', num: '<num>', excl: '!', quest: '?' } as const;

/** Home slot of a bigram key in a table of `mask + 1` slots (a power of two). */
const slotOf = (key: number, mask: number) => (Math.imul(key, 0x9e3779b1) >>> 7) & mask;

function bigramTable(pairs: ReadonlyMap<number, number>): Int32Array {
  let n = 16;
  while (n < pairs.size * 2) n *= 2;
  const slots = new Int32Array(n * 2).fill(-1);
  const mask = n - 1;
  for (const [key, id] of pairs) {
    let i = slotOf(key, mask);
    while (slots[i * 2] !== -1) i = (i + 1) & mask;
    slots[i * 2] = key;
    slots[i * 2 + 1] = id;
  }
  return slots;
}

/**
 * The feature id of a bigram key (`idA * BIGRAM_BASE + idB`), or -1: the scoring-time form of
 * `table.bigrams.get(key) ?? -1`.
 *
 * @example
 * ```ts
 * const t = modelFor('en').table;
 * bigramId(t.bigramSlots, 5 * BIGRAM_BASE + 6) === (t.bigrams.get(5 * BIGRAM_BASE + 6) ?? -1); // true
 * ```
 */
export function bigramId(slots: Int32Array, key: number): number {
  const mask = (slots.length >> 1) - 1;
  let i = slotOf(key, mask);
  for (;;) {
    const k = slots[i * 2] as number;
    if (k === key) return slots[i * 2 + 1] as number;
    if (k === -1) return -1;
    i = (i + 1) & mask;
  }
}

/** The concepts of a word that signals none (shared, never written). */
const NO_CONCEPTS: number[] = [];

function info(words: Map<string, WordInfo>, w: string): WordInfo {
  let i = words.get(w);
  if (i === undefined) {
    i = { valence: 0, roles: 0, concepts: [], phrase: undefined, id: -1, gramId: -1, comboId: -1, rows: 1 };
    words.set(w, i);
  }
  return i;
}

function addPhrase(words: Map<string, WordInfo>, parts: string[], concept: number): void {
  const head = info(words, parts[0] as string);
  head.phrase ??= { concepts: [], next: new Map() };
  let level = head.phrase.next as Map<Entry, PhraseNode>;
  for (let k = 1; k < parts.length; k++) {
    const p = entryOf(parts[k] as string);
    let node = level.get(p);
    if (node === undefined) {
      node = { concepts: [], next: undefined };
      level.set(p, node);
    }
    if (k === parts.length - 1) {
      if (!node.concepts.includes(concept)) node.concepts.push(concept);
    } else {
      node.next ??= new Map();
      level = node.next;
    }
  }
}

/**
 * Build the word table of a language from the lexicons, the cue lists and a vocabulary.
 * `bigrams` lists pairs of vocabulary indices, flattened; `grams` is the number of hashed
 * character 4-gram buckets the model was trained with (their ids follow the bigrams);
 * `precompute` gives every vocabulary word a row id for the sum of its 4-gram rows (scoring;
 * training hashes every occurrence).
 *
 * @example
 * ```ts
 * const t = buildTable('nl', ['storing'], []);
 * t.words.get('storing')?.valence; // -2
 * ```
 */
export function buildTable(
  lang: 'en' | 'nl',
  vocab: readonly string[],
  bigrams: readonly number[],
  grams = 0,
  precompute = false,
): WordTable {
  const words = new Map<string, WordInfo>();
  const valence: Readonly<Record<string, number>> = lang === 'en' ? AFINN_EN : NL_VALENCE;
  for (const k in valence) info(words, k).valence = valence[k] as number;
  if (lang === 'en') for (const k in EN_EXTRA) info(words, k).valence = EN_EXTRA[k] as number;
  for (const k in EMOJI) info(words, k).valence = EMOJI[k] as number;
  for (const k in EMOTICONS) info(words, k).valence = EMOTICONS[k] as number;
  const roleBits: [readonly string[], number][] = [
    [ROLES.negator[lang], NEGATOR],
    [ROLES.intensifier[lang], INTENSIFIER],
    [ROLES.diminisher[lang], DIMINISHER],
    [ROLES.contrast[lang], CONTRAST],
    [NUMBER_WORDS[lang], NUMBER_WORD],
    [REPEAT_WORDS[lang], REPEAT_WORD],
  ];
  for (const [list, bit] of roleBits) for (const x of list) info(words, x).roles |= bit;
  for (const [name, lists] of Object.entries(CONCEPTS)) {
    const c = CONCEPT_INDEX.get(name) as number;
    for (const cue of lists[lang]) {
      const parts = cue.split(' ');
      if (parts.length === 1) {
        const i = info(words, cue);
        if (!i.concepts.includes(c)) i.concepts.push(c);
        if (name === 'timeUnit') i.roles |= TIME_UNIT;
        else if (name === 'functionVerb') i.roles |= FUNCTION_VERB;
      } else addPhrase(words, parts, c);
    }
  }
  for (let id = 0; id < vocab.length; id++) info(words, vocab[id] as string).id = id;
  // Most words signal no concept: they share one empty list, which stays in the cache, instead
  // of each pointing to its own (the feature pass reads the list of every word it sees).
  for (const i of words.values()) if (i.concepts.length === 0) i.concepts = NO_CONCEPTS;
  const pairs = new Map<number, number>();
  for (let k = 0; k + 1 < bigrams.length; k += 2) {
    if ((bigrams[k] as number) >= BIGRAM_BASE || (bigrams[k + 1] as number) >= BIGRAM_BASE) continue;
    pairs.set((bigrams[k] as number) * BIGRAM_BASE + (bigrams[k + 1] as number), vocab.length + k / 2);
  }
  const slots = bigramTable(pairs);
  const idOf = (w: string) => words.get(w)?.id ?? -1;
  const gramBase = vocab.length + Math.floor(bigrams.length / 2);
  const gramWords: string[] = [];
  if (grams > 0 && precompute) {
    for (const [w, i] of words) {
      if (w.length < 3 || i.gramId >= 0) continue;
      i.gramId = gramBase + grams + gramWords.length;
      i.rows = 0;
      gramWords.push(w);
    }
  }
  const comboRows: number[] = [];
  if (grams > 0 && precompute) {
    const first = gramBase + grams + gramWords.length;
    for (const i of words.values()) {
      if (i.id < 0 || i.gramId < 0) continue;
      i.comboId = first + comboRows.length / 2;
      comboRows.push(i.id, i.gramId);
    }
  }
  return {
    lang,
    words,
    bigrams: pairs,
    bigramSlots: slots,
    nUnigrams: vocab.length,
    urlId: idOf(PSEUDO.url),
    userId: idOf(PSEUDO.user),
    numId: idOf(PSEUDO.num),
    exclId: idOf(PSEUDO.excl),
    questId: idOf(PSEUDO.quest),
    grams,
    gramBase,
    gramWords,
    comboRows,
    buildRows: undefined,
  };
}
