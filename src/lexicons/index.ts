/**
 * Lexicon access: one Map per language, built once, extended per scorer with `extraWords`.
 * @module
 */
import type { ExtraWords } from '../config.js';
import type { Language } from '../types.js';
import { AFINN_EN } from './generated/afinn-en.js';
import { PATTERN_NL } from './generated/pattern-nl.js';

const BASE: Record<'nl' | 'en', Map<string, number>> = {
  en: new Map(Object.entries(AFINN_EN)),
  nl: new Map(Object.entries(PATTERN_NL)),
};

const extended = new WeakMap<ExtraWords, Record<'nl' | 'en', Map<string, number>>>();

/** The valence lexicon (-5..5) for a language, with a scorer's extra words merged in. */
export function lexiconFor(language: Language, extra: ExtraWords): Map<string, number> {
  const lang = language === 'nl' ? 'nl' : 'en';
  if (extra.nl === undefined && extra.en === undefined) return BASE[lang];
  let maps = extended.get(extra);
  if (maps === undefined) {
    maps = {
      en: new Map([...BASE.en, ...Object.entries(extra.en ?? {})]),
      nl: new Map([...BASE.nl, ...Object.entries(extra.nl ?? {})]),
    };
    extended.set(extra, maps);
  }
  return maps[lang];
}
