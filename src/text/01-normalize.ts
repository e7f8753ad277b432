/**
 * Step 1 of text analysis: make untrusted social text safe and uniform before tokenising.
 * Zero-width and bidi control characters are dropped (they hide words from lexicons and are a
 * favourite of spammers), lone surrogates are replaced, compatibility forms (𝐛𝐨𝐥𝐝 letters,
 * full-width) are folded by NFKC, and the text is capped so time stays linear in the input.
 * @module
 */

/**
 * Characters of text analysed per mention; the rest is ignored (and reported in `reasons`).
 * @example
 * ```ts
 * import { MAX_ANALYSED_CHARS, analyzeText } from 'webcare';
 * const a = analyzeText('x'.repeat(MAX_ANALYSED_CHARS + 1000));
 * a.truncated; // true
 * a.text.length; // 4000
 * ```
 */
export const MAX_ANALYSED_CHARS = 4000;

// Zero-width (ZWJ survives only inside emoji sequences), bidi overrides/isolates, BOM, soft hyphen, and C0/C1 controls except \n and \t.
// A single character class: linear time, no backtracking.
const INVISIBLE =
  /[\u00AD\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u0000-\u0008\u000B-\u001F\u007F-\u009F]|\u200D(?!\p{Extended_Pictographic})/gu;
// Anything outside printable ASCII means NFKC and the invisible-character pass may matter.
const NON_ASCII_OR_CONTROL = /[^\t\n\u0020-\u007E]/;

/** The cleaned text plus what cleaning did. */
export interface NormalizedText {
  /** The cleaned text: invisible characters gone, NFKC-folded, at most {@link MAX_ANALYSED_CHARS} long. */
  text: string;
  /** Length of the raw input, before cleaning and the cap. */
  originalLength: number;
  /** Whether the cap cut the text. */
  truncated: boolean;
}

/**
 * Clean a raw text for analysis.
 *
 * @example
 * ```ts
 * normalizeText('sto\u200Bring').text; // 'storing'
 * ```
 */
export function normalizeText(raw: string): NormalizedText {
  const originalLength = raw.length;
  let text = raw;
  let truncated = false;
  if (text.length > MAX_ANALYSED_CHARS) {
    // Cut on a code point boundary: never leave half a surrogate pair behind.
    let cut = MAX_ANALYSED_CHARS;
    const code = text.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    text = text.slice(0, cut);
    truncated = true;
  }
  if (NON_ASCII_OR_CONTROL.test(text)) {
    text = text.toWellFormed().replace(INVISIBLE, '');
    // NFKC folds styled letters (𝐟𝐫𝐞𝐞 → free) and full-width forms. It runs after the cap, but
    // one character can fold into up to 18 (U+FDFA): when the folded text is over the cap, the
    // input is cut shorter (in proportion, on a code point boundary) until it fits.
    let folded = text.normalize('NFKC');
    while (folded.length > MAX_ANALYSED_CHARS) {
      let cut = Math.floor((text.length * MAX_ANALYSED_CHARS) / folded.length);
      const code = text.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
      text = text.slice(0, cut);
      folded = text.normalize('NFKC');
      truncated = true;
    }
    text = folded;
  }
  return { text, originalLength, truncated };
}
