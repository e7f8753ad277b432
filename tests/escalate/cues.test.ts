import { describe, expect, it } from 'vitest';
import { CUE, CUE_NAMES, findCues } from '../../src/escalate/cues.js';
import { CUE_LISTS } from '../../src/index.js';
import { analyzeText } from '../../src/text/index.js';

describe('escalation cue lists', () => {
  it('hold only phrases the tokenizer lets match (each fires its own kind, or one listed before it)', () => {
    const dead: string[] = [];
    for (const kind of CUE_NAMES) {
      for (const lang of ['en', 'nl'] as const) {
        for (const phrase of CUE_LISTS[kind][lang]) {
          // A proper name ("^Radar") is written capitalised; anything else as listed.
          const text = phrase.startsWith('^') ? phrase.slice(1) : phrase;
          const hits = findCues(analyzeText(text).tokens, lang, new Set());
          const fired = (hits.mask & ((1 << (CUE[kind] + 1)) - 1)) !== 0;
          if (!fired) dead.push(`${kind}.${lang}: ${phrase}`);
        }
      }
    }
    expect(dead).toEqual([]);
  });
});
