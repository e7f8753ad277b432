/**
 * One pass over the tokens of a mention that produces every feature the classifier stages
 * read: lexicon valence with negation scope, intensifiers, contrast and emphasis; concept cue
 * counts (problem, time span, refund, accusation, spam...); and the ids of learned unigrams and
 * bigrams. The same function runs at training time (scripts/train.ts) and at scoring time, so
 * the model sees exactly the features it was trained on.
 * @module
 */
import type { Token } from '../text/02-tokenize.js';
import { squeeze } from '../text/02-tokenize.js';
import { type Entry, lookup } from '../text/lexicon.js';
import * as T from './table.js';
import type { PhraseNode, WordInfo, WordTable } from './table.js';

// Module-local copies of the table's constants: read on every word, and a local const is a
// plain value whatever the module format (a CommonJS transpile turns imports into getters).
const BIGRAM_BASE = T.BIGRAM_BASE;
const CONCEPT_NAMES = T.CONCEPT_NAMES;
const CONTRAST = T.CONTRAST;
const DIMINISHER = T.DIMINISHER;
const FUNCTION_VERB = T.FUNCTION_VERB;
const INTENSIFIER = T.INTENSIFIER;
const NEGATOR = T.NEGATOR;
const NUMBER_WORD = T.NUMBER_WORD;
const REPEAT_WORD = T.REPEAT_WORD;
const TIME_UNIT = T.TIME_UNIT;
const addGrams = T.addGrams;
const bigramId = T.bigramId;

/** Sentiment x context interactions, the last structural features (see {@link STACKED}). */
const INTERACTIONS = [
  'negMention',
  'negStart',
  'negQuestion',
  'posMention',
  'negPossessive',
  'problemMention',
  'urlMention',
] as const;

/** Names of the dense structural features, in order; concept counts follow them. */
export const STRUCT_FEATURES = [
  'bias',
  'pos',
  'neg',
  'net',
  'posMax',
  'negMax',
  'negatedPos',
  'negatedNeg',
  'lastClauseNet',
  'emoPos',
  'emoNeg',
  'exclaim',
  'question',
  'caps',
  'elongated',
  'urls',
  'mentions',
  'hashtags',
  'startsWithMention',
  'addressesBrand',
  'length',
  'numbers',
  'negatedFunction',
  'timeSpan',
  'repeat',
  'negators',
  'intensified',
  'whyQuestion',
  'stillNot',
  'negSecond',
  // Filled by the sentiment stage after its head ran (0 while it runs): the later heads
  // (complaint, severity, category) read the sentiment probabilities as features.
  'sentNeg',
  'sentPos',
  // Thanks or praise next to a problem or negative words: "thanks for the ripped dress".
  'thanksNeg',
  // Interactions, filled with sentNeg/sentPos by stackFeatures: "negative AND addressed to
  // someone" is what a linear model of the two parts alone cannot express.
  ...INTERACTIONS,
] as const;

/** Dense index of each structural feature. */
export const S = Object.fromEntries(STRUCT_FEATURES.map((n, i) => [n, i])) as Record<
  (typeof STRUCT_FEATURES)[number],
  number
>;

/**
 * The dense features {@link stackFeatures} fills after the sentiment head ran (0 before).
 *
 * @example
 * ```ts
 * STACKED.includes(S.sentNeg); // true
 * ```
 */
export const STACKED: readonly number[] = (['sentNeg', 'sentPos', ...INTERACTIONS] as const).map((n) =>
  STRUCT_FEATURES.indexOf(n),
);

/**
 * Write the sentiment probabilities and their interactions into the dense features, for the
 * complaint, severity and category heads (stacking). The training script calls the same
 * function, so both sides see identical features.
 *
 * @example
 * ```ts
 * stackFeatures(f.dense, 0.8, 0.05);
 * f.dense[S.negMention]; // 0.8 when the mention tags someone
 * ```
 */
