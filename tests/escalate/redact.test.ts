/**
 * redact(): masks personal data for storage and logs, in both languages, without touching the
 * false friends, and keeps doing so on hostile text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WebcareError, extractIdentifiers, redact, scoreMention } from '../../src/index.js';
import { redactAssessment, redactError, redactMention } from '../../src/monitor/redact.js';

describe('redact', () => {
  it.each([
    [
      'Al 3 keer gebeld! Bel me op 06-12345678 of mail jan.jansen@example.nl, klantnummer 445566',
      'Al 3 keer gebeld! Bel me op [phone] of mail [email], klantnummer [customer]',
    ],
    [
      'Refund to NL91 ABNA 0417 1643 00 please, order #A7733921, call +44 20 7946 0958',
      'Refund to [iban] please, order #[order], call [phone]',
    ],
    [
      'Woon op 1234 AB 12, auto 12-ABC-3 staat voor de deur',
      'Woon op [postcode], auto [licence-plate] staat voor de deur',
    ],
    [
      'ticket 4521 en dossiernummer 2026-00123 en factuurnummer 2026001234',
      'ticket [ticket] en dossiernummer [case] en factuurnummer [invoice]',
    ],
  ])('%s', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('leaves dates, times, prices, flight numbers and bare postcodes alone', () => {
    const text = 'Vlucht KL1234 op 12-10-2026 om 10:30, € 1.234,56 betaald, storing in 3511 AB sinds 2026';
    expect(redact(text)).toBe(text);
  });

  it('masks bare postcodes on request, and only the kinds asked for', () => {
    expect(redact('storing in 3511 AB', { barePostcodes: true })).toBe('storing in [postcode]');
    expect(redact('mail a@b.nl of bel 0612345678', { types: ['email'] })).toBe('mail [email] of bel 0612345678');
  });

  it('takes a custom mask that sees the identifier', () => {
    const out = redact('IBAN NL91 ABNA 0417 1643 00, bel 06-12345678', {
      mask: (id) => `<${id.type}:${id.normalized.slice(-2)}>`,
    });
    expect(out).toBe('IBAN <iban:00>, bel <phone:78>');
  });

  it('masks a number again where it is repeated without its cue word', () => {
    expect(redact('bestelnummer 55667788 ... nog steeds niks over 55667788')).toBe(
      'bestelnummer [order] ... nog steeds niks over [order]',
    );
  });

  it('sees through invisible characters and full-width digits, masking the text as written', () => {
    expect(redact('bel 06\u200B12345678 nu')).toBe('bel [phone] nu');
    expect(redact('bel ０６１２３４５６７８ nu')).toBe('bel [phone] nu');
    expect(redact('mail jan＠example.nl')).toBe('mail [email]');
  });

  it('throws a WebcareError on bad options, never on text', () => {
    expect(() => redact('x', { types: ['passport' as 'email'] })).toThrow(WebcareError);
    expect(() => redact('x', { mask: 'x' as unknown as () => string })).toThrow(/mask/);
    expect(redact('')).toBe('');
  });

  const piece = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 10 }),
    fc.string({ unit: 'grapheme', maxLength: 10 }),
    fc.constantFrom(
      ' ',
      'bestelnummer ',
      'klantnummer: ',
      'ticket ',
      '06-12345678',
      '+31 6 1234 5678',
      '0031612345678',
      '020-1234567',
      'jan@example.nl',
      'NL91 ABNA 0417 1643 00',
      'BE68539007547034',
      '1234 AB 12',
      '12-ABC-3',
      '55667788',
      '\u200B',
      '\u202E',
      '０６１２３４５６７８',
      '＠',
    ),
    fc.stringMatching(/^[0-9 +()./@a-z-]{1,16}$/),
  );
  const messages = fc.array(piece, { maxLength: 14 }).map((p) => p.join(''));

  it('property: never throws on arbitrary unicode, and returns a string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(typeof redact(text)).toBe('string');
      }),
      { numRuns: 500 },
    );
  });

  it('property: no value of a masked identifier is left in the output', () => {
    fc.assert(
      fc.property(messages, (text) => {
        const out = redact(text);
        for (const id of extractIdentifiers(text)) {
          if (id.type === 'postcode' && id.normalized.length <= 6) continue; // bare: kept by default
          // Not as a token of its own (a short value may still occur inside a longer number).
          const alone = new RegExp(
            `(?<![\\p{L}\\p{N}])${id.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`,
            'u',
          );
          expect(out).not.toMatch(alone);
        }
        // Nor anything the extractor would still find.
        const left = extractIdentifiers(out).filter((i) => !(i.type === 'postcode' && i.normalized.length <= 6));
        expect(left).toEqual([]);
      }),
      { numRuns: 600 },
    );
  });

  it('property: idempotent, redact(redact(x)) === redact(x)', () => {
    fc.assert(
      fc.property(messages, (text) => {
        const once = redact(text);
        expect(redact(once)).toBe(once);
      }),
      { numRuns: 600 },
    );
  });

  it('stays linear on a large hostile text', () => {
    const big = 'bestelnummer 12345678 bel 0612345678 mail a@b.nl 0 0-0 '.repeat(4000);
    const t0 = performance.now();
    const out = redact(big);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(out).not.toContain('0612345678');
  });
});

describe('monitor redaction helpers', () => {
  const text = 'Al 3 keer gebeld, klantnummer 445566, bel 06-12345678 of mail jan@example.nl. Postcode 3511 AB.';

  it('redactAssessment masks text, identifier values, reasons and drops raw', () => {
    const a = scoreMention({ text, raw: { text } });
    expect(a.identifiers.length).toBeGreaterThanOrEqual(3);
    const safe = redactAssessment(a);
    const json = JSON.stringify(safe);
    for (const pii of ['445566', '06-12345678', '+31612345678', 'jan@example.nl', '3511 AB']) {
      expect(json).not.toContain(pii);
    }
    expect(safe.mention.raw).toBeUndefined();
    expect(safe.mention.text).toContain('[phone]');
    expect(safe.identifiers.map((i) => i.value)).toEqual(a.identifiers.map((i) => `[${i.type}]`));
  });

  it('a host redactor runs after the built-in one', () => {
    const m = redactMention({ text: 'Jan de Vries, 06-12345678' }, [], (s) => s.replace('Jan de Vries', '[name]'));
    expect(m.text).toBe('[name], [phone]');
  });

  it('redactError masks the message and drops the cause', () => {
    const cause = new SyntaxError('Unexpected token in "{"text": mail jan@example.nl"');
    const e = redactError(new WebcareError('INVALID_JSON', `bad line: ${cause.message}`, { cause, field: 'line 3' }));
    expect(e.message).not.toContain('jan@example.nl');
    expect(e.cause).toBeUndefined();
    expect(e.code).toBe('INVALID_JSON');
    expect(e.field).toBe('line 3');
  });

  it('identifiers of an ASCII mention slice back out of mention.text', () => {
    const a = scoreMention(text);
    for (const id of a.identifiers) expect(a.mention.text.slice(id.start, id.end)).toBe(id.value);
  });
});
