import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { extractFeatures } from '../../src/classify/features.js';
import { modelFor, registeredTables } from '../../src/classify/model.js';
import { findCues } from '../../src/escalate/cues.js';
import { readChannelFailure } from '../../src/escalate/channel-failure.js';
import { scoreMention } from '../../src/index.js';
import { analyzeInto } from '../../src/text/index.js';
import { type Entry, entryOf, lexiconVersion, lookup, lookupTokens } from '../../src/text/lexicon.js';
import { tokenize } from '../../src/text/02-tokenize.js';

// Words and shapes the stages care about, mixed with noise, so the generated texts hit the
// lexicon's entries (cue phrases, channel words, function words, vocabulary) and miss it.
const WORDS = [
  'al',
  '3',
  'dagen',
  'geen',
  'internet',
  'gebeld',
  'keer',
  'niet',
  'not',
  "don't",
  'never',
  'again',
  'pas',
  'op',
  'nooit',
  'meer',
  'called',
  'twice',
  'no',
  'reply',
  'email',
  'mail',
  'storing',
  'refund',
  'my',
  'order',
  'late',
  'flight',
  'over',
  'een',
  'uur',
  'in',
  '20',
  'minutes',
  'lawyer',
  'schande',
  'but',
  'maar',
  'heel',
  'slecht',
  'goooood',
  'SLECHT',
  'Trustpilot',
  'the',
  'de',
  '#nooitmeer',
  '#fail',
  '@kpn',
  '!!',
  '?',
  ':(',
  '😡',
  'x',
];
const text = fc
  .array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 8 })), { maxLength: 30 })
  .map((ws) => ws.join(' '));

describe('shared lexicon', () => {
  it('finds what was registered, and nothing else', () => {
    const e = entryOf('zzz-lexicon-test-word');
    expect(lookup('zzz-lexicon-test-word')).toBe(e);
    expect(entryOf('zzz-lexicon-test-word')).toBe(e);
    expect(lookup('zzz-lexicon-test-wor')).toBeUndefined();
    expect(lookup('')).toBeUndefined();
    expect(lookup('niet')?.fw).toBe(1);
    expect(lookup('the')?.fw).toBe(2);
  });

  it("never answers a word with another word's entry", () => {
    modelFor('en');
    modelFor('nl');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 12 }),
          fc.constantFrom(...WORDS).map((w) => `${w}x`),
        ),
        (w) => {
          const e = lookup(w);
          expect(e === undefined || e.word === w).toBe(true);
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('keeps every entry findable while the table grows', () => {
    const made: Entry[] = [];
    for (let k = 0; k < 20_000; k++) made.push(entryOf(`grow-${k}-${(k * 7919) % 1000}`));
    for (let k = 0; k < 20_000; k += 1) expect(lookup(made[k]?.word as string)).toBe(made[k]);
  });

  it('looks up each token once, in token order, skipping URLs and punctuation', () => {
    const tokens = tokenize('@niet niet https://t.co/x , storing 3');
    const entries = lookupTokens(tokens, []);
    expect(entries[0]).toBe(lookup('niet'));
    expect(entries[1]).toBe(lookup('niet'));
    expect(entries[2]).toBeUndefined();
    expect(entries[3]).toBeUndefined();
  });

  it('holds the word tables of the models in use once they are decoded', () => {
    const before = lexiconVersion;
    const nl = modelFor('nl');
    expect(registeredTables.nl).toBe(nl.table);
    expect(lexiconVersion).toBeGreaterThanOrEqual(before);
    expect(lookup('storing')?.nl).toBe(nl.table.words.get('storing'));
    expect(lookup('storing')?.en).toBe(modelFor('en').table.words.get('storing'));
  });

  it('gives the feature pass the same features as looking every word up in the table', () => {
    const tables = [modelFor('en').table, modelFor('nl').table];
    fc.assert(
      fc.property(text, (s) => {
        const entries: (Entry | undefined)[] = [];
        const { tokens } = analyzeInto(s, undefined, entries);
        for (const table of tables) {
          const viaEntries = extractFeatures(tokens, table, { fresh: true, entries });
          const viaMap = extractFeatures(tokens, table, { fresh: true });
          expect(viaEntries).toEqual(viaMap);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the cue and channel-failure readers the same answer with given or own entries', () => {
    fc.assert(
      fc.property(text, (s) => {
        const entries: (Entry | undefined)[] = [];
        const a = analyzeInto(s, undefined, entries);
        // A scratch list longer than the tokens: stale slots past the end must not count.
        entries.push(lookup('schande'), lookup('gebeld'));
        for (const lang of ['en', 'nl', 'und'])
          expect(findCues(a.tokens, lang, new Set(), entries)).toEqual(findCues(a.tokens, lang, new Set()));
        expect(readChannelFailure(a.tokens, entries)).toEqual(readChannelFailure(a.tokens));
      }),
      { numRuns: 300 },
    );
  });

  it('scores the first mention in a language (tokens looked up before its model is decoded) like the next', async () => {
    const s = 'Al 3 keer gebeld, nog steeds geen internet. Schande @kpn #nooitmeer';
    const warm = scoreMention(s, { now: () => 0 });
    vi.resetModules();
    const fresh = (await import('../../src/index.js')) as typeof import('../../src/index.js');
    expect(fresh.scoreMention(s, { now: () => 0 })).toEqual(warm);
    expect(fresh.scoreMention(s, { now: () => 0 })).toEqual(warm);
  });
});
