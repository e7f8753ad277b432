import { describe, expect, it } from 'vitest';
import {
  CATEGORIES,
  SEVERITY_LEVELS,
  WebcareError,
  createScorer,
  safeScoreMention,
  scoreMention,
} from '../src/index.js';
import type { Assessment, MonitorScorer } from '../src/index.js';

const PRIORITIES = ['P1', 'P2', 'P3', 'P4'];
const ADVICE = ['reply-publicly-then-dm', 'reply-publicly', 'monitor', 'do-not-engage'];
const INTENTS = ['complaint', 'question', 'praise', 'suggestion', 'spam', 'other'];

/** Every field of the public contract is present, typed and in range. */
function expectValidAssessment(a: Assessment): void {
  expect(['nl', 'en', 'und']).toContain(a.language);
  expect(['negative', 'neutral', 'positive']).toContain(a.sentiment.label);
  expect(a.sentiment.score).toBeGreaterThanOrEqual(-1);
  expect(a.sentiment.score).toBeLessThanOrEqual(1);
  expect(typeof a.complaint.isComplaint).toBe('boolean');
  expect(a.complaint.probability).toBeGreaterThanOrEqual(0);
  expect(a.complaint.probability).toBeLessThanOrEqual(1);
  expect(SEVERITY_LEVELS).toContain(a.complaint.severity);
  for (const c of a.complaint.categories) expect(CATEGORIES).toContain(c);
  expect(INTENTS).toContain(a.intent);
  expect(a.reach.low).toBeLessThanOrEqual(a.reach.estimated);
  expect(a.reach.estimated).toBeLessThanOrEqual(a.reach.high);
  expect(a.reach.low).toBeGreaterThanOrEqual(0);
  for (const v of [a.pilloryRisk, a.urgency]) {
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(1);
  }
  expect(PRIORITIES).toContain(a.priority);
  expect(a.respondWithinMinutes).toBeGreaterThan(0);
  expect(ADVICE).toContain(a.replyAdvice);
  expect(Array.isArray(a.identifiers)).toBe(true);
  expect(typeof a.channelFailure.detected).toBe('boolean');
  expect(a.reasons.length).toBeGreaterThan(0);
  for (const r of a.reasons) {
    expect(typeof r.code).toBe('string');
    expect(r.code).toMatch(/^[a-z0-9-]+$/);
    expect(typeof r.message).toBe('string');
    expect(Number.isFinite(r.weight)).toBe(true);
  }
}

describe('scoreMention: the public contract', () => {
  it('returns every field for the PRODUCT.md example (Dutch)', () => {
    const a = scoreMention('Al 3 dagen storing en niemand neemt op. Nooit meer @KPN!');
    expectValidAssessment(a);
    expect(a.language).toBe('nl');
    expect(a.sentiment.label).toBe('negative');
    expect(a.complaint.isComplaint).toBe(true);
    expect(a.complaint.categories).toContain('disruption');
    expect(a.intent).toBe('complaint');
    expect(['P1', 'P2']).toContain(a.priority);
  });

  it('understands an English complaint with no negative word', () => {
    const a = scoreMention('@PostNL my parcel still has not arrived, ordered 2 weeks ago');
    expectValidAssessment(a);
    expect(a.language).toBe('en');
    expect(a.complaint.isComplaint).toBe(true);
    expect(a.complaint.categories[0]).toBe('delivery');
  });

  it('tells praise from complaints in both languages', () => {
    const nl = scoreMention('Super snel geholpen door de klantenservice, echt top! 👍');
    const en = scoreMention('Thanks for the quick help, great service as always!');
    for (const a of [nl, en]) {
      expectValidAssessment(a);
      expect(a.sentiment.label).toBe('positive');
      expect(a.complaint.isComplaint).toBe(false);
      expect(a.intent).toBe('praise');
    }
    expect(nl.language).toBe('nl');
    expect(en.language).toBe('en');
  });

  it('never engages spam and never ranks it above P4', () => {
    const a = scoreMention('Need a loan at 2% interest? Contact Mr Frank on WhatsApp +1 555 0100 now!');
    expectValidAssessment(a);
    expect(a.isSpam).toBe(true);
    expect(a.intent).toBe('spam');
    expect(a.priority).toBe('P4');
    expect(a.replyAdvice).toBe('do-not-engage');
  });

  it('detects channel failure and ranks it high', () => {
    const a = scoreMention('Al 3 keer gebeld, nog steeds geen internet. Ik werk thuis!');
    expectValidAssessment(a);
    expect(a.channelFailure.detected).toBe(true);
    expect(a.channelFailure.attempts).toBe(3);
    expect(a.reasons.some((r) => r.code.startsWith('channel-failure'))).toBe(true);
  });

  it('uses the metadata of a Mention object', () => {
    const base = { text: 'Mijn pakket is kwijt en niemand helpt me' };
    const small = scoreMention({ ...base, author: { followers: 12 } });
    const big = scoreMention({ ...base, author: { followers: 250_000, verified: true }, metrics: { reposts: 400 } });
    expect(big.reach.estimated).toBeGreaterThan(small.reach.estimated);
    expect(big.pilloryRisk).toBeGreaterThanOrEqual(small.pilloryRisk);
    expect(scoreMention({ ...base, author: { name: 'Sanne de Vries' } }).customerName).toBe('Sanne de Vries');
  });

  it('returns und for text without language evidence and still scores it', () => {
    const a = scoreMention('🙂🙂 123');
    expectValidAssessment(a);
    expect(a.language).toBe('und');
  });

  it('never throws on text, whatever it is', () => {
    for (const t of ['', ' ', '\u0000\u202E\uD800', '!!!???', 'x'.repeat(100_000), '#'.repeat(5000)]) {
      expectValidAssessment(scoreMention(t));
    }
  });

  it('reports truncation of very long texts in reasons', () => {
    const a = scoreMention('storing '.repeat(2000));
    expect(a.reasons.some((r) => r.code === 'text-truncated')).toBe(true);
  });

  it('is pure: the same input gives the same output', () => {
    const t = 'Waarom is mijn factuur zo hoog?? Twee keer afgeschreven!';
    expect(JSON.stringify(scoreMention(t))).toBe(JSON.stringify(scoreMention(t)));
  });

  it('validates Mention objects and names the field', () => {
    expect(() => scoreMention({ text: 'hoi', author: { followers: -1 } })).toThrow(WebcareError);
    const r = safeScoreMention({ text: 'hoi', metrics: { likes: Number.NaN } });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.code).toBe('INVALID_MENTION');
      expect(r.error.field).toBe('metrics.likes');
    }
    expect(safeScoreMention('gewoon tekst').success).toBe(true);
  });
});

