/**
 * Text analysis: normalise → tokenise → detect language, in one pass each. Everything that
 * classifies or scores a mention reads this one analysis; nothing re-tokenises.
 * @module
 */
import type { Language } from '../types.js';
import { type NormalizedText, normalizeText } from './01-normalize.js';
import { type Token, tokenize } from './02-tokenize.js';
import { detectLanguage } from './03-language.js';
import { type Entry, lookupTokens } from './lexicon.js';

export { MAX_ANALYSED_CHARS, normalizeText } from './01-normalize.js';
export type { NormalizedText } from './01-normalize.js';
export { squeeze, tokenize } from './02-tokenize.js';
export type { Token, TokenKind } from './02-tokenize.js';
export { detectLanguage } from './03-language.js';
export type { LanguageGuess } from './03-language.js';

/**
 * The analysis of one text that every later stage reads.
 * @example
 * ```ts
 * import { analyzeText, type TextAnalysis } from 'webcare';
 * const a: TextAnalysis = analyzeText('Bedankt @NS, trein was op tijd! #top');
 * a.language; // 'nl'
 * a.tokens.filter((t) => t.kind === 'hashtag').map((t) => t.norm); // ['top']
 * ```
 */
export interface TextAnalysis extends NormalizedText {
  /** The tokens of `text`, in order. */
  tokens: Token[];
  /** Detected language, or `'und'` when the text gives too little to tell. */
  language: Language;
  /** 0..1: how sure the language detector is. */
  languageConfidence: number;
}

/**
 * Normalise, tokenise and detect the language of a text.
 *
 * @example
 * ```ts
 * import { analyzeText } from 'webcare';
 * const a = analyzeText('Al 3 dagen storing!!');
 * a.language; // 'nl'
 * a.tokens.length; // 5
 * ```
 */
export function analyzeText(raw: string, languageHint?: string): TextAnalysis {
  return analyzeInto(raw, languageHint, scratchEntries);
}

const scratchEntries: (Entry | undefined)[] = [];

/**
 * {@link analyzeText}, writing each token's lexicon entry (src/text/lexicon.ts) into the first
 * `tokens.length` slots of `entries`: the scoring run looks every token up once here and the
 * later stages read the entries. Internal.
 *
 * @example
 * ```ts
 * const entries: (Entry | undefined)[] = [];
 * const a = analyzeInto('Al 3 dagen storing', undefined, entries);
 * entries[0]?.fw; // 1 (a Dutch function word)
 * ```
 */
export function analyzeInto(
  raw: string,
  languageHint: string | undefined,
  entries: (Entry | undefined)[],
): TextAnalysis {
  const normalized = normalizeText(raw);
  const tokens = tokenize(normalized.text);
  lookupTokens(tokens, entries);
  const guess = detectLanguage(tokens, languageHint, entries);
  // Fields written out, not spread: a spread copy gets a hidden class of its own, and every
  // later stage reading `analysis.*` then pays for a slower (polymorphic) property access.
  return {
    text: normalized.text,
    originalLength: normalized.originalLength,
    truncated: normalized.truncated,
    tokens,
    language: guess.language,
    languageConfidence: guess.confidence,
  };
}
