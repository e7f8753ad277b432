import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { URGENCY_WEIGHTS, createScorer, scoreMention } from '../../src/index.js';

const NOW = Date.UTC(2026, 2, 2, 12, 0, 0);
const score = createScorer({ now: () => NOW });
const codes = (text: string) =>
  scoreMention(text)
    .reasons.filter((r) => r.target === 'urgency')
    .map((r) => r.code);

// Our own texts, both languages: urgent needs and calm ones.
const TEXTS = [
  '@KLM mijn aansluitende vlucht vertrekt over een uur en mijn koffer is weg',
  'Al 3 keer gebeld, nog steeds geen internet. Ik werk thuis!',
  'Mijn pakket is nog niet binnen',
  '@united missed my connection, stranded at the gate with my baby',
  'You charged me twice and my rent is due today',
  'Smell of gas near the meter you installed, what should I do?',
  'Love the new app!',
  'Wanneer komt de nieuwe collectie binnen?',
];

describe('urgency: properties', () => {
  it('is independent of followers, reposts, views, media and platform', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TEXTS),
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.constantFrom('x', 'mastodon', 'reddit', 'rss'),
        fc.boolean(),
        (text, followers, reposts, source, media) => {
          const plain = score(text).urgency;
          const rich = score({
            text,
            source,
            author: { followers },
            metrics: { reposts, views: reposts * 10 },
            createdAt: NOW - 60_000,
            ...(media ? { media: [{ type: 'image' as const }] } : {}),
          }).urgency;
          expect(rich).toBe(plain);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stays in 0..1 on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const u = scoreMention(text).urgency;
        expect(u).toBeGreaterThanOrEqual(0);
        expect(u).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('urgency: examples', () => {
  it('a connecting flight within the hour is highly urgent (nl)', () => {
    const a = scoreMention('@KLM mijn aansluitende vlucht vertrekt over een uur en mijn koffer is weg');
    expect(a.urgency).toBeGreaterThan(0.75);
    expect(codes('@KLM mijn aansluitende vlucht vertrekt over een uur')).toEqual(
      expect.arrayContaining(['urgency-travel-now', 'urgency-deadline']),
    );
    expect(['P1', 'P2']).toContain(a.priority);
    expect(a.replyAdvice).toBe('reply-publicly-then-dm');
  });

  it('a flight about to leave is highly urgent (en)', () => {
    expect(scoreMention('@united my flight leaves in 40 minutes and the app lost my booking').urgency).toBeGreaterThan(
      0.7,
    );
  });

  it('no internet for a home worker is urgent; a late parcel much less', () => {
    const home = scoreMention('Al 3 keer gebeld, nog steeds geen internet. Ik moet thuiswerken!').urgency;
    const parcel = scoreMention('Mijn pakket is nog niet binnen').urgency;
    expect(home).toBeGreaterThan(0.6);
    expect(parcel).toBeLessThan(0.3);
    expect(home).toBeGreaterThan(parcel + 0.3);
  });

  it('money gone, safety and asap are urgent in both languages', () => {
    expect(scoreMention('Jullie hebben twee keer afgeschreven en nu sta ik rood').urgency).toBeGreaterThan(0.45);
    expect(scoreMention('You charged me twice, I cannot pay my rent').urgency).toBeGreaterThan(0.45);
    expect(scoreMention('Er komt rook uit de meterkast die jullie monteur heeft aangesloten').urgency).toBeGreaterThan(
      0.75,
    );
    expect(scoreMention('Smell gas near the new boiler you fitted').urgency).toBeGreaterThan(0.75);
    expect(scoreMention('Graag zsm contact, dringend!').urgency).toBeGreaterThan(0.4);
  });

  it('"no rush" lowers urgency; praise and spam have none', () => {
    const rush = scoreMention('Geen internet sinds vanochtend, ik moet thuiswerken').urgency;
    const calm = scoreMention(
      'Geen internet sinds vanochtend, geen haast hoor, ik moet morgen pas thuiswerken',
    ).urgency;
    expect(calm).toBeLessThan(rush);
    expect(scoreMention('Love the new app, great work!').urgency).toBeLessThan(0.1);
    expect(scoreMention('Need a loan at 2% interest? Contact Mr Frank on WhatsApp now!').urgency).toBe(0);
  });

  it('time words and a trip named in praise are no need', () => {
    expect(scoreMention('Thanks for the great flight today @klm').urgency).toBe(0);
    expect(scoreMention('Lekker gewerkt vandaag, nu op de bank met thee').urgency).toBe(0);
    expect(scoreMention('Waited over an hour at the desk').reasons.some((r) => r.code === 'urgency-deadline')).toBe(
      false,
    );
  });

  it('does not read "over" or "in" as a deadline without a time unit', () => {
    expect(codes('Ik heb een vraag over een factuur')).not.toContain('urgency-deadline');
    expect(codes('In the morning I will call again')).not.toContain('urgency-deadline');
    expect(codes('Ik bel over 20 minuten terug')).toContain('urgency-deadline');
  });

  it('has probabilities in 0..1 (noisy-OR terms)', () => {
    for (const v of Object.values(URGENCY_WEIGHTS)) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });
});