export function stackFeatures(d: Float64Array, pNeg: number, pPos: number): void {
  const mentioned = (d[S.mentions] as number) > 0 ? 1 : 0;
  d[S.sentNeg] = pNeg;
  d[S.sentPos] = pPos;
  d[S.negMention] = pNeg * mentioned;
  d[S.negStart] = pNeg * (d[S.startsWithMention] as number);
  d[S.negQuestion] = (d[S.question] as number) > 0 ? pNeg : 0;
  d[S.posMention] = pPos * mentioned;
  d[S.negPossessive] = (d[NS + C.possessive] as number) > 0 ? pNeg : 0;
  d[S.problemMention] = (d[NS + C.problem] as number) + (d[S.negatedFunction] as number) > 0 ? mentioned : 0;
  d[S.urlMention] = (d[S.urls] as number) > 0 ? mentioned : 0;
}
const NS = STRUCT_FEATURES.length;
/** Names of all dense features, in order. */
export const DENSE_FEATURES: readonly string[] = [...STRUCT_FEATURES, ...CONCEPT_NAMES.map((c) => `c:${c}`)];
/** Number of dense features. */
export const DENSE_SIZE = DENSE_FEATURES.length;
/** Dense index of a concept's count. */
export const conceptIndex = (name: (typeof CONCEPT_NAMES)[number]): number => NS + CONCEPT_NAMES.indexOf(name);

const C = Object.fromEntries(CONCEPT_NAMES.map((n, i) => [n, i])) as Record<(typeof CONCEPT_NAMES)[number], number>;

/** The features of one mention. */
export interface Features {
  lang: 'en' | 'nl';
  dense: Float64Array;
  /** Learned feature ids (unigrams, then bigrams offset by the table's unigram count). */
  ids: number[];
  /**
   * Number of valid entries of `ids`. Scoring reuses one scratch list that never shrinks (a
   * shorter length would give its capacity back), so entries past `nIds` are stale.
   */
  nIds: number;
  /**
   * The dense indices that can be non-zero, ascending: those the extraction set and the stacked
   * ones (written later by {@link stackFeatures}). The heads and the reasons loop over these
   * instead of every dense feature. Entries past `nActive` are stale.
   */
  active: Int16Array;
  nActive: number;
  /** Raw concept counts (uncapped), by concept index. */
  concepts: Int16Array;
  /** The first words that fired each concept, for reasons. */
  conceptWord: (string | undefined)[];
  /** The most positive and most negative word, for reasons. */
  topPos: string | undefined;
  topPosValence: number;
  topNeg: string | undefined;
  topNegValence: number;
  /** Count of word tokens. */
  words: number;
  /** Unique URLs, for spam. */
  urls: number;
  /** The language model the stages apply (set by the caller that picked the table). */
  model: unknown;
}

/** Extra facts about the mention that are not in its tokens. */
export interface FeatureContext {
  /** Lower-case brand handles and names of the scorer. */
  brandTerms?: ReadonlySet<string> | undefined;
  /** The platform says the mention addresses the brand. */
  addressesBrand?: boolean;
  /** A scorer's extra valence words (config `extraWords`), overriding the lexicon. */
  extra?: ReadonlyMap<string, number> | undefined;
  /** Collect adjacent vocabulary id pairs (training only). */
  pairs?: number[];
  /** Carried into `Features.model` (set at creation: no hidden-class change afterwards). */
  model?: unknown;
  /** Allocate new arrays instead of reusing the scratch ones (for callers that keep features). */
  fresh?: boolean;
  /**
   * The tokens' lexicon entries (src/text/lexicon.ts), when `table` is the one registered there:
   * a word's info is then read from its entry instead of looked up in `table.words`.
   */
  entries?: readonly (Entry | undefined)[] | undefined;
}

