import { afterEach, describe, expect, it } from 'vitest';
import { extractFeatures } from '../../src/classify/features.js';
import { OUTPUTS, WORDS, applyAll, decodeLanguage, modelFor, useModel } from '../../src/classify/model.js';
import { addGrams, buildTable } from '../../src/classify/table.js';
import { scoreMention } from '../../src/index.js';
import { MODEL } from '../../src/lexicons/generated/model.js';
import { analyzeText } from '../../src/text/index.js';

// Our own example texts (not from any data set): known words, misspellings, hashtags, names.
const TEXTS = [
  'My parcel still hasnt arrived after 5 days, absolutly ridiculous #neveragain',
  'Thanks @ShopCo, the replacment headphones work perfectly',
  'Mijn pakket is na vijf dagen nog steeds niet bezorgd, waardeloos #nooitmeer',
  'Supersnel geholpen door Janneke van de klantenservise, toppie!',
];

function pairsOf(b64: string): number[] {
  const b = Buffer.from(b64, 'base64');
  const out: number[] = [];
  for (let i = 0; i + 1 < b.length; i += 2) out.push(b.readUInt16LE(i));
  return out;
}

describe('fused model', () => {
  it('ships character 4-grams', () => {
    expect(MODEL.en.grams).toBeGreaterThan(0);
    expect(MODEL.nl.grams).toBe(MODEL.en.grams);
  });

  it.each(TEXTS)('precomputed 4-gram rows equal hashing every 4-gram: %s', (text) => {
    const a = analyzeText(text);
    const m = modelFor(a.language);
    const lang = m.table.lang;
    const data = MODEL[lang];
    applyAll(m, extractFeatures(a.tokens, m.table, { fresh: true }));
    const fast = Array.from(WORDS);
    // The training-time table: no precomputed rows, every 4-gram hashed per occurrence.
    const slowTable = buildTable(lang, data.vocab.split('\n'), pairsOf(data.bigrams), data.grams ?? 0, false);
    const slow = extractFeatures(a.tokens, slowTable, { fresh: true });
    expect(slow.ids.length).toBeGreaterThan(extractFeatures(a.tokens, m.table, { fresh: true }).ids.length);
    const sums = new Array<number>(OUTPUTS).fill(0);
    for (const id of slow.ids) {
      for (let c = 0; c < OUTPUTS; c++) sums[c] = (sums[c] as number) + (m.fused.sparse[id * OUTPUTS + c] as number);
    }
    const expected = sums.map((x, c) => x * (m.fused.scale[c] as number));
    for (let c = 0; c < OUTPUTS; c++) expect(fast[c]).toBeCloseTo(expected[c] as number, 9);
    // Sentiment columns really read the 4-grams (a non-zero contribution exists).
    expect(expected.slice(0, 3).some((x) => x !== 0)).toBe(true);
  });
});

describe('fused rows built on first use', () => {
  it.each(['en', 'nl'] as const)('%s: none at decoding; each, once built, is the sum it stands for', (lang) => {
    const m = decodeLanguage(lang, MODEL[lang]);
    const t = m.table;
    const s = m.fused.sparse;
    const nFeat = t.gramBase + t.grams;
    const row = (id: number) => Array.from(s.subarray(id * OUTPUTS, (id + 1) * OUTPUTS));
    const lazy = [...t.words.values()].filter((i) => i.gramId >= 0);
    expect(lazy.length).toBe(t.gramWords.length);
    expect(lazy.every((i) => i.rows === 0)).toBe(true);
    expect(s.subarray(nFeat * OUTPUTS).every((v) => v === 0)).toBe(true);
    for (const i of lazy) t.buildRows?.(i);
    expect(lazy.every((i) => i.rows === 1)).toBe(true);
    const ids: number[] = [];
    for (const [w, i] of t.words) {
      if (i.gramId < 0) continue;
      const sum = new Array<number>(OUTPUTS).fill(0);
      ids.length = 0;
      addGrams(w, t.gramBase, t.grams, ids);
      for (const id of ids) {
        const r = row(id);
        for (let c = 0; c < OUTPUTS; c++) sum[c] = (sum[c] as number) + (r[c] as number);
      }
      expect(row(i.gramId)).toEqual(sum);
      if (i.comboId >= 0) expect(row(i.comboId)).toEqual(row(i.id).map((v, c) => v + (sum[c] as number)));
    }
  });
});

describe('useModel (evaluation only)', () => {
  afterEach(() => useModel(undefined));

  it('scores with another model and restores the shipped one', () => {
    const text = '@shop my order never arrived and nobody answers my emails';
    expect(scoreMention(text).complaint.isComplaint).toBe(true);
    useModel({ ...MODEL, complaintThreshold: 0.999 });
    expect(scoreMention(text).complaint.isComplaint).toBe(false);
    useModel(undefined);
    expect(scoreMention(text).complaint.isComplaint).toBe(true);
  });

  it('refuses a model trained on other features', () => {
    expect(() => useModel({ ...MODEL, dense: MODEL.dense.slice(1) })).toThrow(/does not match/);
  });
});
