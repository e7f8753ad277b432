/**
 * Step 2 of text analysis: one linear pass that splits social text into typed tokens.
 * A hand-written scanner rather than one big regular expression: V8's unicode-property regexes
 * cost ~12 µs per tweet, this costs ~1 µs, and it cannot backtrack at all (every character is
 * looked at a bounded number of times).
 * @module
 */

/**
 * The kind of a token.
 * @example
 * ```ts
 * import { analyzeText, type TokenKind } from 'webcare';
 * const kinds: TokenKind[] = analyzeText('Bedankt @NS! #top').tokens.map((t) => t.kind);
 * // ['word', 'mention', 'punct', 'hashtag']
 * ```
 */
export type TokenKind = 'word' | 'number' | 'hashtag' | 'mention' | 'url' | 'email' | 'emoji' | 'emoticon' | 'punct';

/**
 * One token of a text.
 * @example
 * ```ts
 * import { analyzeText, type Token } from 'webcare';
 * const [first]: Token[] = analyzeText('Slechttttt geregeld').tokens;
 * // { kind: 'word', raw: 'Slechttttt', norm: 'slechtt', start: 0, ... }
 * ```
 */
export interface Token {
  /** What kind of token it is. */
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

// Character classes, cached per BMP code point so each unicode-property regex runs once per
// distinct character, not once per occurrence.
const C_UNKNOWN = 0;
const C_LETTER = 1;
const C_MARK = 2;
const C_DIGIT = 3;
const C_SPACE = 4;
const C_OTHER = 5;
const classOf = new Uint8Array(0x10000);
const LETTER_RE = /\p{L}/u;
const MARK_RE = /\p{M}/u;
const DIGIT_RE = /\p{N}/u;
const SPACE_RE = /\s/u;
const PICTO_RE = /\p{Extended_Pictographic}/u;

/** The class of each ASCII code: one table load instead of a chain of range tests. */
const ASCII_CLASS = new Uint8Array(128).fill(C_OTHER);
for (let c = 97; c <= 122; c++) ASCII_CLASS[c] = C_LETTER;
for (let c = 65; c <= 90; c++) ASCII_CLASS[c] = C_LETTER;
for (let c = 48; c <= 57; c++) ASCII_CLASS[c] = C_DIGIT;
for (let c = 9; c <= 13; c++) ASCII_CLASS[c] = C_SPACE;
ASCII_CLASS[32] = C_SPACE;

function cls(code: number): number {
  if (code < 128) return ASCII_CLASS[code] as number;
  if (code >= 0xd800 && code <= 0xdfff) return C_OTHER; // surrogates: astral handled by caller
  let c = classOf[code] as number;
  if (c === C_UNKNOWN) {
    const ch = String.fromCharCode(code);
    c = LETTER_RE.test(ch)
      ? C_LETTER
      : MARK_RE.test(ch)
        ? C_MARK
        : DIGIT_RE.test(ch)
          ? C_DIGIT
          : SPACE_RE.test(ch)
            ? C_SPACE
            : C_OTHER;
    classOf[code] = c;
  }
  return c;
}

const isWordChar = (c: number) => c === C_LETTER || c === C_MARK || c === C_DIGIT;
const HANDLE_MAX = 64;
const WORD_MAX = 200;
const URL_MAX = 2000;

function isPictographic(text: string, i: number): number {
  const cp = text.codePointAt(i) ?? 0;
  if (cp < 0x2000) return cp === 0xa9 || cp === 0xae ? 1 : 0;
  const width = cp > 0xffff ? 2 : 1;
  if (cp >= 0x1f1e6 && cp <= 0x1f1ff) return width; // regional indicator (flags)
  return PICTO_RE.test(text.slice(i, i + width)) ? width : 0;
}

/** Length of the emoji sequence at i (modifiers, variation selectors, ZWJ chains, flags). */
function emojiLength(text: string, i: number, first: number): number {
  let j = i + first;
  const firstCp = text.codePointAt(i) ?? 0;
  if (firstCp >= 0x1f1e6 && firstCp <= 0x1f1ff) {
    const next = text.codePointAt(j) ?? 0;
    return next >= 0x1f1e6 && next <= 0x1f1ff ? j + 2 - i : j - i;
  }
  for (let parts = 0; parts < 8; parts++) {
    const cp = text.codePointAt(j) ?? 0;
    if (cp === 0xfe0f || cp === 0x20e3) j += 1;
    else if (cp >= 0x1f3fb && cp <= 0x1f3ff) j += 2;
    else if (cp === 0x200d) {
      const w = isPictographic(text, j + 1);
      if (w === 0) break;
      j += 1 + w;
    } else break;
  }
  return j - i;
}

const EMOTICON_MOUTH = new Set([...')(][dDpP/\\|*oO3@$']);
const EMOTICON_EYES = new Set([':', ';', '=']);

/** Length of an emoticon at i, or 0. Only when not glued to a word. */
function emoticonLength(text: string, i: number, len: number): number {
  const c = text[i] as string;
  const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
  if (isWordChar(cls(prev))) return 0;
  let j = i;
  if (EMOTICON_EYES.has(c)) {
    j += 1;
    const n = text[j];
    if (n === '-' || n === "'" || n === '^' || n === 'o') j += 1;
    const mouthStart = j;
    while (j < len && j - mouthStart < 4 && EMOTICON_MOUTH.has(text[j] as string)) j += 1;
    if (j === mouthStart) return 0;
    // ":D" and ":P" are emoticons, ":Dit" is not.
    if (j < len && isWordChar(cls(text.charCodeAt(j))) && /[a-zA-Z]/.test(text[j - 1] as string)) return 0;
    return j - i;
  }
  const two = text.slice(i, i + 3);
  if (
    two.startsWith('<3') ||
    two.startsWith('^^') ||
    two === '</3' ||
    two === '^_^' ||
    two === '-_-' ||
    two === 'T_T'
  ) {
    const len = two.startsWith('<3') || two.startsWith('^^') ? 2 : 3;
    const after = text.charCodeAt(i + len);
    return Number.isNaN(after) || !isWordChar(cls(after)) ? len : 0;
  }
  if ((c === 'x' || c === 'X') && text[i + 1] === 'D') {
    const after = text.charCodeAt(i + 2);
    return Number.isNaN(after) || !isWordChar(cls(after)) ? 2 : 0;
  }
  return 0;
}

/** Whether the last {@link normalizeWord} cut a letter run (a second result, without an object per word). */
let elongatedWord = false;

/**
 * Lower-case, unify apostrophes, cut letter runs of 3+ to 2 (then sets {@link elongatedWord}).
 * `plain`: the caller saw only ASCII without capitals, which lower-casing leaves as it is.
 * `mayRun`: false when the caller saw no three equal code units in a row in a plain word (the
 * lower-cased form is then the same string, so it has none either).
 */
function normalizeWord(body: string, plain: boolean, mayRun: boolean): string {
  elongatedWord = false;
  // `'' + body` is `body`, but typed as a string for the optimising compiler: words come in
  // several string representations (one-byte, two-byte, sliced), which would otherwise make
  // every `.length` and method load below megamorphic (~120 instructions each).
  const b = '' + body;
  let norm = plain ? b : b.toLowerCase();
  if (!plain && norm.includes('’')) norm = norm.replaceAll('’', "'");
  // Fast path: most words have no run of three identical characters. The length is read once:
  // strings of mixed representations make `.length` a megamorphic property load.
  const len = norm.length;
  let hasRun = false;
  if (!mayRun) return norm;
  for (let k = 2; k < len; k++) {
    const ch = norm.charCodeAt(k);
    if (ch === norm.charCodeAt(k - 1) && ch === norm.charCodeAt(k - 2)) {
      hasRun = true;
      break;
    }
  }
  if (!hasRun) return norm;
  let out = '';
  let elongated = false;
  let run = 0;
  for (let k = 0; k < len; k++) {
    const ch = norm[k] as string;
    run = k > 0 && norm[k - 1] === ch ? run + 1 : 1;
    if (run <= 2) out += ch;
    else if (cls(ch.charCodeAt(0)) === C_LETTER) elongated = true;
    else out += ch;
  }
  elongatedWord = elongated;
  return elongated ? out : norm;
}

function isCaps(body: string, norm: string, len: number): boolean {
  if (len < 2) return false;
  const first = body.charCodeAt(0);
  // Lower-case first letter: not caps, without allocating.
  if (first >= 97 && first <= 122) return false;
  if (body === norm) return false;
  // ASCII: caps unless a lower-case letter occurs (what toUpperCase would change), no copy made.
  for (let k = 1; k < len; k++) {
    const c = body.charCodeAt(k);
    if (c >= 97 && c <= 122) return false;
    if (c >= 128) return body === body.toUpperCase();
  }
  return first < 128 ? true : body === body.toUpperCase();
}

/** Lower-case ASCII letter code of a character code (other codes unchanged). */
const lower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);

