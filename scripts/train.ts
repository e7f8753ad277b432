/**
 * Trains webcare's linear heads and writes src/lexicons/generated/model.ts (weights only, never
 * texts). Features come from src/classify/features.ts, the same code that scores mentions.
 *
 *   npx tsx scripts/train.ts --data ../shared/eval
 *
 * Training uses the fixed internal train split (scripts/lib/data.ts: sha1 of the id), so the
 * validation split stays unseen and `npm run eval` can report it honestly.
 * Heads: sentiment (en: tweeteval + airline; nl: political tweets + bol.com reviews), complaint
 * and severity (complaints-en), category (airline negative reasons). Dutch has no complaint,
 * severity or category labels, so its heads are trained on the English data with the dense,
 * language-independent features only (concept cues, valence, structure) and applied to Dutch
 * through the Dutch cue lists.
 */
import { writeFileSync } from 'node:fs';
import { DENSE_FEATURES, DENSE_SIZE, type Features, S, extractFeatures } from '../src/classify/features.js';
import type { HeadData, LanguageModelData, ModelData } from '../src/classify/model.js';
import { BIGRAM_BASE, PSEUDO, buildTable } from '../src/classify/table.js';
import { analyzeText } from '../src/text/index.js';
import { AIRLINE_REASON, type Item, isValidation, readDataset } from './lib/data.js';
import { type Example, type LinearModel, outputs, softmax, trainLinear } from './lib/linear.js';
import { classification, spearman } from './lib/metrics.js';

const args = process.argv.slice(2);
const dataDir = args[args.indexOf('--data') + 1];
if (!args.includes('--data') || dataDir === undefined) {
  console.error('usage: tsx scripts/train.ts --data <dir with <dataset>.dev.jsonl>');
  process.exit(2);
}
const num = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const MIN_DF = num('--min-df', 4);
const MIN_BIGRAM_DF = num('--min-bigram-df', 6);
const PRUNE = 4;

const validation: Record<string, Item[]> = {};
function load(name: string): Item[] {
  const items = readDataset(dataDir as string, name, 'dev');
  if (items === undefined) throw new Error(`missing ${name}.dev.jsonl in ${dataDir}`);
  validation[name] = items.filter((x) => isValidation(x.id));
  return items.filter((x) => !isValidation(x.id));
}

const sets = {
  complaints: load('complaints-en'),
  tweeteval: load('tweeteval-sentiment-test-en'),
  airline: load('airline-sentiment-en'),
  political: load('political-tweets-nl'),
  bolcom: load('pattern-bolcom-nl'),
};
const byLang = {
  en: [...sets.complaints, ...sets.tweeteval, ...sets.airline],
  nl: [...sets.political, ...sets.bolcom],
};
const tokensOf = new Map<Item, ReturnType<typeof analyzeText>['tokens']>();
for (const list of Object.values(byLang)) for (const it of list) tokensOf.set(it, analyzeText(it.text, it.lang).tokens);

function vocabulary(items: Item[]): string[] {
  const df = new Map<string, number>();
  for (const it of items) {
    const seen = new Set<string>();
    for (const t of tokensOf.get(it) ?? []) {
      if (t.kind === 'word' || t.kind === 'hashtag' || t.kind === 'emoji' || t.kind === 'emoticon') seen.add(t.norm);
    }
    for (const w of seen) df.set(w, (df.get(w) ?? 0) + 1);
  }
  // The most frequent words first, capped so every id fits a bigram key (BIGRAM_BASE).
  const words = [...df]
    .filter(([, n]) => n >= MIN_DF)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, BIGRAM_BASE - Object.keys(PSEUDO).length)
    .map(([w]) => w);
  return [...Object.values(PSEUDO), ...words];
}

interface Prepared {
  vocab: string[];
  pairs: number[];
  feats: Map<Item, Features>;
  nFeat: number;
}

