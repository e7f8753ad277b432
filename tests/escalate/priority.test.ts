import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createScorer, defaultPolicy, fairPolicy, scoreMention } from '../../src/index.js';
import type { PolicyInput, PriorityPolicy } from '../../src/index.js';

const NOW = Date.UTC(2026, 2, 2, 12, 0, 0);
const fair = createScorer({ policy: 'fair', now: () => NOW });
const plain = createScorer({ now: () => NOW });

const TEXTS = [
  'Mijn pakket is kwijt en niemand helpt me',
  'Pas op voor deze winkel, nooit meer!',
  '@KLM mijn aansluitende vlucht vertrekt over een uur en mijn koffer is weg',
  'My order has not arrived yet, where is it?',
  'You are scammers, you stole my money',
  'Thanks for the quick help!',
  'Need a loan at 2% interest? Contact Mr Frank on WhatsApp now!',
  'Waarom is mijn factuur zo hoog?',
];

const SPAM = [
  'Need a loan at 2% interest? Contact Mr Frank on WhatsApp +1 555 0100 now!',
  'Follow me and I follow back!! f4f follow4follow check my page',
  'Snel rijk met crypto! Stuur een DM via WhatsApp, 100% winst gegarandeerd https://a.example https://b.example https://c.example',
];

const input = (over: Partial<PolicyInput>): PolicyInput => ({
  urgency: 0,
  pilloryRisk: 0,
  intent: 'complaint',
  severity: 'disapproval',
  isComplaint: true,
  complaintProbability: 0.9,
  isSpam: false,
  reach: 10,
  sentimentScore: -0.5,
  channelFailure: false,
  ...over,
});