/**
 * Length of a URL head at i ("http://" 7, "https://" 8, "www." 4, any case), or 0. Char codes,
 * no slice: no character outside ASCII lower-cases to one of these.
 */
function urlHeadLength(text: string, i: number): number {
  const c0 = lower(text.charCodeAt(i));
  if (c0 === 119) {
    // www.
    return lower(text.charCodeAt(i + 1)) === 119 &&
      lower(text.charCodeAt(i + 2)) === 119 &&
      text.charCodeAt(i + 3) === 46
      ? 4
      : 0;
  }
  if (
    c0 !== 104 ||
    lower(text.charCodeAt(i + 1)) !== 116 ||
    lower(text.charCodeAt(i + 2)) !== 116 ||
    lower(text.charCodeAt(i + 3)) !== 112
  )
    return 0;
  let j = i + 4;
  if (lower(text.charCodeAt(j)) === 115) j += 1; // https
  return text.charCodeAt(j) === 58 && text.charCodeAt(j + 1) === 47 && text.charCodeAt(j + 2) === 47 ? j + 3 - i : 0;
}

/** `: ; = < ^ - T x X`: the first characters of the emoticons emoticonLength knows. */
const canStartEmoticon = (c: number) =>
  c === 58 || c === 59 || c === 61 || c === 60 || c === 94 || c === 45 || c === 84 || c === 120 || c === 88;