function prepare(lang: 'en' | 'nl'): Prepared {
  const items = byLang[lang];
  const vocab = vocabulary(items);
  const t1 = buildTable(lang, vocab, []);
  const pairDf = new Map<number, number>();
  for (const it of items) {
    const pairs: number[] = [];
    extractFeatures(tokensOf.get(it) ?? [], t1, { pairs });
    const seen = new Set<number>();
    for (let k = 0; k < pairs.length; k += 2) seen.add((pairs[k] as number) * 65536 + (pairs[k + 1] as number));
    for (const p of seen) pairDf.set(p, (pairDf.get(p) ?? 0) + 1);
  }
  const pairs: number[] = [];
  for (const [p, n] of pairDf) if (n >= MIN_BIGRAM_DF) pairs.push(Math.floor(p / 65536), p % 65536);
  const table = buildTable(lang, vocab, pairs);
  const feats = new Map<Item, Features>();
  for (const it of items) feats.set(it, extractFeatures(tokensOf.get(it) ?? [], table, { fresh: true }));
  for (const list of Object.values(validation)) {
    for (const it of list)
      if (it.lang === lang)
        feats.set(it, extractFeatures(analyzeText(it.text, it.lang).tokens, table, { fresh: true }));
  }
  return { vocab, pairs, feats, nFeat: vocab.length + pairs.length / 2 };
}

function balanced(ys: number[], k: number, power = 0.5): number[] {
  const n = new Array<number>(k).fill(0);
  for (const y of ys) n[y] = (n[y] as number) + 1;
  return ys.map((y) => (ys.length / (k * Math.max(1, n[y] as number))) ** power);
}

function examples(
  p: Prepared,
  items: Item[],
  label: (it: Item) => number | undefined,
  k: number,
  power = 0.5,
): Example[] {
  const chosen = items.filter((it) => label(it) !== undefined);
  const ys = chosen.map((it) => label(it) as number);
  const ws = k > 1 ? balanced(ys, k, power) : ys.map(() => 1);
  return chosen.map((it, i) => {
    const f = p.feats.get(it) as Features;
    return { dense: f.dense, ids: f.ids, y: ys[i] as number, w: ws[i] as number };
  });
}

const SENT = ['negative', 'neutral', 'positive'];
const CATS = ['customer_service', 'disruption', 'delivery', 'product', 'booking'];
const sentLabel = (it: Item) => (it.sentiment === undefined ? undefined : SENT.indexOf(it.sentiment));

function encodeHead(m: LinearModel | undefined, classes: string[], keep: number[] | undefined): HeadData {
  if (m === undefined) return { classes, dense: [], sparse: '', scale: 0 };
  const dense = Array.from(m.dense, (x) => Math.round(x * 1e4) / 1e4);
  if (m.sparse.length === 0 || keep === undefined) return { classes, dense, sparse: '', scale: 0 };
  let max = 0;
  for (const x of m.sparse) max = Math.max(max, Math.abs(x));
  const scale = max / 127;
  const k = m.k;
  const out = new Int8Array(keep.length * k);
  keep.forEach((old, i) => {
    for (let c = 0; c < k; c++) out[i * k + c] = Math.round((m.sparse[old * k + c] as number) / scale);
  });
  return { classes, dense, sparse: Buffer.from(out.buffer).toString('base64'), scale: Number(scale.toPrecision(6)) };
}

