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
};

const kebab = (s: string) => s.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);

/** Rule code and message of dense feature `i` (or -1: the learned word weights). */
export function explainFeature(target: string, i: number, f: Features): { code: string; message: string } {
  if (i < 0) return { code: `${target}-words`, message: 'learned word and word-pair weights' };
  const name = DENSE_FEATURES[i] ?? 'unknown';
  if (name.startsWith('c:')) {
    const concept = name.slice(2);
    const word = f.conceptWord[CONCEPT_NAMES.indexOf(concept as (typeof CONCEPT_NAMES)[number])];
    const what = CONCEPT_MESSAGES[concept] ?? kebab(concept).replace(/-/g, ' ');
    return { code: `${target}-${kebab(concept)}`, message: word === undefined ? what : `${what} ("${word}")` };
  }
  let message = MESSAGES[name] ?? name;
  if (name === 'negMax' && f.topNeg !== undefined) message = `negative word "${f.topNeg}"`;
  else if (name === 'posMax' && f.topPos !== undefined) message = `positive word "${f.topPos}"`;
  return { code: `${target}-${kebab(name)}`, message };
}