/** `'.,:/-'.includes(ch)` by char code. */
const isNumberSeparator = (c: number) => c === 46 || c === 44 || c === 58 || c === 47 || c === 45;
/** `',;:()"\'’'.includes(ch)` by char code. */
const isPunct = (c: number) =>
  c === 44 || c === 59 || c === 58 || c === 40 || c === 41 || c === 34 || c === 39 || c === 0x2019;

const EMAIL_TAIL = /^[\p{L}\p{N}._%+-]{0,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,8}/u;

/** A token whose lookup form is its text as written (URLs, numbers, punctuation, emoji). */
function pushAsIs(tokens: Token[], text: string, kind: TokenKind, start: number, end: number): void {
  const raw = text.slice(start, end);
  tokens.push({ kind, raw, norm: raw, start, elongated: false, caps: false });
}

/** A token whose lookup form is `norm` (`undefined`: its text lower-cased). */
function pushNorm(
  tokens: Token[],
  text: string,
  kind: TokenKind,
  start: number,
  end: number,
  norm: string | undefined,
): void {
  const raw = text.slice(start, end);
  tokens.push({ kind, raw, norm: norm ?? raw.toLowerCase(), start, elongated: false, caps: false });
}

/**
 * Split a cleaned text into tokens.
 *
 * @example
 * ```ts
 * tokenize('@KPN al 3 dagen STORING!!! #nooitmeer').map((t) => t.kind);
 * // ['mention', 'word', 'number', 'word', 'word', 'punct', 'hashtag']
 * ```
 */
