import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addGrams } from '../../src/classify/table.js';

/** The 4-gram buckets written out plainly: FNV-1a of each 4-character window of `<word>`. */
function reference(word: string, base: number, h: number): number[] {
  const s = `<${word}>`;
  if (s.length < 5) return [];
  const out: number[] = [];
  for (let i = 0; i + 4 <= s.length; i++) {
    let x = 2166136261;
    for (let j = i; j < i + 4; j++) x = Math.imul(x ^ s.charCodeAt(j), 16777619);
    out.push(base + ((x >>> 0) % h));
  }
  return out;
}

describe('hashed character 4-grams', () => {
  it('put every 4-gram of <word> in its FNV-1a bucket, for any bucket count', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.constantFrom(16384, 4096, 1000, 12289, 1), (w, h) => {
        const ids: number[] = [];
        const end = addGrams(w, 7, h, ids);
        expect(ids).toEqual(reference(w, 7, h));
        expect(end).toBe(ids.length);
      }),
      { numRuns: 400 },
    );
  });

  it('write from a given index and return the index after the last', () => {
    const ids = [1, 2, 3, 4, 5];
    const end = addGrams('late', 100, 16384, ids, 2);
    expect(end).toBe(5);
    expect(ids.slice(0, 2)).toEqual([1, 2]);
    expect(ids.slice(2)).toEqual(reference('late', 100, 16384));
  });
});