describe('priority: properties', () => {
  it('the fair policy gives the same priority whatever the follower count, reach or engagement', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TEXTS),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.boolean(),
        (text, followers, reposts, media) => {
          const small = fair({ text, author: { followers: 12 } });
          const big = fair({
            text,
            author: { followers },
            metrics: { reposts, views: reposts * 20 },
            createdAt: NOW - 10 * 60_000,
            ...(media ? { media: [{ type: 'image' as const }] } : {}),
          });
          expect(big.priority).toBe(small.priority);
          expect(big.respondWithinMinutes).toBe(small.respondWithinMinutes);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('spam is never above P4, under any policy, any metadata and any priorContacts', () => {
    const hostile: PriorityPolicy = { name: 'everything-p1', decide: () => ({ priority: 'P1', reason: 'all P1' }) };
    const scorers = [plain, fair, createScorer({ policy: hostile })];
    fc.assert(
      fc.property(
        fc.constantFrom(...SPAM),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 5 }),
        (text, which, followers, priorContacts) => {
          const a = (scorers[which % 3] as typeof plain)({ text, author: { followers } }, { priorContacts });
          expect(a.isSpam).toBe(true);
          expect(a.priority).toBe('P4');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the built-in policies are monotone in urgency and pillory risk', () => {
    const order = { P1: 1, P2: 2, P3: 3, P4: 4 };
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (u, r) => {
        const lo = defaultPolicy.decide(input({ urgency: u * 0.5, pilloryRisk: r * 0.5 })).priority;
        const hi = defaultPolicy.decide(input({ urgency: u, pilloryRisk: r })).priority;
        expect(order[hi]).toBeLessThanOrEqual(order[lo]);
        const flo = fairPolicy.decide(input({ urgency: u * 0.5 })).priority;
        const fhi = fairPolicy.decide(input({ urgency: u })).priority;
        expect(order[fhi]).toBeLessThanOrEqual(order[flo]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('priority: examples', () => {
  it('default policy: urgency or pillory risk alone can make P1', () => {
    expect(defaultPolicy.decide(input({ urgency: 0.9 })).priority).toBe('P1');
    expect(defaultPolicy.decide(input({ pilloryRisk: 0.9 })).priority).toBe('P1');
    expect(defaultPolicy.decide(input({ urgency: 0.2, pilloryRisk: 0.2 })).priority).toBe('P2');
  });

  it('complaints and questions get at least P3; praise and passing mentions without a need P4', () => {
    expect(defaultPolicy.decide(input({})).priority).toBe('P3');
    expect(defaultPolicy.decide(input({ intent: 'question', isComplaint: false, severity: 'none' })).priority).toBe(
      'P3',
    );
    expect(
      defaultPolicy.decide(
        input({ intent: 'praise', isComplaint: false, severity: 'none', urgency: 0.3, pilloryRisk: 0.15 }),
      ).priority,
    ).toBe('P4');
    expect(plain('Thanks for the quick help, great service!').priority).toBe('P4');
    expect(plain('Zat vanmiddag met een kop koffie bij de NS-kiosk').priority).toBe('P4');
  });

  it('criticism addressed to the brand gets an answer even when it is not called a complaint', () => {
    const other = {
      intent: 'other' as const,
      isComplaint: false,
      severity: 'none' as const,
      complaintProbability: 0.3,
    };
    expect(defaultPolicy.decide(input({ ...other, sentimentScore: -0.5, addressed: true })).priority).toBe('P3');
    expect(defaultPolicy.decide(input({ ...other, sentimentScore: -0.5, addressed: false })).priority).toBe('P4');
    expect(fairPolicy.decide(input({ ...other, sentimentScore: -0.5, addressed: true })).priority).toBe('P3');
  });

  it('a non-complaint with a pillory cue ("never again") is not buried in P4', () => {
    const other = {
      intent: 'other' as const,
      isComplaint: false,
      severity: 'none' as const,
      complaintProbability: 0.3,
    };
    expect(defaultPolicy.decide(input({ ...other, pilloryRisk: 0.25 })).priority).toBe('P3');
    expect(defaultPolicy.decide(input({ ...other, pilloryRisk: 0.1 })).priority).toBe('P4');
  });

  it('channel failure and repeat contacts move a mention up', () => {
    const base = defaultPolicy.decide(input({ urgency: 0.1, pilloryRisk: 0.2 }));
    const failed = defaultPolicy.decide(input({ urgency: 0.1, pilloryRisk: 0.2, channelFailure: true }));
    const again = defaultPolicy.decide(input({ urgency: 0.1, pilloryRisk: 0.2, priorContacts: 2 }));
    expect(base.priority).toBe('P3');
    expect(failed.priority).toBe('P2');
    expect(again.priority).toBe('P2');
    expect(again.reason).toContain('repeat contact');
  });

  it('priorContacts raises the priority of a real mention', () => {
    const text = 'Nog steeds geen antwoord op mijn vraag over de factuur';
    const rank = { P1: 1, P2: 2, P3: 3, P4: 4 };
    const first = plain(text);
    const third = plain(text, { priorContacts: 2 });
    expect(rank[third.priority]).toBeLessThan(rank[first.priority]);
  });

  it('the fair policy ranks by severity: blame before a plain complaint, whatever the reach', () => {
    const blame = fair({ text: 'You are scammers, you stole my money and lied about it', author: { followers: 3 } });
    const mild = fair({ text: 'My order has not arrived yet', author: { followers: 3_000_000 } });
    const rank = { P1: 1, P2: 2, P3: 3, P4: 4 };
    expect(rank[blame.priority]).toBeLessThanOrEqual(rank[mild.priority]);
    expect(blame.reasons.some((r) => r.code === 'policy-fair')).toBe(true);
  });

  it('the default policy lets reach count, the fair one does not', () => {
    const text = 'Mijn pakket is kwijt en niemand helpt me, schandalig';
    const viral = {
      text,
      source: 'x',
      author: { followers: 900_000 },
      metrics: { reposts: 3_000 },
      createdAt: NOW - 600_000,
    };
    const rank = { P1: 1, P2: 2, P3: 3, P4: 4 };
    expect(rank[plain(viral).priority]).toBeLessThan(rank[plain({ text, author: { followers: 5 } }).priority]);
    expect(fair(viral).priority).toBe(fair({ text, author: { followers: 5 } }).priority);
  });

  it('uses the brand SLA and routes categories to teams', () => {
    const score = createScorer({ sla: { P1: 5, P3: 120 }, routing: { disruption: 'noc' } });
    const a = score('Al 3 dagen storing, geen internet en niemand neemt op');
    expect(a.team).toBe('noc');
    expect(a.respondWithinMinutes).toBe({ P1: 5, P2: 60, P3: 120, P4: 1440 }[a.priority]);
    expect(scoreMention('Zou fijn zijn als de app ook een donkere modus had').team).toBe('product');
  });

  it('a host policy that returns no valid priority fails loudly', () => {
    const broken = createScorer({ policy: { name: 'broken', decide: () => ({ priority: 'P9' as 'P1', reason: '' }) } });
    expect(() => broken('Mijn pakket is kwijt')).toThrow(/policy\.decide/);
  });

  it('policy reasons have a code from the policy name and Dutch messages with locale nl', () => {
    const custom = createScorer({
      policy: { name: 'Night Shift!', decide: () => ({ priority: 'P2', reason: 'nacht' }) },
    });
    expect(custom('Hallo').reasons.some((r) => r.code === 'policy-night-shift')).toBe(true);
    const nl = createScorer({ locale: 'nl' })('Mijn pakket is kwijt', { priorContacts: 1 });
    expect(nl.reasons.find((r) => r.code === 'policy-default')?.message).toContain('herhaald contact');
  });
});