/** Keep the features some head gives a weight that survives int8 quantisation. */
function prune(p: Prepared, heads: LinearModel[]): { keep: number[]; vocab: string[]; pairs: number[] } {
  const nU = p.vocab.length;
  const alive = new Uint8Array(p.nFeat);
  for (const m of heads) {
    let max = 0;
    for (const x of m.sparse) max = Math.max(max, Math.abs(x));
    // A weight that quantises to less than PRUNE/127 of the largest barely moves a score:
    // dropping it keeps the shipped model (and the import time) small.
    for (let id = 0; id < p.nFeat; id++) {
      for (let c = 0; c < m.k; c++)
        if (Math.abs(m.sparse[id * m.k + c] as number) >= (PRUNE * max) / 127) alive[id] = 1;
    }
  }
  for (const id of Object.values(PSEUDO).map((_, i) => i)) alive[id] = 1;
  const keptPairs: number[] = [];
  for (let b = 0; b < p.pairs.length / 2; b++) {
    if (alive[nU + b] === 1) {
      alive[p.pairs[2 * b] as number] = 1;
      alive[p.pairs[2 * b + 1] as number] = 1;
      keptPairs.push(b);
    }
  }
  const newId = new Map<number, number>();
  const vocab: string[] = [];
  const keep: number[] = [];
  for (let id = 0; id < nU; id++) {
    if (alive[id] !== 1) continue;
    newId.set(id, vocab.length);
    vocab.push(p.vocab[id] as string);
    keep.push(id);
  }
  const pairs: number[] = [];
  for (const b of keptPairs) {
    pairs.push(newId.get(p.pairs[2 * b] as number) as number, newId.get(p.pairs[2 * b + 1] as number) as number);
    keep.push(nU + b);
  }
  return { keep, vocab, pairs };
}

function languageData(p: Prepared, heads: Record<string, LinearModel | undefined>): LanguageModelData {
  const sparseHeads = Object.values(heads).filter((m): m is LinearModel => m !== undefined && m.sparse.length > 0);
  const { keep, vocab, pairs } = prune(p, sparseHeads);
  const pairBuf = Buffer.from(new Uint16Array(pairs).buffer).toString('base64');
  return {
    vocab: vocab.join('\n'),
    bigrams: pairBuf,
    heads: {
      sentiment: encodeHead(heads.sentiment, SENT, keep),
      complaint: encodeHead(heads.complaint, ['complaint'], keep),
      severity: encodeHead(heads.severity, ['level'], keep),
      category: encodeHead(heads.category, CATS, keep),
    },
  };
}

const t0 = performance.now();
const en = prepare('en');
const nl = prepare('nl');
console.log(
  `vocabulary: en ${en.vocab.length} words + ${en.pairs.length / 2} bigrams, nl ${nl.vocab.length} + ${nl.pairs.length / 2}`,
);

const EPOCHS = num('--epochs', 5);
const L2 = num('--l2', 3e-4);
const LR = num('--lr', 0.05);
const base = { denseSize: DENSE_SIZE, epochs: EPOCHS, lr: LR };
const full = (p: Prepared, loss: 'softmax' | 'logistic' | 'squared', k: number, l2 = L2) =>
  ({ ...base, loss, k, sparseSize: p.nFeat, l2 }) as const;
const denseOnly = (loss: 'softmax' | 'logistic' | 'squared', k: number) =>
  ({ ...base, epochs: 20, loss, k, sparseSize: 0 }) as const;
const withoutWords = (xs: Example[], w: number): Example[] => xs.map((x) => ({ ...x, ids: [], w: x.w * w }));

const AIRLINE_W = num('--airline-w', 1);
const enSent = trainLinear(
  [
    ...examples(en, sets.tweeteval, sentLabel, 3, num('--class-power', 0.5)),
    ...examples(en, sets.airline, sentLabel, 3, num('--class-power', 0.5)).map((x) => ({ ...x, w: x.w * AIRLINE_W })),
  ],
  full(en, 'softmax', 3),
);
// Dutch sentiment: the Dutch items with their words, plus the English items with their dense
// (language-independent) features only, so valence, emoji and complaint concepts get weights
// from far more data than the two small Dutch sets hold.
const NL_TRANSFER = num('--nl-transfer', 0.3);
const nlSent = trainLinear(
  [
    ...examples(nl, byLang.nl, sentLabel, 3),
    ...withoutWords(examples(en, [...sets.tweeteval, ...sets.airline], sentLabel, 3), NL_TRANSFER),
  ],
  full(nl, 'softmax', 3),
);
const catLabel = (it: Item) => {
  const c = it.negative_reason === undefined ? undefined : AIRLINE_REASON[it.negative_reason];
  return c === undefined ? undefined : CATS.indexOf(c);
};
// Stacking: every item gets the sentiment probabilities of its language's head as two dense
// features, as at scoring time (the sentiment stage runs first).
const zs = new Float64Array(3);
for (const [p, m] of [
  [en, enSent],
  [nl, nlSent],
] as const) {
  for (const f of p.feats.values()) {
    outputs(m, f, zs);
    softmax(zs);
    f.dense[S.sentNeg] = zs[0] as number;
    f.dense[S.sentPos] = zs[2] as number;
  }
}
const complaintLabel = (it: Item) => (it.complaint === undefined ? undefined : it.complaint ? 1 : 0);
// Airline tweets as weak complaint labels: a negative tweet with a stated reason is a
// complaint about it, a positive one is not (neutral ones are left out: many are questions
// about a problem). Down-weighted: the labels are weaker than the complaint corpus's own.
const AIRLINE_WEAK = num('--airline-weak', 0);
const airlineComplaint = (it: Item) =>
  it.sentiment === 'positive' ? 0 : it.sentiment === 'negative' && catLabel(it) !== undefined ? 1 : undefined;
