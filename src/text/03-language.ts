/**
 * Step 3 of text analysis: is this Dutch, English, or undetermined? Mentions are short, so
 * character n-gram models are unreliable; frequent function words and a few orthographic
 * cues of each language (ij, -tje, "'s") decide instead, with a platform hint as tie-breaker.
 * @module
 */
import type { Language } from '../types.js';
import type { Token } from './02-tokenize.js';
import { type Entry, entryOf, lookupTokens } from './lexicon.js';

// Frequent Dutch function words and webcare staples. Words shared with English ("is", "in",
// "was", "de"/"die" aside) are left out so they cannot tip the balance.
const NL_WORDS = (
  'de het een en van ik je jij u uw mijn me mij we wij ze zij hij niet geen nooit wel al ook nog maar dat die dit deze ' +
  'er op te met voor naar bij om uit aan als dan toen zijn ben bent heb hebt heeft hebben had was waren wordt worden ' +
  'word kan kunnen kun moet moeten wil willen zou zal gaat gaan ga komt komen doet doen niks niets iets veel weer ' +
  'nu toch even echt heel erg zo wat wie waar waarom hoe wanneer welke of omdat want dus nee ja jullie hun hen ons onze ' +
  'geen alweer graag bedankt dank dankjewel dankuwel hoi hallo goedemorgen mag mogen krijg krijgen gekregen sinds ' +
  'dagen weken uur keer gebeld storing pakket bezorgd besteld klantenservice helaas alsjeblieft alstublieft zonder ' +
  'tegen over onder tussen na tot door zelf alles iedereen niemand nergens hier daar ook jaar maand week vandaag ' +
  'morgen gisteren thuis buiten meer minder beter slecht goed leuk mooi lekker nieuwe nieuw weet weten denk vind vindt'
).split(' ');

const EN_WORDS = (
  'the a an and of to i you your my me we our they them he she it its not no never but that this these those there ' +
  'with for from at by on about as than then when what who where why how which or because so yes are am be been being ' +
  'have has had do does did done can could will would should must may might get got getting go going gone come ' +
  'just really very still again now even only also already please thanks thank hi hello any some all nothing ' +
  'anything something everyone nobody today tomorrow yesterday days weeks hours times called order delivery ' +
  'service customer flight bag refund account help waiting since lol im dont cant wont didnt isnt wasnt ' +
  "don't can't won't didn't isn't wasn't i'm you're it's that's haven't hasn't doesn't would've out up more " +
  'less better worse good bad great best worst love hate new know think want need make made take took back over'
).split(' ');

// Both lists in the shared lexicon (src/text/lexicon.ts), so a word costs no lookup of its own:
// bit 1 Dutch, bit 2 English.
const IS_NL = 1;
const IS_EN = 2;
for (const w of NL_WORDS) entryOf(w).fw |= IS_NL;
for (const w of EN_WORDS) entryOf(w).fw |= IS_EN;

/**
 * The orthographic cue of a word of `len` > 3 characters, read from its char codes in one pass
 * (no builtin call, each character read once): 1 for Dutch ("ij" anywhere, the diminutive
 * "-tje(s)"), 2 for English ("-ing", "-tion", "-ly", only when longer than 4), else 0.
 */
function orthography(w: string, len: number): number {
  let prev = w.charCodeAt(0);
  for (let k = 1; k < len; k++) {
    const c = w.charCodeAt(k);
    if (c === 106 && prev === 105) return 1; // ij
    prev = c;
  }
  // The last four characters (a word here has at least four).
  const c1 = prev;
  const c2 = w.charCodeAt(len - 2);
  const c3 = w.charCodeAt(len - 3);
  const c4 = w.charCodeAt(len - 4);
  if (c1 === 101 && c2 === 106 && c3 === 116) return 1; // -tje
  if (c1 === 115 && c2 === 101 && c3 === 106 && c4 === 116) return 1; // -tjes
  if (len <= 4) return 0;
  if (c1 === 103 && c2 === 110 && c3 === 105) return 2; // -ing
  if (c1 === 110 && c2 === 111 && c3 === 105 && c4 === 116) return 2; // -tion
  if (c1 === 121 && c2 === 108) return 2; // -ly
  return 0;
}

/** The language decision and the evidence for it. */
export interface LanguageGuess {
  language: Language;
  /** 0..1: how sure the guess is. */
  confidence: number;
  nl: number;
  en: number;
}

/**
 * Guess the language of a tokenised text. `hint` is the platform's language tag, if any;
 * `entries` the tokens' lexicon entries when the caller looked them up already.
 *
 * @example
 * ```ts
 * detectLanguage(tokenize('Al 3 dagen geen internet')).language; // 'nl'
 * ```
 */
export function detectLanguage(
  tokens: readonly Token[],
  hint?: string,
  entries: readonly (Entry | undefined)[] = lookupTokens(tokens, []),
): LanguageGuess {
  let nl = 0;
  let en = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.kind !== 'word') continue;
    const e = entries[k];
    const lists = e === undefined ? 0 : e.fw;
    if ((lists & IS_NL) !== 0) nl += 1;
    if ((lists & IS_EN) !== 0) en += 1;
    // Orthographic cues: "ij" and the diminutive are rare in English words. A known word keeps
    // its cue in its lexicon entry once read.
    let o = e === undefined ? -1 : e.ortho;
    if (o < 0) {
      // `'' + t.norm` is `t.norm` typed as a string for the optimising compiler, so `.length`
      // is not a megamorphic load (words come in several string representations).
      const w = '' + t.norm;
      const len = w.length;
      o = len > 3 ? orthography(w, len) : 0;
      if (e !== undefined) e.ortho = o;
    }
    if (o === 1) nl += 0.5;
    // "-ing" is also Dutch ("storing", "regeling"), so it counts a quarter and only without "ij".
    else if (o === 2) en += 0.25;
  }
  const h = hint?.slice(0, 2).toLowerCase();
  if (h === 'nl') nl += 1.5;
  else if (h === 'en') en += 1.5;
  const total = nl + en;
  if (total < 1) return { language: 'und', confidence: 0, nl, en };
  const margin = Math.abs(nl - en) / total;
  if (nl === en) return { language: 'und', confidence: 0, nl, en };
  const language: Language = nl > en ? 'nl' : 'en';
  // Confidence grows with evidence and with the margin between the two counts.
  const confidence = Math.min(1, margin * (1 - 1 / (1 + total)));
  return { language, confidence, nl, en };
}
