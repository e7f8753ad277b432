import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/index.js';
import { squeeze, tokenize } from '../../src/text/02-tokenize.js';

describe('normalisation', () => {
  it('removes zero-width and bidi characters that hide words', () => {
    const a = analyzeText('sto\u200Bring \u202Ebij\u202C \uFEFFKPN');
    expect(a.tokens.map((t) => t.norm)).toEqual(['storing', 'bij', 'kpn']);
  });
  it('keeps emoji ZWJ sequences whole', () => {
    const a = analyzeText('👨‍👩‍👧 thuis');
    expect(a.tokens[0]?.kind).toBe('emoji');
    expect(a.tokens[0]?.raw).toBe('👨‍👩‍👧');
  });
  it('folds styled letters used by spammers', () => {
    expect(analyzeText('𝐟𝐫𝐞𝐞 𝐥𝐨𝐚𝐧').tokens.map((t) => t.norm)).toEqual(['free', 'loan']);
  });
  it('replaces lone surrogates instead of failing', () => {
    expect(() => analyzeText('a\uD800b')).not.toThrow();
  });
});

describe('tokenize', () => {
  it('types social tokens', () => {
    const kinds = tokenize('@KPN al 3 dagen STORING!!! #nooitmeer 😡 :( https://t.co/x jan@example.nl').map(
      (t) => t.kind,
    );
    expect(kinds).toEqual([
      'mention',
      'word',
      'number',
      'word',
      'word',
      'punct',
      'hashtag',
      'emoji',
      'emoticon',
      'url',
      'email',
    ]);
  });
  it('flags caps and elongation and normalises them', () => {
    const [a, b] = tokenize('SLECHT slechttttt');
    expect(a?.caps).toBe(true);
    expect(a?.norm).toBe('slecht');
    expect(b?.elongated).toBe(true);
    expect(b?.norm).toBe('slechtt');
    expect(squeeze(b?.norm ?? '')).toBe('slecht');
  });
  it('normalises every word as a plain reference would: lower case, one apostrophe, letter runs cut to two', () => {
    // Reference: what normalisation means, written the slow and obvious way.
    const reference = (raw: string) => {
      const lower = raw.toLowerCase().replaceAll('\u2019', "'");
      let out = '';
      for (let k = 0; k < lower.length; k++) {
        const ch = lower[k] as string;
        const letter = /\p{L}/u.test(ch);
        if (letter && k >= 2 && lower[k - 1] === ch && lower[k - 2] === ch) continue;
        out += ch;
      }
      return { norm: out, elongated: out !== lower };
    };
    const word = fc
      .array(fc.constantFrom('a', 'A', 'o', 'O', 'é', 'É', 'l', '1', "'", '\u2019', '-', 'ß', 'ĳ'), {
        minLength: 1,
        maxLength: 12,
      })
      .map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 6 }), (ws) => {
        for (const t of tokenize(ws.join(' '))) {
          if (t.kind !== 'word') continue;
          const r = reference(t.raw);
          expect(t.norm).toBe(r.norm);
          expect(t.elongated).toBe(r.elongated);
        }
      }),
      { numRuns: 2000 },
    );
  });
  it('keeps contractions and Dutch apostrophes in one word', () => {
    expect(tokenize("don't zo'n")).toHaveLength(2);
  });
  it('offsets point at the raw token', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const a = analyzeText(s);
        for (const t of a.tokens) expect(a.text.slice(t.start, t.start + t.raw.length)).toBe(t.raw);
      }),
    );
  });
});

describe('language', () => {
  it.each([
    ['Al 3 dagen geen internet en niemand die me helpt', 'nl'],
    ['Waarom is mijn pakket nog steeds niet bezorgd?', 'nl'],
    ['My flight was cancelled and nobody is answering the phone', 'en'],
    ['Thanks for the quick help!', 'en'],
    ['😡😡😡', 'und'],
  ])('%s → %s', (text, lang) => {
    expect(analyzeText(text).language).toBe(lang);
  });
  it('uses the platform hint as tie-breaker', () => {
    expect(analyzeText('KPN 👍', 'nl').language).toBe('nl');
  });
});