const weak =
  AIRLINE_WEAK > 0 ? examples(en, sets.airline, airlineComplaint, 1).map((x) => ({ ...x, w: AIRLINE_WEAK })) : [];
const enComplaint = trainLinear([...examples(en, sets.complaints, complaintLabel, 1), ...weak], {
  ...full(en, 'logistic', 1),
  epochs: num('--epochs-complaint', 10),
});
const nlComplaint = trainLinear(examples(en, sets.complaints, complaintLabel, 1), denseOnly('logistic', 1));
const sevLabel = (it: Item) =>
  it.complaint === true && typeof it.severity_level === 'number' ? it.severity_level : undefined;
const enSeverity = trainLinear(examples(en, sets.complaints, sevLabel, 1), {
  ...full(en, 'squared', 1, num('--l2-severity', 1e-3)),
  lr: 0.02,
});
const nlSeverity = trainLinear(examples(en, sets.complaints, sevLabel, 1), { ...denseOnly('squared', 1), lr: 0.02 });
const enCategory = trainLinear(examples(en, sets.airline, catLabel, 5), full(en, 'softmax', 5));
const nlCategory = trainLinear(examples(en, sets.airline, catLabel, 5), denseOnly('softmax', 5));

// Validation figures of each head on the internal validation split (never trained on).
function validate(): void {
  const z = new Float64Array(5);
  const argmax = (k: number) => {
    let b = 0;
    for (let c = 1; c < k; c++) if ((z[c] as number) > (z[b] as number)) b = c;
    return b;
  };
  const feat = (p: Prepared, it: Item) => p.feats.get(it) as Features;
  const report: string[] = [];
  const sentSets: [string, Prepared, LinearModel][] = [
    ['tweeteval-sentiment-test-en', en, enSent],
    ['airline-sentiment-en', en, enSent],
    ['political-tweets-nl', nl, nlSent],
    ['pattern-bolcom-nl', nl, nlSent],
  ];
  for (const [name, p, m] of sentSets) {
    const items = validation[name] ?? [];
    const binary = name === 'pattern-bolcom-nl';
    const pred = items.map((it) => {
      outputs(m, feat(p, it), z);
      if (binary) return (z[2] as number) >= (z[0] as number) ? 'positive' : 'negative';
      return SENT[argmax(3)] as string;
    });
    const r = classification(
      items.map((it) => it.sentiment as string),
      pred,
      binary ? ['negative', 'positive'] : SENT,
    );
    report.push(`${name}: ${binary ? `acc ${r.accuracy.toFixed(3)}` : `macro-F1 ${r.macroF1.toFixed(3)}`}`);
  }
  const comp = validation['complaints-en'] ?? [];
  for (const [label, m] of [
    ['en', enComplaint],
    ['concepts-only', nlComplaint],
  ] as const) {
    const pred = comp.map((it) => {
      outputs(m, feat(en, it), z);
      return (z[0] as number) >= 0 ? 'c' : 'n';
    });
    const r = classification(
      comp.map((it) => (it.complaint ? 'c' : 'n')),
      pred,
      ['c', 'n'],
    );
    report.push(`complaint (${label}): macro-F1 ${r.macroF1.toFixed(3)}`);
  }
  for (const t of [-0.4, -0.2, 0.2, 0.4]) {
    const pred = comp.map((it) => {
      outputs(enComplaint, feat(en, it), z);
      return (z[0] as number) >= t ? 'c' : 'n';
    });
    const r = classification(
      comp.map((it) => (it.complaint ? 'c' : 'n')),
      pred,
      ['c', 'n'],
    );
    report.push(`complaint (en, logit >= ${t}): macro-F1 ${r.macroF1.toFixed(3)}`);
  }
  const sev = comp.filter((it) => it.complaint === true && typeof it.severity_level === 'number');
  for (const [label, m] of [
    ['en', enSeverity],
    ['concepts-only', nlSeverity],
  ] as const) {
    const vals = sev.map((it) => {
      outputs(m, feat(en, it), z);
      return z[0] as number;
    });
    report.push(
      `severity (${label}) Spearman on complaints: ${spearman(
        sev.map((it) => it.severity_level as number),
        vals,
      ).toFixed(3)}`,
    );
  }
  const cat = (validation['airline-sentiment-en'] ?? []).filter((it) => catLabel(it) !== undefined);
  for (const [label, m] of [
    ['en', enCategory],
    ['concepts-only', nlCategory],
  ] as const) {
    const pred = cat.map((it) => {
      outputs(m, feat(en, it), z);
      return CATS[argmax(5)] as string;
    });
    const r = classification(
      cat.map((it) => CATS[catLabel(it) as number] as string),
      pred,
      CATS,
    );
    report.push(`category (${label}): macro-F1 ${r.macroF1.toFixed(3)}`);
  }
  console.log(`validation (heads alone):\n  ${report.join('\n  ')}`);
}
validate();