describe('createScorer', () => {
  it('binds the brand and the SLA', () => {
    const score = createScorer({
      brand: { names: ['KPN'], handles: ['@kpn'] },
      sla: { P1: 5, P2: 30, P3: 120, P4: 600 },
    });
    const a = score('Al 3 dagen storing @kpn, niemand neemt op!!');
    expect([5, 30, 120, 600]).toContain(a.respondWithinMinutes);
  });

  it('accepts a custom policy object', () => {
    const score = createScorer({
      policy: { name: 'all-p2', decide: () => ({ priority: 'P2', reason: 'test policy' }) },
    });
    const a = score('Hallo');
    expect(a.priority).toBe('P2');
    expect(a.respondWithinMinutes).toBe(60);
    expect(a.reasons.some((r) => r.message === 'test policy')).toBe(true);
  });

  it('routes by category', () => {
    const score = createScorer({ routing: { billing: 'team-geld' } });
    const a = score('Mijn factuur klopt niet, jullie hebben twee keer afgeschreven');
    expect(a.complaint.categories[0]).toBe('billing');
    expect(a.team).toBe('team-geld');
  });

  it.each([
    [{ brand: { names: [''] } }, 'brand.names'],
    [{ brand: { names: 'KPN' } }, 'brand.names'],
    [{ sla: { P1: -5 } }, 'sla.P1'],
    [{ sla: { P9: 5 } }, 'sla.P9'],
    [{ policy: 'unfair' }, 'policy'],
    [{ routing: { billing: 42 } }, 'routing.billing'],
    [{ extraWords: { nl: { top: 99 } } }, 'extraWords.nl.top'],
    [{ extraWords: { de: {} } }, 'extraWords.de'],
    [{ locale: 'fr' }, 'locale'],
  ])('rejects bad config %j naming %s', (config, field) => {
    try {
      createScorer(config as never);
      expect.unreachable('should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(WebcareError);
      expect((e as WebcareError).code).toBe('INVALID_CONFIG');
      expect((e as WebcareError).field).toBe(field);
    }
  });

  it('uses extra words', () => {
    const plain = createScorer()('Die nieuwe app is echt flubberig');
    const tuned = createScorer({ extraWords: { nl: { flubberig: -4 } } })('Die nieuwe app is echt flubberig');
    expect(tuned.sentiment.score).toBeLessThan(plain.sentiment.score);
  });
});

describe('scorer options (the monitor contract)', () => {
  it('a createScorer result is a MonitorScorer and takes priorContacts, locale and now per call', () => {
    const score: MonitorScorer = createScorer({ brand: { handles: ['kpn'] } });
    const first = score('Nog steeds geen internet @kpn');
    const again = score('Nog steeds geen internet @kpn', { priorContacts: 2 });
    expectValidAssessment(again);
    expect(again.reasons.some((r) => r.code === 'repeat-contact')).toBe(true);
    expect(first.reasons.some((r) => r.code === 'repeat-contact')).toBe(false);
    expect(again.pilloryRisk).toBeGreaterThan(first.pilloryRisk);
  });

  it('accepts now as a Date or epoch ms and locale per call', () => {
    const score = createScorer();
    const m = { text: 'Storing!', source: 'x', metrics: { reposts: 20 }, createdAt: '2026-03-02T12:00:00Z' };
    const a = score(m, { now: new Date('2026-03-02T12:05:00Z') });
    const b = score(m, { now: Date.parse('2026-03-02T12:05:00Z') });
    expect(a.reach).toEqual(b.reach);
    expect(score('Pas op!', { locale: 'nl' }).reasons.some((r) => r.message.startsWith('waarschuwt'))).toBe(true);
  });

  it.each([
    [{ priorContacts: -1 }, 'priorContacts'],
    [{ priorContacts: Number.NaN }, 'priorContacts'],
    [{ locale: 'de' }, 'locale'],
    [{ now: 'yesterday' }, 'now'],
  ])('rejects bad options %j naming %s', (options, field) => {
    try {
      createScorer()('hoi', options as never);
      expect.unreachable('should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(WebcareError);
      expect((e as WebcareError).field).toBe(field);
    }
  });
});

describe('re-entrant scoring', () => {
  it('a custom policy that scores another mention inside decide() leaves the outer result as it was', () => {
    const text = 'Al 3 keer gebeld en nog steeds geen internet @kpn, schande #nooitmeer';
    const other = 'Thanks @KLM, smooth flight and friendly crew!';
    const decide = () => ({ priority: 'P2' as const, reason: 'fixed' });
    const plain = createScorer({ now: () => 0, policy: { name: 'fixed', decide } });
    const nested = createScorer({
      now: () => 0,
      policy: {
        name: 'fixed',
        decide: () => {
          scoreMention(other);
          return decide();
        },
      },
    });
    expect(nested(text)).toEqual(plain(text));
  });
});

describe('host policies are checked', () => {
  const text = 'Mijn pakket is kwijt @postnl';
  it('refuses a policy without a name when the scorer is made, not at the first mention', () => {
    const decide = () => ({ priority: 'P3' as const, reason: 'x' });
    for (const name of [undefined, '', '  ', 42]) {
      const policy = { name, decide } as unknown as { name: string; decide: typeof decide };
      expect(() => createScorer({ policy })).toThrow(WebcareError);
      try {
        createScorer({ policy });
      } catch (e) {
        expect((e as WebcareError).code).toBe('INVALID_CONFIG');
      }
    }
  });
  it('refuses a decision without a string reason or with a score that is not a finite number', () => {
    const bad = [
      { priority: 'P3', reason: undefined },
      { priority: 'P3', reason: 7 },
      { priority: 'P3', reason: 'ok', score: Number.NaN },
      { priority: 'P3', reason: 'ok', score: '0.5' },
      { priority: 'P9', reason: 'ok' },
      null,
    ];
    for (const decision of bad) {
      const score = createScorer({ policy: { name: 'host', decide: () => decision as never } });
      expect(() => score(text)).toThrow(WebcareError);
    }
    const ok = createScorer({
      policy: { name: 'Host Policy!', decide: () => ({ priority: 'P2', reason: 'ok', score: 0.4 }) },
    });
    const a = ok(text);
    expect(a.priority).toBe('P2');
    expect(a.reasons.find((r) => r.target === 'priority')).toMatchObject({
      code: 'policy-host-policy',
      message: 'ok',
      weight: 0.4,
    });
  });
});

describe('host clocks', () => {
  const dated = { text: 'Mijn pakket is kwijt', createdAt: '2026-11-20T10:00:00Z', metrics: { likes: 10 } };
  it('may return epoch ms or a Date: the same assessment', () => {
    const at = Date.parse('2026-11-20T12:00:00Z');
    const ms = createScorer({ now: () => at })(dated);
    const date = createScorer({ now: () => new Date(at) as unknown as number })(dated);
    expect(date).toEqual(ms);
  });
  it('refuses a reading that is not a time with INVALID_CONFIG, per mention', () => {
    for (const bad of [Number.NaN, 'noon', new Date('x'), undefined]) {
      const score = createScorer({ now: () => bad as unknown as number });
      expect(() => score(dated)).toThrow(WebcareError);
      expect(() => scoreMention(dated, { now: () => bad as unknown as number })).toThrow(WebcareError);
    }
  });
});
