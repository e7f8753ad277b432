import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Classified, ScoreContext } from '../../src/context.js';
import { findCues } from '../../src/escalate/cues.js';
import { scorePilloryRisk } from '../../src/escalate/pillory.js';
import { CUE_LISTS, PILLORY_WEIGHTS, analyzeText, createScorer, resolveConfig, scoreMention } from '../../src/index.js';
import type { Assessment } from '../../src/index.js';

const NOW = Date.UTC(2026, 2, 2, 12, 0, 0);
const score = createScorer({ now: () => NOW, brand: { names: ['Bol'], handles: ['bol'] } });

/** The pillory model alone, on another text's cues but this assessment's classification. */
function pilloryOf(a: Assessment, text: string): number {
  const analysis = analyzeText(text);
  const config = resolveConfig({});
  const ctx: ScoreContext = {
    mention: { text },
    analysis,
    entries: [],
    entriesVersion: -1, // never current: the feature stage looks the tokens up itself
    config,
    reasons: [],
    now: NOW,
    locale: 'en',
    priorContacts: 0,
  };
  const c: Classified = {
    sentiment: a.sentiment,
    complaint: a.complaint,
    intent: a.intent,
    isSpam: a.isSpam,
    spamScore: 0,
    channelFailure: a.channelFailure,
    identifiers: a.identifiers,
    reach: a.reach,
    severityValue: 2,
    cues: findCues(analysis.tokens, analysis.language, config.brandHandles),
    velocity: 0,
    addressed: false,
  };
  return scorePilloryRisk(ctx, c);
}

// Our own base texts and one cue per pillory kind, per language: complaints, questions,
// praise and passing mentions.
const BASES = {
  nl: [
    'Mijn bestelling is nog steeds niet binnen',
    'Waarom duurt het zo lang voordat jullie antwoorden?',
    'Top geholpen door de klantenservice vandaag',
    'Ik zat vanochtend in de trein en dacht aan vakantie',
    'Al twee weken geen reactie op mijn mail',
    'De monteur is niet gekomen en de tv doet het nog steeds niet',
  ],
  en: [
    'The app keeps crashing when I try to pay',
    'Why is my refund taking three weeks?',
    'Great service at the airport this morning, thanks',
    'Watching the match tonight with friends',
    'You charged me twice and nobody answers the phone',
    'My order has not arrived yet',
  ],
};
// One cue per kind, in the order: warn, never, shame, share, leave, legal, press, regulator, review.
const CUES = {
  nl: [
    'pas op',
    'nooit meer',
    'schande',
    'deel dit',
    'ik ga opzeggen',
    'mijn advocaat hoort ervan',
    'tip voor @kassa',
    'ik stap naar de geschillencommissie',
    'slechte recensie volgt',
  ],
  en: [
    'beware',
    'never again',
    'shame on you',
    'please share',
    'cancel my subscription',
    'my lawyer will hear about this',
    'emailing @bbcwatchdog',
    'reporting this to the ombudsman',
    'writing a trustpilot review',
  ],
};
const MORE = ['ik ga naar de Consumentenbond', '#fail', "don't buy"];
const lang = fc.constantFrom('nl' as const, 'en' as const);
const baseAndCues = lang.chain((l) =>
  fc.tuple(
    fc.constantFrom(...BASES[l]),
    fc
      .uniqueArray(fc.integer({ min: 0, max: CUES[l].length - 1 }), { minLength: 2, maxLength: 2 })
      .map((ix) => ix.map((i) => CUES[l][i] as string)),
  ),
);

