/**
 * Channel failure (kanaalsturing) in Dutch and English: channels, counts, durations, and the
 * mentions of a phone or a mail that are not a failed contact.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  channelFailureMessage,
  describeChannelFailure,
  readChannelFailure,
} from '../../src/escalate/channel-failure.js';
import { analyzeText, createScorer, scoreMention } from '../../src/index.js';

const read = (text: string) => readChannelFailure(analyzeText(text).tokens);

describe('channel failure', () => {
  it.each([
    // Dutch
    ['Al 3 keer gebeld, nog steeds geen internet', ['phone'], 3, undefined],
    ['drie keer gebeld en niemand neemt op', ['phone'], 3, undefined],
    ['3x gebeld vandaag, echt waardeloos', ['phone'], 3, undefined],
    ['twee weken geen antwoord op mijn mail', ['email'], undefined, 336],
    ['al meerdere keren gemaild', ['email'], 3, undefined],
    ['twee mails gestuurd, nog niks gehoord', ['email'], 2, undefined],
    ['45 minuten in de wacht gehangen', ['phone'], undefined, 0.75],
    ['anderhalf uur in de wacht, toen opgehangen', ['phone'], undefined, 1.5],
    ['al weken geen reactie op mijn mails', ['email'], undefined, 336],
    ['voor de derde keer gebeld', ['phone'], 3, undefined],
    ['al 3 keer contact opgenomen met de klantenservice', ['other'], 3, undefined],
    ['Formulier ingevuld en in de winkel geweest, geen reactie', ['form', 'store'], undefined, undefined],
    // English
    ['already called 3 times about this', ['phone'], 3, undefined],
    ['No reply to my email for two weeks', ['email'], undefined, 336],
    ["DM'd you twice, nothing", ['dm'], 2, undefined],
    ['on hold for an hour and then disconnected', ['phone'], undefined, 1],
    ['called several times, nobody picks up', ['phone'], 3, undefined],
    ['half an hour on hold', ['phone'], undefined, 0.5],
    ['for the third time I am calling you', ['phone'], 3, undefined],
    ['emailed a couple of times over 3 days, still nothing', ['email'], 2, 72],
  ])('%s', (text, channels, attempts, waitedHours) => {
    const r = read(text);
    expect(r.detected).toBe(true);
    expect(r.channels).toEqual(channels);
    expect(r.attempts).toBe(attempts);
    expect(r.waitedHours).toBe(waitedHours);
  });

  it('being sent from one channel to another names both, in order', () => {
    for (const text of ['de chat zegt dat ik moet bellen', 'the chat told me to call']) {
      const r = read(text);
      expect(r).toMatchObject({ detected: true, channels: ['chat', 'phone'], redirected: true });
    }
  });

  it.each([
    'bel me even terug',
    'mijn telefoon doet het al 3 dagen niet',
    'mijn mail doet het niet sinds de update',
    '3 keer storing deze week, 2 dagen geen internet',
    'I will call you tomorrow',
    'Thanks for the quick call!',
    'my phone has been broken for 2 weeks',
    'geen antwoord op mijn vraag waarom de prijs omhoog gaat',
    'the email newsletter looks great this week',
    'deze week een mail gekregen over de nieuwe tarieven',
  ])('not a channel failure: %s', (text) => {
    expect(read(text).detected).toBe(false);
  });

  it('says what it found, in English and Dutch', () => {
    expect(describeChannelFailure({ detected: true, channels: ['phone'], attempts: 3 }, 'en')).toBe(
      'says they called 3 times',
    );
    expect(describeChannelFailure({ detected: true, channels: ['phone'], attempts: 3 }, 'nl')).toBe(
      'zegt 3 keer gebeld te hebben',
    );
    expect(describeChannelFailure({ detected: true, channels: ['email'], waitedHours: 336, noReply: true }, 'en')).toBe(
      'says they emailed, waited 2 weeks, no answer',
    );
    expect(describeChannelFailure({ detected: true, channels: ['dm'], attempts: 2 }, 'en')).toBe(
      'says they sent a DM twice',
    );
    expect(describeChannelFailure({ detected: true, channels: ['phone'], waitedHours: 1.5 }, 'nl')).toBe(
      'zegt gebeld te hebben, 1,5 uur gewacht',
    );
  });

  it('scoreMention reports it with a channel-failure reason, in the scorer locale', () => {
    const a = scoreMention('Al 3 keer gebeld en niemand neemt op, nog steeds geen internet');
    expect(a.channelFailure).toEqual({ detected: true, channels: ['phone'], attempts: 3 });
    const reason = a.reasons.find((r) => r.code === 'channel-failure');
    expect(reason?.message).toBe('says they called 3 times, no answer');
    const nl = createScorer({ locale: 'nl' })('Al 3 keer gebeld en niemand neemt op');
    expect(nl.reasons.find((r) => r.code === 'channel-failure')?.message).toBe(
      'zegt 3 keer gebeld te hebben, geen antwoord',
    );
    // The detail renders the same message in either locale.
    expect(channelFailureMessage(reason?.detail ?? '', 'en')).toBe(reason?.message);
    expect(channelFailureMessage(reason?.detail ?? '', 'nl')).toBe('zegt 3 keer gebeld te hebben, geen antwoord');
    const none = scoreMention('Mooie dag vandaag, bel me later even');
    expect(none.channelFailure).toEqual({ detected: false, channels: [] });
    expect(none.reasons.some((r) => r.code === 'channel-failure')).toBe(false);
  });

  it('property: never throws; attempts and waitedHours are positive and finite when present', () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom(
        ' ',
        'al ',
        '3 ',
        'drie ',
        'keer ',
        'times ',
        'twice ',
        'gebeld ',
        'called ',
        'mail ',
        'weken ',
        'hour ',
        'geen antwoord ',
        'on hold ',
        'de chat ',
        'moet bellen ',
        'half ',
        'of ',
        'a ',
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (parts) => {
        const r = read(parts.join(''));
        if (!r.detected) expect(r.channels).toEqual([]);
        else expect(r.channels.length).toBeGreaterThan(0);
        if (r.attempts !== undefined) expect(r.attempts > 0 && Number.isFinite(r.attempts)).toBe(true);
        if (r.waitedHours !== undefined) expect(r.waitedHours > 0 && Number.isFinite(r.waitedHours)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
