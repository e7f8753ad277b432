/**
 * Step 2 of text analysis: one linear pass that splits social text into typed tokens.
 * The regular expression is a flat alternation of bounded or possessive-shaped classes, so it
 * cannot backtrack super-linearly.
 * @module
 */

/** The kind of a token. */
export type TokenKind = 'word' | 'number' | 'hashtag' | 'mention' | 'url' | 'email' | 'emoji' | 'emoticon' | 'punct';

/** One token of a text. */
export interface Token {
  kind: TokenKind;
  /** The token as written. */
  raw: string;
  /**
   * Lower-cased lookup form. Words and hashtags have runs of 3+ identical letters cut to two
   * ("slechttttt" → "slechtt", "goooood" → "good"); hashtags and mentions lose their sigil.
   */
  norm: string;
  /** Offset of `raw` in the analysed text. */
  start: number;
  /** The word was stretched ("soooo"), a sign of emphasis. */
  elongated: boolean;
  /** The word is written in capitals (two letters or more), a sign of shouting. */
  caps: boolean;
}

// Order matters: URLs and e-mails before words, emoticons before punctuation.
const TOKEN_RE = new RegExp(
  [
    String.raw`(?<url>(?:https?:\/\/|www\.)[^\s<>"]{1,2000})`,
    String.raw`(?<email>[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,8})`,
    String.raw`(?<mention>@[\p{L}\p{N}_.]{1,64})`,
    String.raw`(?<hashtag>#[\p{L}\p{N}_]{1,140})`,
    String.raw`(?<emoticon>(?<![\p{L}\p{N}])(?:[:;=8xX][-'^o]?[)(\]\[dDpP/\\|*oO3]{1,4}|<\/?3{1,3}|\^\^|\^_\^|-_-|T_T|:'\(|:'\))(?![\p{L}\p{N}]))`,
    String.raw`(?<number>\p{N}{1,40}(?:[.,:\/-]\p{N}{1,40}){0,6})`,
    String.raw`(?<word>\p{L}[\p{L}\p{M}\p{N}]{0,60}(?:['’-]\p{L}[\p{L}\p{M}\p{N}]{0,60}){0,4})`,
    String.raw`(?<emoji>\p{Extended_Pictographic}(?:\uFE0F|\p{EMod}|\u200D\p{Extended_Pictographic}){0,8}|\p{RI}\p{RI})`,
    String.raw`(?<punct>[!?]{1,50}|\.{2,50}|[.,;:()"'’])`,
  ].join('|'),
  'gu',
);

const ELONGATION = /(\p{L})\1{2,}/gu;
const HAS_UPPER = /\p{Lu}/u;
const HAS_LOWER = /\p{Ll}/u;

/**
 * Split a cleaned text into tokens.
 *
 * @example
 * ```ts
 * tokenize('@KPN al 3 dagen STORING!!! #nooitmeer').map((t) => t.kind);
 * // ['mention', 'word', 'number', 'word', 'word', 'punct', 'hashtag']
 * ```
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const g = m.groups as Record<string, string | undefined>;
    const raw = m[0];
    let kind: TokenKind;
    if (g.word !== undefined) kind = 'word';
    else if (g.punct !== undefined) kind = 'punct';
    else if (g.mention !== undefined) kind = 'mention';
    else if (g.hashtag !== undefined) kind = 'hashtag';
    else if (g.number !== undefined) kind = 'number';
    else if (g.url !== undefined) kind = 'url';
    else if (g.emoji !== undefined) kind = 'emoji';
    else if (g.emoticon !== undefined) kind = 'emoticon';
    else kind = 'email';
    let norm: string;
    let elongated = false;
    let caps = false;
    if (kind === 'word' || kind === 'hashtag') {
      const body = kind === 'hashtag' ? raw.slice(1) : raw;
      norm = body.toLowerCase().replace(/’/g, "'");
      const shortened = norm.replace(ELONGATION, '$1$1');
      if (shortened !== norm) {
        elongated = true;
        norm = shortened;
      }
      caps = kind === 'word' && body.length >= 2 && HAS_UPPER.test(body) && !HAS_LOWER.test(body);
    } else if (kind === 'mention') {
      norm = raw.slice(1).toLowerCase();
    } else if (kind === 'punct' || kind === 'url') {
      norm = raw;
    } else {
      norm = raw.toLowerCase();
    }
    tokens.push({ kind, raw, norm, start: m.index, elongated, caps });
  }
  return tokens;
}

/**
 * The single-letter form of an elongated word ("slechtt" → "slecht"), for a second lexicon
 * look-up when the two-letter form is unknown.
 *
 * @example
 * ```ts
 * squeeze('slechtt'); // 'slecht'
 * ```
 */
export function squeeze(word: string): string {
  return word.replace(/(\p{L})\1+/gu, '$1');
}