// Severity cut points: the predicted-value quantiles that reproduce the training distribution
// of levels 1-4 among complaints.
const sevItems = sets.complaints.filter((it) => sevLabel(it) !== undefined);
const out = new Float64Array(1);
const preds = sevItems
  .map((it) => {
    const f = en.feats.get(it) as Features;
    outputs(enSeverity, f, out);
    return out[0] as number;
  })
  .sort((a, b) => a - b);
const counts = [1, 2, 3, 4].map((l) => sevItems.filter((it) => it.severity_level === l).length);
const cuts: number[] = [];
let acc = 0;
for (let l = 0; l < 3; l++) {
  acc += counts[l] as number;
  cuts.push(
    Number(
      (preds[Math.min(preds.length - 1, Math.floor((acc / sevItems.length) * preds.length))] as number).toFixed(4),
    ),
  );
}

const model: ModelData = {
  dense: DENSE_FEATURES,
  complaintThreshold: 0.5,
  severityCuts: cuts,
  en: languageData(en, { sentiment: enSent, complaint: enComplaint, severity: enSeverity, category: enCategory }),
  nl: languageData(nl, { sentiment: nlSent, complaint: nlComplaint, severity: nlSeverity, category: nlCategory }),
};
// The Dutch complaint/severity/category heads are dense-only; their weights came from English
// features, which the Dutch cue lists reproduce.
const body = JSON.stringify(model);
if (args.includes('--dry')) process.exit(0);
writeFileSync(
  new URL('../src/lexicons/generated/model.ts', import.meta.url),
  `// generated by scripts/train.ts, do not edit.\n// Weights learned on the train split of the public evaluation sets (see docs/accuracy.md);\n// vocabulary entries are single words and word pairs seen in at least ${MIN_DF} (pairs ${MIN_BIGRAM_DF}) items, never texts.\nimport type { ModelData } from '../../classify/model.js';\n\nexport const MODEL: ModelData = ${body};\n`,
);
console.log(
  `wrote model.ts (${(body.length / 1024).toFixed(0)} KiB): en ${model.en.vocab.split('\n').length} words, nl ${model.nl.vocab.split('\n').length}; severity cuts ${cuts.join(', ')}; ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
