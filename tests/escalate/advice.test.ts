import { describe, expect, it } from 'vitest';
import { createScorer, scoreMention } from '../../src/index.js';

const score = createScorer({ brand: { names: ['Bol'], handles: ['bol'] } });
const adviceCode = (a: ReturnType<typeof scoreMention>) => a.reasons.find((r) => r.target === 'advice')?.code;

describe('reply advice', () => {
  it('moves personal data to a DM: own order, account or bill (nl and en)', () => {
    for (const text of [
      '@bol mijn bestelling is nog steeds niet geleverd',
      'Waarom staat er een dubbele afschrijving op mijn factuur?',
      '@bol my account is locked and nobody answers',
      'Where is my refund for order 12345678?',
    ]) {
      const a = score(text);
      expect(a.replyAdvice, text).toBe('reply-publicly-then-dm');
      expect(adviceCode(a)).toBe('advice-personal');
    }
  });

  it('moves money taken and safety at home to a DM', () => {
    expect(score('@bol twee keer afgeschreven voor dezelfde bestelling, ik wil mijn geld terug').replyAdvice).toBe(
      'reply-publicly-then-dm',
    );
    expect(score('Smell of gas near the meter your engineer installed yesterday').replyAdvice).toBe(
      'reply-publicly-then-dm',
    );
  });

  it('answers a general complaint or question in public', () => {
    expect(score('Weer een storing bij de NS, treinen rijden niet tussen Utrecht en Amsterdam').replyAdvice).toBe(
      'reply-publicly',
    );
    expect(score('Hoe laat gaat de winkel in Utrecht morgen open?').replyAdvice).toBe('reply-publicly');
  });

  it('monitors a passing mention: no question, no complaint, no unsolicited sales', () => {
    for (const text of [
      'Net een boek gekocht bij de Bol pakketautomaat, op naar huis',
      'Watching a documentary about online shops',
    ]) {
      const a = score(text);
      expect(a.replyAdvice, text).toBe('monitor');
      expect(adviceCode(a)).toBe('advice-monitor');
    }
  });

  it('answers criticism said to the brand, and only watches it when said about the brand', () => {
    expect(score({ text: 'Nu al twee dagen stilte na mijn bericht', addressesBrand: true }).replyAdvice).toBe(
      'reply-publicly',
    );
    expect(score('Nu al twee dagen stilte na mijn bericht, typisch').replyAdvice).not.toBe('do-not-engage');
  });

  it('thanks praise that addresses the brand, and only watches praise in passing', () => {
    expect(score('@bol top geholpen, dank jullie wel!').replyAdvice).toBe('reply-publicly');
    expect(score('Wat een fijne dag vandaag, heerlijk weer').replyAdvice).toBe('monitor');
  });

  it('never engages spam or bots', () => {
    expect(scoreMention('Need a loan at 2% interest? Contact Mr Frank on WhatsApp now!').replyAdvice).toBe(
      'do-not-engage',
    );
    const bot = score({ text: '@bol mijn pakket is kwijt', author: { handle: 'dealsbot' } });
    expect(bot.replyAdvice).toBe('do-not-engage');
    expect(adviceCode(bot)).toBe('advice-bot');
    for (const handle of ['bot_updates', 'NewsBOT', 'price_bot'])
      expect(score({ text: '@bol mijn pakket is kwijt', author: { handle } }).replyAdvice).toBe('do-not-engage');
    expect(score({ text: '@bol mijn pakket is kwijt', author: { handle: 'botanic_sanne' } }).replyAdvice).not.toBe(
      'do-not-engage',
    );
  });

  it('answers an urgent need even when it is not worded as a complaint', () => {
    const a = score('@KLM mijn aansluitende vlucht vertrekt over een uur en mijn koffer is weg');
    expect(a.replyAdvice).toBe('reply-publicly-then-dm');
  });

  it('keeps the customer name so the reply can be personal', () => {
    const a = score({ text: '@bol mijn bestelling is kwijt', author: { name: '  Sanne de Vries ' } });
    expect(a.customerName).toBe('Sanne de Vries');
    expect(score({ text: 'hoi', author: { name: '   ' } }).customerName).toBeUndefined();
  });
});