const scratchDense = new Float64Array(DENSE_SIZE);
const scratchConcepts = new Int16Array(CONCEPT_NAMES.length);
const scratchActive = new Int16Array(DENSE_SIZE);
/** Concepts fired in one extraction (a scratch list: one extraction at a time). */
const scratchFired: number[] = [];
/** Phrases in progress in one extraction (a scratch list, like {@link scratchFired}). */
const scratchPhrases: PhraseNode[] = [];
/** 1 at the dense indices {@link stackFeatures} writes. */
const IS_STACKED = new Uint8Array(DENSE_SIZE);
for (const i of STACKED) IS_STACKED[i] = 1;
const scratchIds: number[] = [];
// Holds every concept index from the start (no regrowth as concepts fire in any order).
const scratchConceptWord: (string | undefined)[] = new Array<string | undefined>(CONCEPT_NAMES.length).fill(undefined);
const NO_INFO: WordInfo = {
  valence: 0,
  roles: 0,
  concepts: [],
  phrase: undefined,
  id: -1,
  gramId: -1,
  comboId: -1,
  rows: 1,
};

const cap = (x: number, m: number) => Math.min(x, m);

/** `xs.fill(undefined)` without the runtime call Array.prototype.fill makes for object arrays. */
function clearWords(xs: (string | undefined)[]): (string | undefined)[] {
  for (let k = 0; k < xs.length; k++) xs[k] = undefined;
  return xs;
}

/** `w.endsWith("n't")` by char codes (no builtin call per unknown word). */
function endsNt(w: string): boolean {
  const n = w.length;
  return n >= 3 && w.charCodeAt(n - 1) === 116 && w.charCodeAt(n - 2) === 39 && w.charCodeAt(n - 3) === 110;
}

/** Streaming state of one extraction. */
class Pass {
  f: Features;
  table: WordTable;
  negLeft = 0;
  boost = 1;
  boostLeft = 0;
  pos = 0;
  neg = 0;
  clauseNet = 0;
  prevId = -1;
  prevWasNumber = false;
  prevNumberWord = false;
  lastNegatorAt = -10;
  lastFunctionAt = -10;
  lastPersistAt = -10;
  lastSecondAt = -10;
  lastNegWordAt = -10;
  wordPos = 0;
  /** The concepts fired so far, each once, in firing order: the first `nFired` of `fired`. */
  fired: number[] = scratchFired;
  nFired = 0;
  /**
   * Phrases in progress: the first `activeN` entries of `active` (no array length writes; a
   * scratch list, as extractions never overlap).
   */
  active: PhraseNode[] = scratchPhrases;
  activeN = 0;
  pairs: number[] | undefined;
  /**
   * The word {@link word} is about to see, when its 4-gram row is still to be added: as one
   * combined row with its unigram when the word counts with its own weight, else alone.
   */
  pending: WordInfo | undefined = undefined;

  constructor(table: WordTable, f: Features, pairs: number[] | undefined) {
    this.table = table;
    this.f = f;
    this.pairs = pairs;
  }

  concept(c: number, word: string): void {
    const f = this.f;
    f.concepts[c] = (f.concepts[c] as number) + 1;
    if (f.conceptWord[c] === undefined) {
      f.conceptWord[c] = word;
      this.fired[this.nFired++] = c;
    }
    if (c === C.functionVerb) this.lastFunctionAt = this.wordPos;
    else if (c === C.persist) this.lastPersistAt = this.wordPos;
    else if (c === C.second) this.lastSecondAt = this.wordPos;
  }

  learned(id: number, row = id): void {
    if (id < 0) {
      this.prevId = -1;
      return;
    }
    const f = this.f;
    f.ids[f.nIds++] = row;
    if (this.prevId >= 0) {
      const key = this.prevId * BIGRAM_BASE + id;
      const b = bigramId(this.table.bigramSlots, key);
      if (b >= 0) f.ids[f.nIds++] = b;
      if (this.pairs !== undefined) this.pairs.push(this.prevId, id);
    }
    this.prevId = id;
  }

  breakScope(): void {
    this.negLeft = 0;
    this.boostLeft = 0;
    this.activeN = 0;
  }

