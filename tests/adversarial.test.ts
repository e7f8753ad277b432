/**
 * Adversarial review of the scoring surface: inputs a host or a stranger can hand to
 * normalizeMention / scoreMention / createScorer. Each must give a valid assessment or a
 * WebcareError with a documented code, never an exception from deep inside.
 */
import { describe, expect, it } from 'vitest';
import { WebcareError, createScorer, normalizeMention, safeNormalizeMention, scoreMention } from '../src/index.js';

describe('normalizeMention: sparse media arrays', () => {
  it('refuses a hole in media as INVALID_MENTION naming the item, instead of a TypeError while scoring', () => {
    const holes = { text: 'Kapot aangekomen @brand', media: new Array(3) };
    const r = safeNormalizeMention(holes);
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error).toBeInstanceOf(WebcareError);
      expect(r.error.code).toBe('INVALID_MENTION');
      expect(r.error.field).toBe('media[0]');
    }
    const media: unknown[] = [{ type: 'image' }];
    media[2] = { type: 'video' }; // media[1] is a hole
    const partly = { text: 'x', media };
    expect(() => normalizeMention(partly)).toThrow(
      expect.objectContaining({ code: 'INVALID_MENTION', field: 'media[1]' }),
    );
    expect(() => scoreMention(partly as unknown as Parameters<typeof scoreMention>[0])).toThrow(WebcareError);
  });
});

describe('a host priority policy that returns something other than P1-P4', () => {
  it.each([
    ['constructor', 'constructor'],
    ['toString', 'toString'],
    ['__proto__', '__proto__'],
    ['hasOwnProperty', 'hasOwnProperty'],
    ['an object that prints as P1', { toString: () => 'P1' }],
    ['an array holding P2', ['P2']],
  ])('%s is refused as INVALID_CONFIG policy.decide', (_name, priority) => {
    const score = createScorer({ policy: { name: 'mine', decide: () => ({ priority, reason: 'r' }) as never } });
    expect(() => score('Al 3 dagen storing')).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', field: 'policy.decide' }),
    );
  });

  it('P1-P4 still pass, with the SLA minutes', () => {
    for (const p of ['P1', 'P2', 'P3', 'P4'] as const) {
      const a = createScorer({ policy: { name: 'mine', decide: () => ({ priority: p, reason: 'r' }) } })('hoi');
      expect(a.priority).toBe(p);
      expect(typeof a.respondWithinMinutes).toBe('number');
    }
  });
});
