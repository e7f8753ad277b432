/**
 * The one feature-extraction pass of a scoring run: picks the language's model, reads the
 * scorer's brand terms and extra words, and extracts the features every classify stage reads.
 * @module
 */
import type { ExtraWords } from '../config.js';
import type { ScoreContext } from '../context.js';
import * as features_ from './features.js';
import type { FeatureContext, Features } from './features.js';
import * as lexicon_ from '../text/lexicon.js';
import * as model_ from './model.js';
import type { LanguageModel } from './model.js';

// Local copies: a CommonJS transpile (tsx, ts-node) turns imported bindings into getters.
const applyAll = model_.applyAll;
const modelFor = model_.modelFor;
const extractFeatures = features_.extractFeatures;
const lookupTokens = lexicon_.lookupTokens;
const registeredTables = model_.registeredTables;

/** Features plus the language model they were extracted with. */
export interface MentionFeatures extends Features {
  model: LanguageModel;
}

/** Reused options object: scoring is synchronous, so one per module is enough. */
const fc: FeatureContext = {
  brandTerms: undefined,
  addressesBrand: false,
  extra: undefined,
  model: undefined,
  entries: undefined,
};

const extraMaps = new WeakMap<ExtraWords, Partial<Record<'en' | 'nl', Map<string, number>>>>();

function extraFor(extra: ExtraWords, lang: 'en' | 'nl'): Map<string, number> | undefined {
  const words = extra[lang];
  if (words === undefined) return undefined;
  let maps = extraMaps.get(extra);
  if (maps === undefined) {
    maps = {};
    extraMaps.set(extra, maps);
  }
  let m = maps[lang];
  if (m === undefined) {
    m = new Map(Object.entries(words));
    maps[lang] = m;
  }
  return m;
}

/**
 * Extract the classifier features of a scoring context, once per mention.
 *
 * @example
 * ```ts
 * const f = mentionFeatures(ctx);
 * f.lang; // 'nl'
 * ```
 */
export function mentionFeatures(ctx: ScoreContext): MentionFeatures {
  const model = modelFor(ctx.analysis.language);
  const lang = model.table.lang;
  fc.brandTerms = ctx.config.brandTerms.size > 0 ? ctx.config.brandTerms : undefined;
  fc.addressesBrand = ctx.mention.addressesBrand === true;
  fc.extra = extraFor(ctx.config.extraWords, lang);
  fc.model = model;
  // The first mention in a language decodes its model, which adds the table's words to the
  // lexicon after this run's tokens were looked up: look them up again then.
  if (ctx.entriesVersion !== lexicon_.lexiconVersion) {
    lookupTokens(ctx.analysis.tokens, ctx.entries);
    ctx.entriesVersion = lexicon_.lexiconVersion;
  }
  fc.entries = registeredTables[lang] === model.table ? ctx.entries : undefined;
  const f = extractFeatures(ctx.analysis.tokens, model.table, fc) as MentionFeatures;
  // Every head in one pass; the stages read OUT.
  applyAll(model, f);
  return f;
}