  /**
   * One word (a word token, a hashtag or one segment of a hashtag). `e`: the word's lexicon
   * entry, or null when the caller did not look it up (then it is, if a phrase is in progress).
   */
  word(norm: string, i: WordInfo | undefined, t: Token, segment: boolean, e: Entry | undefined | null): void {
    const f = this.f;
    f.words += 1;
    this.wordPos += 1;
    const d = f.dense;
    // Phrases in progress: advance or drop.
    const activeN = this.activeN;
    if (activeN > 0) {
      // Compact in place: no allocation per word.
      const active = this.active;
      const entry = e === null ? lookup(norm) : e;
      let kept = 0;
      for (let a = 0; a < activeN; a++) {
        const n = entry === undefined ? undefined : (active[a] as PhraseNode).next?.get(entry);
        if (n === undefined) continue;
        for (const c of n.concepts) this.concept(c, norm);
        if (n.next !== undefined) active[kept++] = n;
      }
      this.activeN = kept;
    }
    if (i === undefined) {
      if (this.negLeft > 0) this.negLeft -= 1;
      if (this.boostLeft > 0) this.boostLeft -= 1;
      this.learned(-1);
      this.prevWasNumber = false;
      this.prevNumberWord = false;
      return;
    }
    if (i.phrase !== undefined) this.active[this.activeN++] = i.phrase;
    for (const c of i.concepts) this.concept(c, norm);
    const r = i.roles;
    const wasNumber = this.prevWasNumber || this.prevNumberWord;
    if (wasNumber && (r & TIME_UNIT) !== 0) d[S.timeSpan] = (d[S.timeSpan] as number) + 1;
    if (wasNumber && (r & REPEAT_WORD) !== 0) d[S.repeat] = (d[S.repeat] as number) + 1;
    this.prevWasNumber = false;
    this.prevNumberWord = (r & NUMBER_WORD) !== 0;
    if ((r & FUNCTION_VERB) !== 0 && this.wordPos - this.lastNegatorAt <= 3) {
      d[S.negatedFunction] = (d[S.negatedFunction] as number) + 1;
    }
    if ((r & NEGATOR) !== 0) {
      d[S.negators] = (d[S.negators] as number) + 1;
      if (this.wordPos - this.lastFunctionAt <= 2 && this.lastFunctionAt !== this.wordPos) {
        // Dutch puts the verb first: "werkt niet", "komt maar niet".
        d[S.negatedFunction] = (d[S.negatedFunction] as number) + 1;
      }
      if (this.wordPos - this.lastPersistAt <= 2) d[S.stillNot] = (d[S.stillNot] as number) + 1;
      this.lastNegatorAt = this.wordPos;
      this.negLeft = 3;
    }
    if ((r & CONTRAST) !== 0 && !segment) {
      // What follows "but"/"maar" usually carries the verdict: halve what came before.
      this.pos *= 0.5;
      this.neg *= 0.5;
      this.clauseNet = 0;
      this.negLeft = 0;
    }
    if ((r & INTENSIFIER) !== 0) {
      this.boost = 1.5;
      this.boostLeft = 2;
    } else if ((r & DIMINISHER) !== 0) {
      this.boost = 0.6;
      this.boostLeft = 2;
    }
    const v0 = i.valence;
    const negated = this.negLeft > 0 && (r & NEGATOR) === 0;
    if (v0 !== 0 && (r & NEGATOR) === 0) {
      // One multiplier: intensity, shouting, stretching, negation.
      let m = 1;
      if (this.boostLeft > 0) {
        m *= this.boost;
        if (this.boost > 1) d[S.intensified] = (d[S.intensified] as number) + 1;
      }
      if (t.caps) m *= 1.3;
      if (t.elongated) m *= 1.2;
      if (negated) {
        // "not good" is mildly negative, "niet slecht" mildly positive.
        if (v0 > 0) d[S.negatedPos] = (d[S.negatedPos] as number) + 1;
        else if (v0 < 0) d[S.negatedNeg] = (d[S.negatedNeg] as number) + 1;
        m *= -0.5;
      }
      const v = v0 * m;
      if (v > 0) {
        this.pos += v;
        if (v > (d[S.posMax] as number)) d[S.posMax] = v;
        if (v > f.topPosValence) {
          f.topPosValence = v;
          f.topPos = norm;
        }
      } else if (v < 0) {
        this.neg -= v;
        if (-v > (d[S.negMax] as number)) d[S.negMax] = -v;
        if (v < f.topNegValence) {
          f.topNegValence = v;
          f.topNeg = norm;
        }
        this.lastNegWordAt = this.wordPos;
      }
      this.clauseNet += v;
    }
    if ((r & NEGATOR) === 0 && this.negLeft > 0) this.negLeft -= 1;
    if ((r & (INTENSIFIER | DIMINISHER)) === 0 && this.boostLeft > 0) this.boostLeft -= 1;
    // A negated valence word keeps its learned id out: "niet slecht" must not add the weight
    // of "slecht". The lexicon feature above already carries the flipped valence.
    if (segment) return;
    const id = v0 !== 0 && negated ? -1 : i.id;
    const g = this.pending;
    if (g !== undefined) {
      this.pending = undefined;
      if (id >= 0 && id === g.id) {
        this.learned(id, g.comboId);
        return;
      }
      f.ids[f.nIds++] = g.gramId;
    }
    this.learned(id);
  }
}

