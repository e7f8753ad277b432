/**
 * Adversarial review of the scoring surface: inputs a host or a stranger can hand to
 * normalizeMention / scoreMention / createScorer. Each must give a valid assessment or a
 * WebcareError with a documented code, never an exception from deep inside.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_ANALYSED_CHARS,
  WebcareError,
  analyzeText,
  createScorer,
  normalizeMention,
  safeNormalizeMention,
  scoreMention,
} from '../src/index.js';
import { tokenize } from '../src/text/02-tokenize.js';

/** Input growth in the complexity tests, and the time growth above which code is not linear. */
const GROWTH = 32;
const LINEAR = 400;

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

describe('the analysis cap holds after Unicode folding', () => {
  // NFKC turns U+FDFA into 18 characters, U+3300 into 4, U+FB03 into 3, U+2474 into 3.
  it.each([
    ['4,000 x U+FDFA (18 characters each)', '\uFDFA'.repeat(4000)],
    ['100,000 x U+FDFA', '\uFDFA'.repeat(100_000)],
    ['5,000 x U+3300', '\u3300'.repeat(5000)],
    ['4,000 x the ffi ligature', '\uFB03'.repeat(4000)],
    ['4,000 x (1)', '\u2474'.repeat(4000)],
  ])('%s: at most MAX_ANALYSED_CHARS analysed, and the cut reported', (_name, text) => {
    const a = analyzeText(text);
    expect(a.text.length).toBeLessThanOrEqual(MAX_ANALYSED_CHARS);
    expect(a.truncated).toBe(true);
    const reason = scoreMention(text).reasons.find((r) => r.code === 'text-truncated');
    const [first, of] = (reason?.message.match(/\d+/g) ?? []).map(Number);
    expect(first).toBe(a.text.length);
    expect(of).toBe(text.length);
    expect(first).toBeLessThanOrEqual(of as number);
  });

  it('text under the cap is folded as before', () => {
    expect(analyzeText('\u{1D41F}\u{1D42B}\u{1D41E}\u{1D41E} \uFB03').text).toBe('free ffi');
    const a = analyzeText(`${'a'.repeat(MAX_ANALYSED_CHARS - 18)}\uFDFA`);
    expect(a.truncated).toBe(false);
    expect(a.text.length).toBe(MAX_ANALYSED_CHARS);
  });
});

/**
 * How much longer `fn` takes on 32 times the input: about 1024 for quadratic code, and for linear
 * code 32 to 180 (the most seen with three busy loops on a 2-core machine: large inputs cost GC
 * and cache misses). The line is at 400; the quadratic code these tests guard against measured 450
 * to 3,000. Best of five runs each, and the lower of two measurements, so a busy machine or a
 * compilation in the middle does not decide.
 */
function growth(fn: (s: string) => unknown, make: (n: number) => string, n: number): number {
  const time = (s: string): number => {
    let best = Number.POSITIVE_INFINITY;
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now();
      fn(s);
      const t = performance.now() - t0;
      best = Math.min(best, t);
      if (t > 1000) break;
    }
    return best;
  };
  const small = make(n);
  const big = make(GROWTH * n);
  for (let k = 0; k < 20; k++) fn(small); // let the optimising compiler take it first
  return Math.min(time(big) / Math.max(time(small), 0.05), time(big) / Math.max(time(small), 0.05));
}

describe('the tokenizer stays linear', () => {
  it.each([
    ['spaces', (n: number) => ' '.repeat(n)],
    ['blank lines', (n: number) => ' \n\t'.repeat(n / 3)],
    ['short words', (n: number) => 'hallo daar '.repeat(n / 11)],
    ['shouting', (n: number) => 'no!!! '.repeat(n / 6)],
  ])('%s', (_name, make) => {
    expect(growth(tokenize, make, 8000)).toBeLessThan(LINEAR);
  });
});

describe('configuration of the wrong shape', () => {
  it('an array as the whole configuration is INVALID_CONFIG, not the default configuration', () => {
    expect(() => createScorer([] as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', field: 'config' }),
    );
    expect(() => scoreMention('storing', [] as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', field: 'config' }),
    );
  });

  it('brand given as a list of names is INVALID_CONFIG, not a scorer that watches no brand', () => {
    expect(() => createScorer({ brand: ['KPN'] as never })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', field: 'brand' }),
    );
  });
});

describe('configuration with a key it does not have', () => {
  it.each([
    [{ brnd: { names: ['KPN'] } }, 'brnd', 'did you mean brand?'],
    [{ Brand: { names: ['KPN'] } }, 'Brand', 'did you mean brand?'],
    [{ brand: { name: ['KPN'] } }, 'brand.name', 'did you mean brand.names?'],
    [{ brand: { names: ['KPN'], handle: ['kpn'] } }, 'brand.handle', 'did you mean brand.handles?'],
    [{ locle: 'nl' }, 'locle', 'did you mean locale?'],
    [{ extrawords: { nl: {} } }, 'extrawords', 'did you mean extraWords?'],
    [{ webhookSecret: 'x' }, 'webhookSecret', 'the options are brand, routing'],
  ])('%o is INVALID_CONFIG naming %s, for createScorer and scoreMention alike', (config, field, hint) => {
    for (const call of [() => createScorer(config as never), () => scoreMention('storing', config as never)]) {
      let caught: unknown;
      try {
        call();
      } catch (e) {
        caught = e;
      }
      expect(caught).toMatchObject({ code: 'INVALID_CONFIG', field });
      expect((caught as Error).message).toContain(hint);
    }
  });

  it('keys set to undefined and the per-call locale and now are still fine', () => {
    expect(scoreMention('storing', { brand: undefined, locale: 'nl', now: () => 0 } as never).language).toBeDefined();
    expect(() =>
      createScorer({ brand: { names: ['KPN'], aliases: undefined }, sla: undefined } as never),
    ).not.toThrow();
  });
});
