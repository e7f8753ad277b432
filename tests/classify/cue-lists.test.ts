import { describe, expect, it } from 'vitest';
import { CONCEPTS, NUMBER_WORDS, REPEAT_WORDS, ROLES } from '../../src/lexicons/cues.js';
import { tokenize } from '../../src/text/index.js';

// The word tables match a cue against token norms (lower-cased, letter runs of three or more
// cut to two, "#" and "@" dropped), so a cue written any other way can never fire: "xxx" is
// read as "xx", "sooo" as "soo".
describe('classifier cue lists', () => {
  const lists: [string, { en: readonly string[]; nl: readonly string[] }][] = [
    ...Object.entries(CONCEPTS),
    ...Object.entries(ROLES),
    ['number words', NUMBER_WORDS],
    ['repeat words', REPEAT_WORDS],
  ];
  it('are written as the tokenizer reads them, so every cue can fire', () => {
    const dead: string[] = [];
    for (const [name, list] of lists) {
      for (const lang of ['en', 'nl'] as const) {
        for (const cue of list[lang]) {
          const read = tokenize(cue)
            .map((t) => t.norm)
            .join(' ');
          if (read !== cue) dead.push(`${name} (${lang}): "${cue}" is read as "${read}"`);
        }
      }
    }
    expect(dead).toEqual([]);
  });

  it('catch a stretched intensifier in both languages', () => {
    expect(ROLES.intensifier.en).toContain(tokenize('soooo')[0]?.norm);
    expect(ROLES.intensifier.nl).toContain(tokenize('zoooo')[0]?.norm);
  });
});
