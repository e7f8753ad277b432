import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ESCALATION_MESSAGES,
  createScorer,
  explain,
  localizeMessage,
  localizeReasons,
  reasonMessage,
  scoreMention,
} from '../../src/index.js';
import type { Assessment } from '../../src/index.js';

const NOW = Date.UTC(2026, 2, 2, 12, 0, 0);
const TEXTS = [
  'Al 3 dagen storing en niemand neemt op. Nooit meer @KPN!',
  'Pas op voor @bol, nooit meer! Ik ga naar de Consumentenbond',
  '@KLM mijn aansluitende vlucht vertrekt over een uur en mijn koffer is weg',
  'Thanks for the quick help, great service as always!',
  'Need a loan at 2% interest? Contact Mr Frank on WhatsApp +1 555 0100 now!',
  '@PostNL my parcel still has not arrived, ordered 2 weeks ago',
  'Waarom is mijn factuur zo hoog?? Twee keer afgeschreven!',
  'Zou fijn zijn als de app een donkere modus had',
  'You are scammers, you stole my money, my lawyer will hear about this',
  'Bedankt voor de gescheurde jurk, echt top service',
];

describe('explanations', () => {
  it('every escalation code has a non-empty English and a different Dutch message', () => {
    for (const [code, [en, nl]] of Object.entries(ESCALATION_MESSAGES)) {
      const e = en('x');
      const n = nl('x');
      expect(e.length, code).toBeGreaterThan(0);
      expect(n.length, code).toBeGreaterThan(0);
      expect(n, code).not.toBe(e);
    }
  });

  it('every escalation reason the scorer emits has a code from the message table and a weight', () => {
    const score = createScorer({ now: () => NOW });
    for (const text of TEXTS) {
      const a = score(
        { text, author: { followers: 4000 }, metrics: { reposts: 30, views: 900 }, createdAt: NOW - 1_200_000 },
        { priorContacts: 1 },
      );
      for (const r of a.reasons) {
        if (r.target === 'reach' || r.target === 'pillory' || r.target === 'urgency' || r.target === 'advice') {
          // channel-failure has its own renderer (channelFailureMessage).
          if (r.code === 'channel-failure') continue;
          expect(ESCALATION_MESSAGES[r.code], r.code).toBeDefined();
          expect(Number.isFinite(r.weight)).toBe(true);
        }
      }
    }
  });

  it('locale nl in createScorer makes every message Dutch, escalation and classifier alike', () => {
    const en = createScorer({ now: () => NOW });
    const nl = createScorer({ now: () => NOW, locale: 'nl' });
    for (const text of TEXTS) {
      const a = en(text);
      const b = nl(text);
      expect(b.reasons.map((r) => r.code)).toEqual(a.reasons.map((r) => r.code));
      a.reasons.forEach((r, i) => {
        expect((b.reasons[i] as typeof r).message, r.code).not.toBe(r.message);
      });
    }
  });

  it('a message rendered while scoring equals its re-rendering from code and detail, in both locales', () => {
    for (const locale of ['en', 'nl'] as const) {
      const score = createScorer({ now: () => NOW, locale });
      for (const policy of ['default', 'fair'] as const) {
        const scorePolicy = createScorer({ now: () => NOW, locale, policy });
        for (const text of TEXTS) {
          for (const a of [
            score(text, { priorContacts: 1 }),
            scorePolicy(text),
            scorePolicy(text, { priorContacts: 3 }),
            score({
              text,
              source: 'x',
              author: { followers: 2500, verified: true },
              metrics: { reposts: 12, quotes: 2, replies: 7, likes: 90, views: 4000 },
              createdAt: NOW - 90 * 60_000,
              media: [{ type: 'image' }],
              inReplyTo: '1',
            }),
          ]) {
            for (const r of a.reasons) {
              if (ESCALATION_MESSAGES[r.code] === undefined) continue;
              expect(localizeMessage(r, locale), r.code).toBe(r.message);
            }
          }
        }
      }
    }
  });

  it('ScoreOptions.locale overrides the scorer locale per call', () => {
    const score = createScorer({ locale: 'en' });
    const a = score('Pas op voor deze winkel, nooit meer!', { locale: 'nl' });
    expect(a.reasons.find((r) => r.code === 'pillory-warn')?.message).toBe('waarschuwt anderen ("pas op")');
    const b = score('Pas op voor deze winkel, nooit meer!');
    expect(b.reasons.find((r) => r.code === 'pillory-warn')?.message).toBe('warns others ("pas op")');
  });

  it('re-renders reasons in another locale from their detail', () => {
    const a = scoreMention('Beware, never again, I am going to the press!');
    const nl = localizeReasons(a.reasons, 'nl');
    expect(nl.find((r) => r.code === 'pillory-never')?.message).toBe('zegt nooit meer ("never again")');
    expect(reasonMessage('repeat-contact', 'nl', '3')).toBe('3 eerdere contacten van deze auteur');
    const cf = scoreMention('Al 3 keer gebeld en nog steeds geen internet').reasons.find(
      (r) => r.code === 'channel-failure',
    );
    expect(cf).toBeDefined();
    if (cf !== undefined) expect(localizeMessage(cf, 'nl')).not.toBe(cf.message);
    // A reason made elsewhere without detail keeps its English message, and gets its number in Dutch.
    const monitor = { code: 'repeat-contact', message: '2 earlier contacts by this author in 7 days', weight: 0 };
    expect(localizeMessage(monitor, 'en')).toBe(monitor.message);
    expect(localizeMessage(monitor, 'nl')).toBe('2 eerdere contacten van deze auteur');
  });

  it('explain() renders the decision first, then each score with its reasons (en)', () => {
    const a = createScorer({ now: () => NOW })(
      { text: 'Pas op voor @bol, nooit meer! Ik ga naar de Consumentenbond', author: { name: 'Sanne', followers: 80 } },
      { priorContacts: 2 },
    );
    const text = explain(a);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^P[1-4] · respond within \d+ min · /);
    expect(text).toContain('customer: Sanne');
    expect(text).toMatch(/pillory risk 0\.\d\d/);
    expect(text).toContain('warns others ("pas op")  [pillory-warn]');
    expect(text).toContain('2 earlier contacts by this author');
    expect(text).toMatch(/reach: about \d+ people \(\d+–\d+\)/);
  });

  it('explain() in Dutch', () => {
    const a = scoreMention('@KLM mijn aansluitende vlucht vertrekt over een uur en mijn koffer is weg');
    const text = explain(a, { locale: 'nl' });
    expect(text.split('\n')[0]).toMatch(/^P[1-4] · reageer binnen \d+ min · /);
    expect(text).toMatch(/urgentie 0\.\d\d/);
    expect(text).toContain('reis vertrekt zo of reiziger gestrand ("aansluitende vlucht")');
    expect(text).toContain('een deadline binnen enkele uren ("over een uur")');
    expect(text).not.toContain('travel about to leave');
  });

  it('explain() limits the reasons per section', () => {
    const a = scoreMention('Pas op, schande, deel dit, nooit meer, ik zeg op, mijn advocaat belt Radar en de ACM');
    const text = explain(a, { maxReasons: 2 });
    const pillory = text.split('\n').findIndex((l) => l.startsWith('pillory risk'));
    expect(text.split('\n')[pillory + 3]).toMatch(/^ {2}… \d+$/);
  });
});

describe('explain and localizeReasons on stored assessments', () => {
  it('never print what every object inherits, whatever codes, details and labels a stored assessment holds', () => {
    const base = scoreMention('Al 3 keer gebeld en nog steeds geen internet @kpn, schande', { now: () => 0 });
    const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.constantFrom('en', 'nl') as fc.Arbitrary<'en' | 'nl'>,
        (name, locale) => {
          const a = JSON.parse(JSON.stringify(base)) as Assessment;
          a.replyAdvice = name as Assessment['replyAdvice'];
          a.complaint.severity = name as Assessment['complaint']['severity'];
          a.sentiment.label = name as Assessment['sentiment']['label'];
          a.intent = name as Assessment['intent'];
          const reasons = a.reasons.map((r, i) => (i % 2 === 0 ? { ...r, detail: name } : { ...r, code: name }));
          a.reasons = reasons;
          const text = [explain(a, { locale }), ...localizeReasons(reasons, locale).map((r) => r.message)].join('\n');
          expect(text).not.toMatch(/native code|\[object Object\]|function /);
        },
      ),
    );
  });
});
