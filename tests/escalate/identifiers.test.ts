/**
 * Identifiers for CRM matching, in Dutch and English, with the false friends that must not match
 * (dates, times, prices, flight numbers, years, bare numbers without a cue word).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ibanChecksumOk } from '../../src/classify/identifiers.js';
import { analyzeText, extractIdentifiers, scoreMention } from '../../src/index.js';
import type { Identifier } from '../../src/index.js';

const pairs = (text: string) => extractIdentifiers(text).map((i) => [i.type, i.value] as const);
const norm = (text: string) => extractIdentifiers(text).map((i) => [i.type, i.normalized] as const);

describe('cue-word numbers', () => {
  it.each([
    ['Bestelnummer 12345678 is nog niet binnen', 'order', '12345678'],
    ['mijn ordernummer: 87654321', 'order', '87654321'],
    ['ordernr. 5512390 klopt niet', 'order', '5512390'],
    ['Bestelling #98765432 nooit aangekomen', 'order', '98765432'],
    ['bestelling met nummer 4455667', 'order', '4455667'],
    ['Where is order #A7733921?', 'order', 'A7733921'],
    ['order number 1234567 still missing', 'order', '1234567'],
    ['my order no. 99887766 never shipped', 'order', '99887766'],
    ['track & trace 3SPOST1234567 staat stil', 'order', '3SPOST1234567'],
    ['booking reference XK7Y2B, please help', 'order', 'XK7Y2B'],
    ['ticket 4521 staat nog open', 'ticket', '4521'],
    ['ticketnummer: 20261104', 'ticket', '20261104'],
    ['meldingsnummer 7788123 over de storing', 'ticket', '7788123'],
    ['support ticket #556677 was closed', 'ticket', '556677'],
    ['dossiernummer 2026-00123 graag', 'case', '2026-00123'],
    ['zaaknummer Z-2026-0042', 'case', 'Z-2026-0042'],
    ['case 778899 was closed without an answer', 'case', '778899'],
    ['my case number is 44556677', 'case', '44556677'],
    ['referentie 0098123', 'case', '0098123'],
    ['klantnummer 987654 en nog steeds niks', 'customer', '987654'],
    ['mijn klantnummer is 1122334', 'customer', '1122334'],
    ['customer number: 55512345', 'customer', '55512345'],
    ['Account ID 77665544 locked', 'customer', '77665544'],
    ['factuurnummer 2026001234 klopt niet', 'invoice', '2026001234'],
    ['invoice 90817263 charged twice', 'invoice', '90817263'],
  ])('%s', (text, type, value) => {
    expect(pairs(text)).toContainEqual([type, value]);
  });

  it('numbers need a cue word', () => {
    expect(pairs('Pakket 12345678 ligt al dagen stil')).toEqual([]);
    expect(pairs('3SPOST1234567 staat stil')).toEqual([]);
    expect(pairs('#12345678 still nothing')).toEqual([]);
  });

  it('a cue word with a date, a year, a small count or a word is not a number', () => {
    expect(pairs('order 12-10-2026 geplaatst')).toEqual([]);
    expect(pairs('de bestelling 2026 was ook al fout')).toEqual([]);
    expect(pairs('order 12 items')).toEqual([]);
    expect(pairs('ticket naar Amsterdam')).toEqual([]);
    expect(pairs('just in case 12345 happens')).toEqual([]);
    expect(pairs('de order is geannuleerd')).toEqual([]);
  });

  it('normalises order numbers without dashes, upper-case', () => {
    expect(norm('zaaknummer z-2026-0042')).toEqual([['case', 'Z20260042']]);
  });
});

describe('e-mail', () => {
  it('finds addresses in both languages, lower-cases the normalised form', () => {
    expect(norm('Mail me: Jan.Jansen+kpn@Example.NL graag')).toEqual([['email', 'jan.jansen+kpn@example.nl']]);
    expect(pairs('reach me at anna_b@mail.co.uk.')).toEqual([['email', 'anna_b@mail.co.uk']]);
  });

  it('does not take handles, bare @ or domains without a TLD', () => {
    expect(pairs('@KPN waar blijft mijn pakket?')).toEqual([]);
    expect(pairs('meet me @ 5')).toEqual([]);
    expect(pairs('user@localhost')).toEqual([]);
  });
});

describe('phone numbers', () => {
  it.each([
    ['bel me op 06-12345678', '06-12345678', '+31612345678'],
    ['06 1234 5678 graag terugbellen', '06 1234 5678', '+31612345678'],
    ['call 06 12 34 56 78 now', '06 12 34 56 78', '+31612345678'],
    ['+31 6 1234 5678', '+31 6 1234 5678', '+31612345678'],
    ['+31 (0)6 12345678', '+31 (0)6 12345678', '+31612345678'],
    ['0031612345678', '0031612345678', '+31612345678'],
    ['tel:0612345678.', '0612345678', '+31612345678'],
    ['kantoor 020-1234567', '020-1234567', '+31201234567'],
    ['(020) 123 45 67', '(020) 123 45 67', '+31201234567'],
    ['gratis 0800-0402', '0800-0402', '+318000402'],
    ['0800 1234567 is onbereikbaar', '0800 1234567', '+318001234567'],
    ['UK office +44 20 7946 0958', '+44 20 7946 0958', '+442079460958'],
    ['Belgium +32 470 12 34 56', '+32 470 12 34 56', '+32470123456'],
    ['Berlin +49 30 1234567', '+49 30 1234567', '+49301234567'],
  ])('%s', (text, value, e164) => {
    const ids = extractIdentifiers(text).filter((i) => i.type === 'phone');
    expect(ids.map((i) => [i.value, i.normalized])).toEqual([[value, e164]]);
  });

  it('stops at the number when a count follows ("0612345678 3 keer")', () => {
    expect(pairs('gebeld op 0612345678 3 keer')).toEqual([['phone', '0612345678']]);
  });

  it.each([
    ['dates', 'op 12-10-2026 en 2026-11-04 en 06-10-2026 14:00 gebeld'],
    ['times', 'tussen 08:00 en 17:30, of 09.00-17.00'],
    ['prices', 'kost € 1.234,56 of $12.99 of 0,99 cent'],
    ['flight numbers', 'vlucht KL1234 en KL 1234 en KL 0612 vertraagd'],
    ['percentages and years', '15% korting in 2026, 100% zeker sinds 1999'],
    ['numbers without a trunk 0 or +', 'pakket 12345678 en code 5551234567'],
    ['too short or too long', 'bel 061234 of 06123456789012'],
    ['glued to letters', 'ref AB0612345678CD'],
  ])('%s are not phone numbers', (_kind, text) => {
    expect(extractIdentifiers(text).filter((i) => i.type === 'phone')).toEqual([]);
  });

  it('a cue word wins over the phone shape inside it', () => {
    expect(pairs('ordernummer 0612345678 is geen telefoon')).toEqual([['order', '0612345678']]);
  });
});

describe('postcodes', () => {
  it('finds PC6 with and without a house number', () => {
    expect(norm('Storing op 1234 AB 12 en ook 3511AB')).toEqual([
      ['postcode', '1234AB 12'],
      ['postcode', '3511AB'],
    ]);
    expect(pairs('adres: 2513ab 7a')).toEqual([['postcode', '2513ab 7a']]);
  });

  it('years, units and words after four digits are not postcodes', () => {
    expect(pairs('in 2026 en daarna')).toEqual([]);
    expect(pairs('IN 2026 EN DAARNA')).toEqual([]);
    expect(pairs('1000 MB per seconde, 2000 KM gereden')).toEqual([]);
    expect(pairs('1234 SS')).toEqual([]);
  });
});

describe('IBAN', () => {
  it('accepts valid IBANs with and without spaces, any case', () => {
    expect(norm('NL91 ABNA 0417 1643 00 graag terugstorten')).toEqual([['iban', 'NL91ABNA0417164300']]);
    expect(norm('rekening nl91abna0417164300')).toEqual([['iban', 'NL91ABNA0417164300']]);
    expect(norm('BE68 5390 0754 7034')).toEqual([['iban', 'BE68539007547034']]);
    expect(norm('DE89 3704 0044 0532 0130 00')).toEqual([['iban', 'DE89370400440532013000']]);
  });

  it('rejects a bad checksum or a wrong length', () => {
    expect(extractIdentifiers('NL91ABNA0417164301').filter((i) => i.type === 'iban')).toEqual([]);
    expect(extractIdentifiers('NL92 ABNA 0417 1643 00').filter((i) => i.type === 'iban')).toEqual([]);
    expect(extractIdentifiers('NL91ABNA04171643').filter((i) => i.type === 'iban')).toEqual([]);
    expect(ibanChecksumOk('GB82WEST12345698765432')).toBe(true);
    expect(ibanChecksumOk('GB82WEST12345698765433')).toBe(false);
  });

  it('the IBAN wins over phone-like digits inside it, and ends at the country length', () => {
    expect(pairs('NL91ABNA0417164300 1234')).toEqual([['iban', 'NL91ABNA0417164300']]);
  });
});

describe('licence plates', () => {
  it('finds Dutch side-codes with dashes', () => {
    expect(norm('kenteken 12-ABC-3 en AB-123-C en 99-XX-99')).toEqual([
      ['licence-plate', '12ABC3'],
      ['licence-plate', 'AB123C'],
      ['licence-plate', '99XX99'],
    ]);
  });

  it('does not take dates, words or lower case', () => {
    expect(extractIdentifiers('12-10-2026 en COVID-19 en ab-123-c').filter((i) => i.type === 'licence-plate')).toEqual(
      [],
    );
  });
});

describe('positions and shape', () => {
  it('finds several kinds in one message, sorted, non-overlapping', () => {
    const text =
      'Klantnummer 445566, mail a.b@example.com, bel 06-12345678, postcode 1234 AB 5, IBAN NL91ABNA0417164300';
    const ids = extractIdentifiers(text);
    expect(ids.map((i) => i.type)).toEqual(['customer', 'email', 'phone', 'postcode', 'iban']);
    for (let k = 1; k < ids.length; k++) expect(ids[k]?.start).toBeGreaterThanOrEqual(ids[k - 1]?.end ?? 0);
  });

  it('in an assessment, offsets index the analysed text (NFKC, invisible characters dropped)', () => {
    const text = 'bel ０６-１２３４５６７８ of mail jan\u200B@example.nl';
    const a = scoreMention(text);
    const analysed = analyzeText(text).text;
    expect(a.identifiers.map((i) => [i.type, i.normalized])).toEqual([
      ['phone', '+31612345678'],
      ['email', 'jan@example.nl'],
    ]);
    for (const id of a.identifiers) expect(analysed.slice(id.start, id.end)).toBe(id.value);
  });

  it('returns nothing for text without a digit or an @', () => {
    expect(extractIdentifiers('Niemand neemt op en de chat zegt dat ik moet bellen')).toEqual([]);
    expect(extractIdentifiers('')).toEqual([]);
  });

  const piece = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc.constantFrom(
      ' ',
      'bestelnummer ',
      'klantnummer: ',
      'order #',
      'ticket ',
      '06-12345678',
      '+31 6 1234 5678',
      '020-1234567',
      'jan@example.nl',
      'NL91 ABNA 0417 1643 00',
      '1234 AB 12',
      '12-ABC-3',
      '12-10-2026',
      '€ 1.234,56',
      'KL1234',
      '\u200B',
      '０６１２３４５６７８',
    ),
    fc.stringMatching(/^[0-9 +()./-]{1,16}$/),
  );
  const messages = fc.array(piece, { maxLength: 14 }).map((p) => p.join(''));

  it('property: never throws; start/end slice back to the value; sorted and non-overlapping', () => {
    fc.assert(
      fc.property(messages, (text) => {
        const ids: Identifier[] = extractIdentifiers(text);
        let last = 0;
        for (const id of ids) {
          expect(text.slice(id.start, id.end)).toBe(id.value);
          expect(id.start).toBeGreaterThanOrEqual(last);
          expect(id.normalized.length).toBeGreaterThan(0);
          last = id.end;
        }
      }),
      { numRuns: 600 },
    );
  });

  it('property: every phone is normalised to E.164 and every IBAN passes mod-97', () => {
    fc.assert(
      fc.property(messages, (text) => {
        for (const id of extractIdentifiers(text)) {
          if (id.type === 'phone') expect(id.normalized).toMatch(/^\+[1-9]\d{6,14}$/);
          if (id.type === 'iban') expect(ibanChecksumOk(id.normalized)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('stays linear on hostile input (100k characters of digit soup)', () => {
    const soup = '0 0-0.0/0 (0) +0 '.repeat(6000);
    const t0 = performance.now();
    extractIdentifiers(soup);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
