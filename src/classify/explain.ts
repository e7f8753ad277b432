/**
 * Human messages and stable rule codes for the features the classifier reasons with, so every
 * decision can say why (house rule 3). Codes are `<target>-<feature>`, e.g. `complaint-time-span`.
 * @module
 */
import { CONCEPT_NAMES } from './table.js';
import type { Reason, ReasonTarget } from '../types.js';
import { DENSE_FEATURES, type Features } from './features.js';
import * as model_ from './model.js';
import type { Head } from './model.js';

// Local copies: a CommonJS transpile (tsx, ts-node) turns imported bindings into getters.
const TOP = model_.TOP;
const rankContributions = model_.rankContributions;

const MESSAGES: Record<string, string> = {
  pos: 'positive words',
  neg: 'negative words',
  net: 'overall word valence',
  posMax: 'a strongly positive word',
  negMax: 'a strongly negative word',
  negatedPos: 'a negated positive word ("not good")',
  negatedNeg: 'a negated negative word ("niet slecht")',
  lastClauseNet: 'the clause after "but"/"maar"',
  emoPos: 'positive emoji',
  emoNeg: 'negative emoji',
  exclaim: 'exclamation marks',
  question: 'a question',
  caps: 'words in capitals',
  elongated: 'stretched words ("sooo")',
  urls: 'links',
  mentions: 'mentions of accounts',
  hashtags: 'hashtags',
  startsWithMention: 'addresses an account directly',
  addressesBrand: 'addresses the brand',
  length: 'length of the text',
  numbers: 'numbers',
  negatedFunction: 'something that does not work, arrive or answer',
  timeSpan: 'how long it has been going on',
  repeat: 'repeated attempts',
  negators: 'negation',
  intensified: 'intensified words ("really", "echt")',
  whyQuestion: 'asks why',
  stillNot: '"still not" / "nog steeds niet"',
  negSecond: 'negative words aimed at "you"/"jullie"',
  sentNeg: 'negative sentiment',
  sentPos: 'positive sentiment',
  thanksNeg: 'thanks next to a problem (irony)',
  negMention: 'negative and tags someone',
  negStart: 'negative and opens by addressing someone',
  negQuestion: 'negative and asks a question',
  posMention: 'positive and tags someone',
  negPossessive: 'negative about their own order, account or case',
  problemMention: 'names a problem and tags someone',
  urlMention: 'a link and tags someone',
};

const CONCEPT_MESSAGES: Record<string, string> = {
  problem: 'names a problem',
  functionVerb: 'mentions a service function',
  persist: 'says it keeps happening',
  timeUnit: 'mentions a time span',
  since: 'says since when',
  attempt: 'says they tried to get help',
  promise: 'a broken promise',
  refund: 'asks for money back',
  why: 'asks why',
  whenWhere: 'asks when or where',
  csFail: 'nobody helps or answers',
  disappoint: 'expresses disappointment',
  possessive: 'about their own case',
  second: 'speaks to the company',
  thanks: 'thanks someone',
  infoQuestion: 'asks for information',
  leave: 'threatens to leave',
  accuse: 'accuses the company',
  blame: 'blames the company',
  profanity: 'swears',
  suggest: 'makes a suggestion',
  greeting: 'greets',
  irony: 'ironic praise',
};

const kebab = (s: string) => s.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);

// What a feature's message quotes: a concept's word, the strongest negative or positive word.
const QUOTE_NONE = -1;
const QUOTE_NEG = -2;
const QUOTE_POS = -3;

interface Entries {
  codes: string[];
  messages: string[];
  /** The concept index whose word the message quotes, or QUOTE_NONE / QUOTE_NEG / QUOTE_POS. */
  quote: number[];
  /** `<target>-words`. */
  words: string;
}

// Codes and base messages per target and feature, built once: scoring only concatenates.
const cache = new Map<string, Entries>();
function entriesFor(target: string): Entries {
  let e = cache.get(target);
  if (e === undefined) {
    e = { codes: [], messages: [], quote: [], words: `${target}-words` };
    for (const name of DENSE_FEATURES) {
      let code: string;
      let concept = -1;
      if (name.startsWith('c:')) {
        const cname = name.slice(2);
        code = `${target}-${kebab(cname)}`;
        e.messages.push(CONCEPT_MESSAGES[cname] ?? kebab(cname).replace(/-/g, ' '));
        concept = CONCEPT_NAMES.indexOf(cname as (typeof CONCEPT_NAMES)[number]);
      } else {
        code = `${target}-${kebab(name)}`;
        e.messages.push(MESSAGES[name] ?? name);
      }
      e.codes.push(code);
      const extreme = code.endsWith('-neg-max') ? QUOTE_NEG : code.endsWith('-pos-max') ? QUOTE_POS : QUOTE_NONE;
      e.quote.push(concept >= 0 ? concept : extreme);
    }
    cache.set(target, e);
  }
  return e;
}

function pushOne(reasons: Reason[], target: ReasonTarget, e: Entries, i: number, w: number, f: Features): void {
  if (i === -2) return;
  const r = Math.round(w * 100) / 100;
  if (i < 0) {
    reasons.push({ code: e.words, message: 'learned word and word-pair weights', weight: r, target });
    return;
  }
  const code = e.codes[i] ?? `${target}-unknown`;
  let message = e.messages[i] ?? '';
  const q = e.quote[i] ?? QUOTE_NONE;
  if (q >= 0) {
    const word = f.conceptWord[q];
    if (word !== undefined) message = `${message} ("${word}")`;
  } else if (q === QUOTE_NEG) {
    if (f.topNeg !== undefined) message = `negative word "${f.topNeg}"`;
  } else if (q === QUOTE_POS && f.topPos !== undefined) message = `positive word "${f.topPos}"`;
  reasons.push({ code, message, weight: r, target });
}

/**
 * Push the `n` (≤ 3) features that pushed head `h` towards class `c` (direction `sign`) the
 * most as reasons, with stable codes (`<target>-<feature>`) and `weightSign` on their weights.
 *
 * @example
 * ```ts
 * explainTop(ctx.reasons, 'complaint', head, f, 0, 3, 1, 1, WORDS[OFFSET.complaint]);
 * // { code: 'complaint-time-span', message: 'how long it has been going on', weight: 0.8 }, ...
 * ```
 */
export function explainTop(
  reasons: Reason[],
  target: ReasonTarget,
  h: Head,
  f: Features,
  c: number,
  n: number,
  sign: 1 | -1,
  weightSign: 1 | -1,
  words: number,
): void {
  rankContributions(h, f, c, sign, words);
  const e = entriesFor(target);
  if (n >= 1) pushOne(reasons, target, e, TOP.i1, TOP.v1 * weightSign, f);
  if (n >= 2) pushOne(reasons, target, e, TOP.i2, TOP.v2 * weightSign, f);
  if (n >= 3) pushOne(reasons, target, e, TOP.i3, TOP.v3 * weightSign, f);
}