export function tokenize(input: string): Token[] {
  // The same string, typed as one for the optimising compiler (see normalizeWord).
  const text = '' + input;
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  // Position of the next "@" after i (for the e-mail look-ahead), refreshed once i passes it;
  // -2 until the first word asks. Not found before the loop: with the indexOf there, V8's
  // optimised code searched the rest of the text on every pass of the loop (quadratic; 64 KB
  // of spaces took 77 ms, 4,000 spaces 0.3 ms against 0.02 ms).
  let at = -2;
  while (i < n) {
    const code = text.charCodeAt(i);
    const c = cls(code);
    if (c === C_SPACE) {
      i += 1;
      continue;
    }
    // URLs: http://, https://, www.
    if (
      (code === 104 || code === 72 || code === 119 || code === 87) &&
      (i === 0 || !isWordChar(cls(text.charCodeAt(i - 1))))
    ) {
      const skip = urlHeadLength(text, i);
      if (skip > 0) {
        let j = i + skip;
        while (j < n && j - i < URL_MAX) {
          const cj = text.charCodeAt(j);
          if (cls(cj) === C_SPACE || cj === 60 || cj === 62 || cj === 34) break;
          j += 1;
        }
        pushAsIs(tokens, text, 'url', i, j);
        i = j;
        continue;
      }
    }
    if (c === C_LETTER || c === C_DIGIT) {
      // E-mail: only when an "@" comes before the next space (bounded look-ahead), so the
      // regex runs on candidates, not on every word.
      // The look-ahead stops at the first "@" after i, and can only find it 65 characters away
      // at most: with no "@" that near (the usual case), skip the scan.
      if (at === -2 || (at !== -1 && at <= i)) at = text.indexOf('@', i + 1);
      let k = i + 1;
      if (at !== -1 && at - i <= 65) {
        while (k < n && k - i <= 64 && text.charCodeAt(k) !== 64 && cls(text.charCodeAt(k)) !== C_SPACE) k += 1;
      }
      if (at !== -1 && at - i <= 65 && k < n && text.charCodeAt(k) === 64) {
        const m = EMAIL_TAIL.exec(text.slice(i, i + 260));
        if (m !== null) {
          pushNorm(tokens, text, 'email', i, i + m[0].length, undefined);
          i += m[0].length;
          continue;
        }
      }
    }
    if (c === C_LETTER) {
      let j = i + 1;
      // Only ASCII without capitals so far: then the word needs no lower-casing.
      let plain = code < 128 && (code < 65 || code > 90);
      // Three equal code units in a row (an elongation to cut), watched while scanning: the two
      // previous units (-1 before the word), so normalizeWord need not scan a plain word again.
      let run = false;
      let p1 = code;
      let p2 = -1;
      while (j < n && j - i < WORD_MAX) {
        const unit = text.charCodeAt(j);
        const cj = cls(unit);
        if (isWordChar(cj)) {
          if (unit >= 128 || (unit >= 65 && unit <= 90)) plain = false;
          if (unit === p1 && unit === p2) run = true;
          p2 = p1;
          p1 = unit;
          j += 1;
        } else if (
          (unit === 39 || unit === 0x2019 || unit === 45) &&
          j + 1 < n &&
          cls(text.charCodeAt(j + 1)) === C_LETTER
        ) {
          const next = text.charCodeAt(j + 1);
          if (unit === 0x2019 || next >= 128 || (next >= 65 && next <= 90)) plain = false;
          // The separator differs from the letters around it: no run spans it.
          p2 = unit;
          p1 = next;
          j += 2;
        } else break;
      }
      const raw = text.slice(i, j);
      const norm = normalizeWord(raw, plain, !plain || run);
      const elongated = elongatedWord;
      tokens.push({ kind: 'word', raw, norm, start: i, elongated, caps: isCaps(raw, norm, j - i) });
      i = j;
      continue;
    }
    if (c === C_DIGIT) {
      let j = i + 1;
      while (j < n && j - i < 80) {
        const cj = cls(text.charCodeAt(j));
        if (cj === C_DIGIT) j += 1;
        else if (isNumberSeparator(text.charCodeAt(j)) && j + 1 < n && cls(text.charCodeAt(j + 1)) === C_DIGIT) j += 2;
        else break;
      }
      pushAsIs(tokens, text, 'number', i, j);
      i = j;
      continue;
    }
    if (code === 64 || code === 35) {
      const mention = code === 64;
      let j = i + 1;
      const max = mention ? HANDLE_MAX : 140;
      while (j < n && j - i <= max) {
        const cj = text.charCodeAt(j);
        if (
          isWordChar(cls(cj)) ||
          cj === 95 ||
          (mention && cj === 46 && j + 1 < n && isWordChar(cls(text.charCodeAt(j + 1))))
        )
          j += 1;
        else break;
      }
      if (j > i + 1) {
        const body = text.slice(i + 1, j);
        if (mention) pushNorm(tokens, text, 'mention', i, j, body.toLowerCase());
        else {
          const norm = normalizeWord(body, false, true);
          tokens.push({
            kind: 'hashtag',
            raw: text.slice(i, j),
            norm,
            start: i,
            elongated: elongatedWord,
            caps: false,
          });
        }
        i = j;
        continue;
      }
    }
    // Only these characters can start an emoticon (see emoticonLength).
    const emo = canStartEmoticon(code) ? emoticonLength(text, i, n) : 0;
    if (emo > 0) {
      pushNorm(tokens, text, 'emoticon', i, i + emo, undefined);
      i += emo;
      continue;
    }
    if (code === 33 || code === 63) {
      let j = i + 1;
      while (j < n && j - i < 50 && (text.charCodeAt(j) === 33 || text.charCodeAt(j) === 63)) j += 1;
      pushAsIs(tokens, text, 'punct', i, j);
      i = j;
      continue;
    }
    if (code === 46) {
      let j = i + 1;
      while (j < n && j - i < 50 && text.charCodeAt(j) === 46) j += 1;
      pushAsIs(tokens, text, 'punct', i, j);
      i = j;
      continue;
    }
    if (isPunct(code)) {
      pushAsIs(tokens, text, 'punct', i, i + 1);
      i += 1;
      continue;
    }
    if (code >= 0xa9) {
      const w = isPictographic(text, i);
      if (w > 0) {
        const len = emojiLength(text, i, w);
        pushAsIs(tokens, text, 'emoji', i, i + len);
        i += len;
        continue;
      }
    }
    // Anything else (symbols, stray marks, lone surrogates) is skipped, one code unit at a time.
    i += 1;
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
  let out = '';
  for (let k = 0; k < word.length; k++) if (k === 0 || word[k] !== word[k - 1]) out += word[k];
  return out;
}
