/**
 * Mentions are written by strangers. Whatever the text, scoreMention returns a valid assessment,
 * never throws, and analyses at most MAX_ANALYSED_CHARS characters (reported in reasons).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, MAX_ANALYSED_CHARS, SEVERITY_LEVELS, scoreMention } from '../../src/index.js';
import type { Assessment } from '../../src/index.js';

function valid(a: Assessment): boolean {
  const inUnit = (x: number) => Number.isFinite(x) && x >= 0 && x <= 1;
  return (
    ['nl', 'en', 'und'].includes(a.language) &&
    Number.isFinite(a.sentiment.score) &&
    a.sentiment.score >= -1 &&
    a.sentiment.score <= 1 &&
    inUnit(a.complaint.probability) &&
    SEVERITY_LEVELS.includes(a.complaint.severity) &&
    a.complaint.categories.every((c) => CATEGORIES.includes(c)) &&
    inUnit(a.pilloryRisk) &&
    inUnit(a.urgency) &&
    Number.isFinite(a.reach.estimated) &&
    a.reach.low <= a.reach.estimated &&
    a.reach.estimated <= a.reach.high &&
    ['P1', 'P2', 'P3', 'P4'].includes(a.priority) &&
    a.respondWithinMinutes > 0 &&
    a.reasons.every((r) => typeof r.code === 'string' && Number.isFinite(r.weight)) &&
    JSON.stringify(a) !== undefined
  );
}

// Pieces hostile or odd text is made of.
const hostilePiece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }), // includes lone surrogates
  fc.constantFrom(
    '\u0000',
    '\u200B',
    '\u200D',
    '\u202E',
    '\u2066',
    '\uFEFF',
    '\uD800',
    '\uDFFF',
    'e\u0301\u0301\u0301\u0301',
    '👨‍👩‍👧‍👦',
    '🏳️‍🌈',
    '🇳🇱',
    '👍🏽',
    '!!!!!!!!',
    '??!?!?',
    '......',
    ':-(((',
    '#',
    '@',
    'http://',
    'NL91ABNA0417164300',
    '06-12345678',
    'storing',
    'niet',
    'geen',
    'not',
    "n't",
    'SCHANDE',
    'sloooooow',
  ),
);
const hostileText = fc.array(hostilePiece, { maxLength: 30 }).map((parts) => parts.join(' '));

describe('scoreMention on hostile text', () => {
  it('always returns a valid assessment (fast-check, arbitrary unicode)', () => {
    fc.assert(
      fc.property(hostileText, (t) => valid(scoreMention(t))),
      { numRuns: 1500 },
    );
  });

  it('always returns a valid assessment for arbitrary mention objects with hostile fields', () => {
    fc.assert(
      fc.property(
        hostileText,
        fc.option(fc.string({ unit: 'binary' }), { nil: undefined }),
        fc.option(fc.nat({ max: 1e9 }), { nil: undefined }),
        fc.option(fc.nat({ max: 1e7 }), { nil: undefined }),
        (text, name, followers, reposts) => {
          const m: Parameters<typeof scoreMention>[0] = { text };
          if (name !== undefined || followers !== undefined) {
            m.author = {};
            if (name !== undefined) m.author.name = name;
            if (followers !== undefined) m.author.followers = followers;
          }
          if (reposts !== undefined) m.metrics = { reposts };
          return valid(scoreMention(m));
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each([
    ['1 MB of one letter', 'a'.repeat(1 << 20)],
    ['100k exclamation marks', '!'.repeat(100_000)],
    ['100k zero-width joiners', '\u200D'.repeat(100_000)],
    ['nested-looking punctuation', '(((((((((('.repeat(10_000)],
    ['combining marks', `a${'\u0301'.repeat(50_000)}`],
    ['RTL override soup', '\u202Eschande\u202C'.repeat(10_000)],
    ['null bytes', '\u0000storing\u0000'.repeat(10_000)],
    ['emoji sequences', '👨‍👩‍👧‍👦🏳️‍🌈'.repeat(20_000)],
    ['lone surrogates', '\uD800\uDC00\uDBFF'.repeat(30_000)],
    ['repeated handles', '@a '.repeat(100_000)],
    ['repeated almost-email', 'a.'.repeat(200_000)],
    ['repeated almost-url', 'http://'.repeat(50_000)],
  ])('survives %s and reports the cap', (_name, text) => {
    const a = scoreMention(text);
    expect(valid(a)).toBe(true);
    if (text.length > MAX_ANALYSED_CHARS) {
      expect(a.reasons.some((r) => r.code === 'text-truncated')).toBe(true);
    }
  });

  it('never cuts a surrogate pair in half at the cap', () => {
    const text = `${'a'.repeat(MAX_ANALYSED_CHARS - 1)}😡😡`;
    const a = scoreMention(text);
    expect(a.reasons.find((r) => r.code === 'text-truncated')).toBeDefined();
    expect(valid(a)).toBe(true);
  });
});
