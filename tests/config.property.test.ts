import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WebcareError, createScorer } from '../src/index.js';
import type { ScorerConfig } from '../src/index.js';
import { junk as junkOf } from './fakes/junk.js';

// Values a host might pass by mistake (or an attacker through a config file), field by field,
// with the keys the config's maps use.
const junk = junkOf(['P1', 'P2', 'P3', 'P4', 'en', 'nl', 'names', 'handles', 'aliases', 'mastodon', 'x', 'delivery']);
const decision = fc.oneof(
  junk,
  fc.record({
    priority: fc.constantFrom('P1', 'P2', 'P3', 'P4', 'P5'),
    reason: fc.oneof(fc.string(), junk),
    score: junk,
  }),
);
const policy = fc.oneof(
  junk,
  fc.constantFrom('default', 'fair'),
  fc.record({ name: fc.oneof(fc.string({ maxLength: 8 }), junk), decide: decision.map((d) => () => d) }),
);
const config = fc.record(
  {
    brand: junk,
    routing: junk,
    policy,
    sla: junk,
    extraWords: junk,
    locale: fc.oneof(junk, fc.constantFrom('en', 'nl')),
    now: fc.oneof(
      junk,
      fc.constant(() => 1_700_000_000_000),
    ),
    platforms: junk,
  },
  { requiredKeys: [] },
);
// Texts and dated mention objects from platforms the table knows, does not know, or that name
// what every object inherits.
const MENTIONS = [
  'Al 3 dagen geen internet @kpn #nooitmeer',
  { text: 'Thanks @KLM, lovely crew', source: 'mastodon', createdAt: '2023-11-14T10:00:00Z', metrics: { likes: 40 } },
  { text: 'My order never arrived', source: 'constructor', createdAt: 1_699_000_000_000 },
  { text: 'Waar blijft mijn pakket?', source: '__proto__', author: { followers: 12 } },
];

describe('scorer configuration from untrusted input', () => {
  it('is refused with a WebcareError, or scores every mention without any other exception', () => {
    fc.assert(
      fc.property(config, (cfg) => {
        let score: ReturnType<typeof createScorer>;
        try {
          score = createScorer(cfg as unknown as ScorerConfig);
        } catch (e) {
          expect(e).toBeInstanceOf(WebcareError);
          return;
        }
        for (const mention of MENTIONS) {
          try {
            const a = score(mention);
            expect(Number.isFinite(a.reach.estimated)).toBe(true);
            expect(Number.isFinite(a.pilloryRisk) && Number.isFinite(a.urgency)).toBe(true);
            expect(['P1', 'P2', 'P3', 'P4']).toContain(a.priority);
            expect(a.respondWithinMinutes).toBeGreaterThan(0);
            for (const r of a.reasons) {
              expect(typeof r.code).toBe('string');
              expect(typeof r.message).toBe('string');
              expect(Number.isFinite(r.weight)).toBe(true);
            }
          } catch (e) {
            // A host policy's bad decision or a host clock's bad reading is reported per
            // mention, as a WebcareError.
            expect(e).toBeInstanceOf(WebcareError);
          }
        }
      }),
      { numRuns: 1500 },
    );
  });
});