const VOWEL_RE = /[aeiouy]/;

/** Split a hashtag body into known words: camelCase first, then a dictionary split. */
function segmentHashtag(raw: string, norm: string, words: Map<string, WordInfo>): string[] | undefined {
  // CamelCase: #EpicFail, #NooitMeer.
  const body = raw.slice(1);
  let parts: string[] | undefined;
  let start = 0;
  for (let k = 1; k < body.length; k++) {
    const c = body.charCodeAt(k);
    const p = body.charCodeAt(k - 1);
    if (c >= 65 && c <= 90 && p >= 97 && p <= 122) {
      parts ??= [];
      parts.push(body.slice(start, k).toLowerCase());
      start = k;
    }
  }
  if (parts !== undefined) {
    parts.push(body.slice(start).toLowerCase());
    return parts;
  }
  if (norm.length < 5 || norm.length > 30) return undefined;
  // Two known words, the longest first part winning: #nooitmeer → nooit meer.
  for (let k = norm.length - 2; k >= 2; k--) {
    const a = norm.slice(0, k);
    const b = norm.slice(k);
    const ia = words.get(a);
    const ib = words.get(b);
    if (ia !== undefined && ib !== undefined && VOWEL_RE.test(a) && VOWEL_RE.test(b)) {
      if (
        ia.valence !== 0 ||
        ib.valence !== 0 ||
        ia.concepts.length + ib.concepts.length > 0 ||
        ia.roles + ib.roles > 0
      )
        return [a, b];
      if (ia.id >= 0 && ib.id >= 0 && a.length >= 3 && b.length >= 3) return [a, b];
    }
  }
  return undefined;
}

/** The info of token k's own form: from its lexicon entry when given, else a table lookup. */
function infoAt(
  entries: readonly (Entry | undefined)[] | undefined,
  k: number,
  nl: boolean,
  words: Map<string, WordInfo>,
  norm: string,
): WordInfo | undefined {
  if (entries === undefined) return words.get(norm);
  const e = entries[k];
  return e === undefined ? undefined : nl ? e.nl : e.en;
}

/**
 * Extract the features of a tokenised mention with a language's word table.
 *
 * @example
 * ```ts
 * const f = extractFeatures(analyzeText('Al 3 dagen storing!').tokens, tableFor('nl'));
 * f.dense[DENSE_FEATURES.indexOf('timeSpan')]; // 1
 * ```
 */
