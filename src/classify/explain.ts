/**
 * Human messages and stable rule codes for the features the classifier reasons with, so every
 * decision can say why (house rule 3). Codes are `<target>-<feature>`, e.g. `complaint-time-span`.
 * @module
 */
import { CONCEPT_NAMES } from './table.js';
import { DENSE_FEATURES, type Features } from './features.js';

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

// Codes and base messages per target and feature, built once: scoring only concatenates.
const cache = new Map<string, { codes: string[]; messages: string[]; concept: number[] }>();
function entriesFor(target: string) {
  let e = cache.get(target);
  if (e === undefined) {
    e = { codes: [], messages: [], concept: [] };
    for (const name of DENSE_FEATURES) {
      if (name.startsWith('c:')) {
        const concept = name.slice(2);
        e.codes.push(`${target}-${kebab(concept)}`);
        e.messages.push(CONCEPT_MESSAGES[concept] ?? kebab(concept).replace(/-/g, ' '));
        e.concept.push(CONCEPT_NAMES.indexOf(concept as (typeof CONCEPT_NAMES)[number]));
      } else {
        e.codes.push(`${target}-${kebab(name)}`);
        e.messages.push(MESSAGES[name] ?? name);
        e.concept.push(-1);
      }
    }
    cache.set(target, e);
  }
  return e;
}

/**
 * Rule code and message of dense feature `i` (or -1: the learned word weights).
 *
 * @example
 * ```ts
 * explainFeature('complaint', DENSE_FEATURES.indexOf('timeSpan'), f).code; // 'complaint-time-span'
 * ```
 */
export function explainFeature(target: string, i: number, f: Features): { code: string; message: string } {
  if (i < 0) return { code: `${target}-words`, message: 'learned word and word-pair weights' };
  const e = entriesFor(target);
  const code = e.codes[i] ?? `${target}-unknown`;
  const base = e.messages[i] ?? '';
  const c = e.concept[i] ?? -1;
  if (c >= 0) {
    const word = f.conceptWord[c];
    return { code, message: word === undefined ? base : `${base} ("${word}")` };
  }
  if (code.endsWith('-neg-max') && f.topNeg !== undefined) return { code, message: `negative word "${f.topNeg}"` };
  if (code.endsWith('-pos-max') && f.topPos !== undefined) return { code, message: `positive word "${f.topPos}"` };
  return { code, message: base };
}