describe('pillory risk: properties', () => {
  it('adding a pillory cue never lowers the risk (same language, at the end or the start)', () => {
    fc.assert(
      fc.property(
        baseAndCues,
        fc.boolean(),
        fc.integer({ min: 0, max: 1_000_000 }),
        ([base, [cue]], front, followers) => {
          const text = front ? `${cue}! ${base}` : `${base}. ${cue}!`;
          const m = { author: { followers } };
          expect(score({ ...m, text }).pilloryRisk).toBeGreaterThanOrEqual(score({ ...m, text: base }).pilloryRisk);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('adding a second cue of another kind never lowers the risk either', () => {
    fc.assert(
      fc.property(baseAndCues, ([base, [a, b]]) => {
        const one = `${base}. ${a}!`;
        expect(score(`${one} ${b}`).pilloryRisk).toBeGreaterThanOrEqual(score(one).pilloryRisk);
      }),
      { numRuns: 300 },
    );
  });

  it('holding the classification fixed, every cue adds (the model is monotone by construction)', () => {
    const base = score('Mijn pakket is kwijt');
    const without = pilloryOf(base, 'Mijn pakket is kwijt');
    for (const cue of [...CUES.nl, ...CUES.en, ...MORE]) {
      expect(pilloryOf(base, `Mijn pakket is kwijt ${cue}`)).toBeGreaterThan(without);
    }
  });

  it('more followers, photos and repeat contacts never lower the risk', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BASES.nl, ...BASES.en),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 6 }),
        (text, a, b, prior) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const low = score({ text, author: { followers: lo } }, { priorContacts: prior }).pilloryRisk;
          const high = score({ text, author: { followers: hi } }, { priorContacts: prior }).pilloryRisk;
          expect(high).toBeGreaterThanOrEqual(low);
          const photo = score(
            { text, author: { followers: lo }, media: [{ type: 'image' }] },
            { priorContacts: prior },
          );
          expect(photo.pilloryRisk).toBeGreaterThanOrEqual(low);
          const again = score({ text, author: { followers: lo } }, { priorContacts: prior + 1 }).pilloryRisk;
          expect(again).toBeGreaterThanOrEqual(low);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stays in 0..1 on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const r = scoreMention(text).pilloryRisk;
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('pillory risk: examples', () => {
  it('Dutch: warning, never again and the Consumentenbond is high', () => {
    const a = score('Pas op voor @bol, nooit meer! Ik ga naar de Consumentenbond');
    expect(a.pilloryRisk).toBeGreaterThan(0.8);
    const codes = a.reasons.filter((r) => r.target === 'pillory').map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['pillory-warn', 'pillory-never', 'pillory-press']));
  });

  it('English: boycott call, legal threat and the press is high', () => {
    const a = score('Everyone boycott @bol, my lawyer is on it and I am going to the press');
    expect(a.pilloryRisk).toBeGreaterThan(0.8);
    expect(a.reasons.some((r) => r.code === 'pillory-legal')).toBe(true);
  });

  it('praise and passing mentions are low, even with a big audience', () => {
    const praise = score({ text: 'Thanks @bol, quick delivery and friendly help!', author: { followers: 800_000 } });
    expect(praise.pilloryRisk).toBeLessThan(0.15);
    expect(score('Ik heb vanmiddag bij de kassa van de bakker betaald').pilloryRisk).toBeLessThan(0.15);
  });

  it('"kassa" as a checkout is not the consumer programme; "Kassa" capitalised or @kassa is', () => {
    expect(score('Lange rij bij de kassa vandaag').reasons.some((r) => r.code === 'pillory-press')).toBe(false);
    expect(score('Dit stuur ik naar Kassa').reasons.some((r) => r.code === 'pillory-press')).toBe(true);
    expect(score('Hee @kassa kijk hier eens naar').reasons.some((r) => r.code === 'pillory-press')).toBe(true);
  });

  it('severity weighs: an accusation ranks above a plain complaint', () => {
    const plain = score('My order has not arrived yet');
    const accuse = score('You are scammers, you stole my money and lied to me about my order');
    expect(accuse.pilloryRisk).toBeGreaterThan(plain.pilloryRisk);
  });

  it('reach and momentum amplify a grievance', () => {
    const text = 'Mijn pakket is kwijt en niemand helpt me, schandalig';
    const small = score({ text, source: 'x', author: { followers: 12 } });
    const viral = score({
      text,
      source: 'x',
      author: { followers: 120_000 },
      metrics: { reposts: 900, replies: 300 },
      createdAt: NOW - 30 * 60_000,
    });
    expect(viral.pilloryRisk).toBeGreaterThan(small.pilloryRisk + 0.1);
    expect(viral.reasons.some((r) => r.code === 'pillory-momentum')).toBe(true);
  });

  it('a repeat contact adds a reason and raises the risk', () => {
    const text = 'Nog steeds geen antwoord op mijn vraag over de factuur';
    const first = score(text);
    const third = score(text, { priorContacts: 2 });
    expect(third.pilloryRisk).toBeGreaterThan(first.pilloryRisk);
    const r = third.reasons.find((x) => x.code === 'repeat-contact');
    expect(r?.weight).toBeGreaterThan(0);
    expect(r?.message).toContain('2 earlier contacts');
  });

  it('spam has no pillory risk', () => {
    expect(scoreMention('Need a loan at 2% interest? Contact Mr Frank on WhatsApp +1 555 0100 now!').pilloryRisk).toBe(
      0,
    );
  });

  it('has non-negative weights (the monotonicity argument) and cue lists in both languages', () => {
    for (const [k, v] of Object.entries(PILLORY_WEIGHTS)) if (k !== 'base') expect(v).toBeGreaterThanOrEqual(0);
    for (const kind of ['warn', 'shame', 'share', 'never', 'leave', 'legal', 'press', 'regulator', 'review'] as const) {
      expect(CUE_LISTS[kind].en.length).toBeGreaterThan(0);
      expect(CUE_LISTS[kind].nl.length).toBeGreaterThan(0);
    }
  });
});