export function extractFeatures(tokens: readonly Token[], table: WordTable, fc: FeatureContext = {}): Features {
  // Scoring reuses two scratch arrays (the features never outlive one synchronous scoring
  // run); training asks for fresh ones because it keeps every item's features.
  const fresh = fc.fresh === true;
  const f: Features = {
    lang: table.lang,
    dense: fresh ? new Float64Array(DENSE_SIZE) : scratchDense.fill(0),
    ids: fresh ? [] : scratchIds,
    nIds: 0,
    active: fresh ? new Int16Array(DENSE_SIZE) : scratchActive,
    nActive: 0,
    concepts: fresh ? new Int16Array(CONCEPT_NAMES.length) : scratchConcepts.fill(0),
    conceptWord: fresh ? [] : clearWords(scratchConceptWord),
    topPos: undefined,
    topPosValence: 0,
    topNeg: undefined,
    topNegValence: 0,
    words: 0,
    urls: 0,
    model: fc.model,
  };
  const d = f.dense;
  const p = new Pass(table, f, fc.pairs);
  const words = table.words;
  let emoPos = 0;
  let emoNeg = 0;
  let exclaim = 0;
  let question = 0;
  let caps = 0;
  let elongated = 0;
  let mentions = 0;
  let hashtags = 0;
  let numbers = 0;
  let brand = fc.addressesBrand === true;
  const brandTerms = fc.brandTerms;
  const extra = fc.extra;
  const grams = table.grams;
  const gramBase = table.gramBase;
  const entries = fc.entries;
  const nl = table.lang === 'nl';
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    switch (t.kind) {
      case 'word': {
        // `'' + t.norm` is `t.norm`, typed as a string for the optimising compiler: token
        // strings come in several representations, which makes `.length` and method loads on
        // them megamorphic (~120 instructions each) without it.
        const norm = '' + t.norm;
        const direct = infoAt(entries, k, nl, words, norm);
        let i = direct;
        if (i === undefined && t.elongated) i = words.get(squeeze(norm));
        if (i === undefined && endsNt(norm)) i = words.get('not');
        if (t.caps && norm.length > 2) caps += 1;
        if (t.elongated) elongated += 1;
        if (brandTerms?.has(norm)) brand = true;
        if (grams > 0) {
          // Character 4-grams: one precomputed row for a vocabulary word, hashed otherwise.
          if (direct !== undefined && direct.gramId >= 0) {
            if (direct.rows === 0) table.buildRows?.(direct);
            // Added by p.word, with the unigram row when it can (see Pass.pending).
            if (direct.comboId >= 0) p.pending = direct;
            else f.ids[f.nIds++] = direct.gramId;
          } else f.nIds = addGrams(norm, gramBase, grams, f.ids, f.nIds);
        }
        if (extra !== undefined) {
          const ev = extra.get(norm);
          if (ev !== undefined) i = { ...(i ?? NO_INFO), valence: ev };
        }
        p.word(norm, i, t, false, entries === undefined ? null : entries[k]);
        break;
      }
      case 'hashtag': {
        const norm = '' + t.norm;
        hashtags += 1;
        if (brandTerms?.has(norm)) brand = true;
        const i = infoAt(entries, k, nl, words, norm);
        if (grams > 0) {
          const gi = i?.gramId ?? -1;
          if (gi >= 0) {
            if (i?.rows === 0) table.buildRows?.(i);
            f.ids[f.nIds++] = gi;
          } else f.nIds = addGrams(norm, gramBase, grams, f.ids, f.nIds);
        }
        if (i !== undefined && (i.valence !== 0 || i.concepts.length > 0 || i.roles !== 0)) {
          p.word(norm, i, t, false, entries === undefined ? null : entries[k]);
          break;
        }
        const parts = segmentHashtag('' + t.raw, norm, words);
        if (parts !== undefined) {
          for (const part of parts) p.word(part, words.get(part), t, true, null);
          p.learned(i?.id ?? -1);
        } else p.word(norm, i, t, false, entries === undefined ? null : entries[k]);
        p.breakScope();
        break;
      }
      case 'emoji':
      case 'emoticon': {
        const i = infoAt(entries, k, nl, words, t.norm);
        if (i !== undefined) {
          if (i.valence > 0) emoPos += i.valence;
          else emoNeg -= i.valence;
          p.learned(i.id);
        } else p.learned(-1);
        break;
      }
      case 'punct': {
        const raw = '' + t.raw;
        const ch = raw.charCodeAt(0);
        if (ch === 33 || ch === 63) {
          const len = raw.length;
          let asks = false;
          for (let j = 0; j < len; j++) {
            if (raw.charCodeAt(j) === 33) exclaim += 1;
            else {
              question += 1;
              asks = true;
            }
          }
          p.learned(asks ? table.questId : table.exclId);
        } else p.learned(-1);
        p.breakScope();
        break;
      }
      case 'mention':
        mentions += 1;
        if (k === 0) d[S.startsWithMention] = 1;
        if (brandTerms?.has(t.norm)) brand = true;
        p.learned(table.userId);
        p.activeN = 0;
        break;
      case 'url':
        f.urls += 1;
        p.learned(table.urlId);
        p.breakScope();
        break;
      case 'number':
        numbers += 1;
        p.learned(table.numId);
        p.prevWasNumber = true;
        p.activeN = 0;
        break;
      default:
        p.learned(-1);
    }
  }
  const n = f.words;
  d[S.bias] = 1;
  d[S.pos] = Math.log1p(p.pos);
  d[S.neg] = Math.log1p(p.neg);
  d[S.net] = Math.tanh((p.pos - p.neg) / (2 + Math.sqrt(n)));
  d[S.posMax] = (d[S.posMax] as number) / 5;
  d[S.negMax] = (d[S.negMax] as number) / 5;
  d[S.negatedPos] = cap(d[S.negatedPos] as number, 3);
  d[S.negatedNeg] = cap(d[S.negatedNeg] as number, 3);
  d[S.lastClauseNet] = Math.tanh(p.clauseNet / 4);
  d[S.emoPos] = Math.log1p(emoPos);
  d[S.emoNeg] = Math.log1p(emoNeg);
  d[S.exclaim] = cap(exclaim, 3);
  d[S.question] = cap(question, 3);
  d[S.caps] = cap(caps, 3);
  d[S.elongated] = cap(elongated, 3);
  d[S.urls] = cap(f.urls, 3);
  d[S.mentions] = cap(mentions, 3);
  d[S.hashtags] = cap(hashtags, 5) / 2;
  d[S.addressesBrand] = brand ? 1 : 0;
  d[S.length] = Math.log1p(n) / 3;
  d[S.numbers] = cap(numbers, 3);
  d[S.negatedFunction] = cap(d[S.negatedFunction] as number, 3);
  d[S.timeSpan] = cap(d[S.timeSpan] as number, 2);
  d[S.repeat] = cap(d[S.repeat] as number, 2);
  d[S.negators] = cap(d[S.negators] as number, 3);
  d[S.intensified] = cap(d[S.intensified] as number, 3);
  d[S.whyQuestion] = (f.concepts[C.why] as number) > 0 && question > 0 ? 1 : 0;
  d[S.stillNot] = cap(d[S.stillNot] as number, 2);
  d[S.negSecond] = p.lastNegWordAt > 0 && p.lastSecondAt > 0 ? 1 : 0;
  const thanks = (f.concepts[C.thanks] as number) + (f.concepts[C.irony] as number);
  d[S.thanksNeg] = thanks > 0 && (p.neg > 0 || (f.concepts[C.problem] as number) > 0) ? 1 : 0;
  // Only fired concepts have a non-zero count (the dense features start zeroed).
  const fired = p.fired;
  const nFired = p.nFired;
  for (let j = 0; j < nFired; j++) {
    const c = fired[j] as number;
    d[NS + c] = cap(f.concepts[c] as number, 3);
  }
  const active = f.active;
  let m = 0;
  // The structural features without a branch per feature (whether one is set varies from
  // mention to mention, so a branch would be mispredicted often): write every index, advance
  // past the ones that count. Then the fired concepts, in ascending order like the rest.
  for (let i = 0; i < NS; i++) {
    active[m] = i;
    m += (d[i] !== 0 ? 1 : 0) | (IS_STACKED[i] as number);
  }
  for (let j = 1; j < nFired; j++) {
    const c = fired[j] as number;
    let k = j - 1;
    for (; k >= 0 && (fired[k] as number) > c; k--) fired[k + 1] = fired[k] as number;
    fired[k + 1] = c;
  }
  for (let j = 0; j < nFired; j++) active[m++] = NS + (fired[j] as number);
  f.nActive = m;
  return f;
}
