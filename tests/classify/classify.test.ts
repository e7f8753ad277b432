import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DENSE_FEATURES, S, extractFeatures } from '../../src/classify/features.js';
import { modelFor } from '../../src/classify/model.js';
import { CONCEPT_NAMES } from '../../src/classify/table.js';
import { MODEL } from '../../src/lexicons/generated/model.js';
import { scoreMention } from '../../src/index.js';
import { analyzeText } from '../../src/text/index.js';
import { CATEGORIES, SEVERITY_LEVELS } from '../../src/types.js';

const sentiment = (t: string) => scoreMention(t).sentiment;
const features = (t: string) => {
  const a = analyzeText(t);
  return extractFeatures(a.tokens, modelFor(a.language).table, { fresh: true });
};
const concept = (t: string, name: (typeof CONCEPT_NAMES)[number]) =>
  features(t).concepts[CONCEPT_NAMES.indexOf(name)] ?? 0;

describe('the trained model matches the feature extractor', () => {
  it('was trained on exactly the dense features the code extracts', () => {
    expect(MODEL.dense).toEqual(DENSE_FEATURES);
  });
});

describe('sentiment', () => {
  it('labels clear Dutch and English praise and anger', () => {
    expect(sentiment('Wat een top service, echt super geholpen!').label).toBe('positive');
    expect(sentiment('Waardeloze klantenservice, ik ben er helemaal klaar mee').label).toBe('negative');
    expect(sentiment('Thank you so much, the new phone is amazing!').label).toBe('positive');
    expect(sentiment('Worst airline ever, rude staff and a filthy cabin').label).toBe('negative');
  });

  it('flips negated words: "niet slecht" and "not bad" score above "slecht" and "bad"', () => {
    expect(sentiment('Het eten was niet slecht').score).toBeGreaterThan(sentiment('Het eten was slecht').score);
    expect(sentiment('The food was not bad').score).toBeGreaterThan(sentiment('The food was bad').score);
    expect(sentiment('De monteur was niet vriendelijk').score).toBeLessThan(
      sentiment('De monteur was vriendelijk').score,
    );
    expect(features('niet slecht').dense[S.negatedNeg]).toBe(1);
  });

  it('weighs the clause after "maar"/"but" more', () => {
    const a = sentiment('De kamer was smerig maar het personeel was heel vriendelijk').score;
    const b = sentiment('Het personeel was heel vriendelijk maar de kamer was smerig').score;
    expect(a).toBeGreaterThan(b);
    const c = sentiment('The screen is great but the battery is terrible').score;
    const d = sentiment('The battery is terrible but the screen is great').score;
    expect(d).toBeGreaterThan(c);
  });

  it('reads emoji and emoticons', () => {
    expect(sentiment('Nieuwe telefoon binnen 😍').score).toBeGreaterThan(sentiment('Nieuwe telefoon binnen 😡').score);
    expect(sentiment('new phone arrived :)').score).toBeGreaterThan(sentiment('new phone arrived :(').score);
    expect(features('top 👍').dense[S.emoPos]).toBeGreaterThan(0);
  });

  it('boosts intensified, shouted and stretched words', () => {
    expect(features('echt slecht').dense[S.neg]).toBeGreaterThan(features('slecht').dense[S.neg] as number);
    expect(features('this is BAD').dense[S.neg]).toBeGreaterThan(features('this is bad').dense[S.neg] as number);
    expect(features('sooo goood').dense[S.elongated]).toBe(2);
  });

  it('splits hashtags into words: #nooitweer, #WorstServiceEver', () => {
    // #nooitweer is in no list: it is split into "nooit weer", which is a leave cue.
    expect(concept('Al weken storing bij jullie #nooitweer', 'leave')).toBe(1);
    expect(features('Al weken storing bij jullie #nooitweer').words).toBe(7);
    expect(concept('lost my bag again #EpicFail', 'disappoint')).toBeGreaterThan(0);
    // CamelCase: #WorstServiceEver → worst service ever.
    expect(features('#WorstServiceEver').words).toBe(3);
    expect(concept('#WorstServiceEver', 'disappoint')).toBe(1);
  });
});

describe('complaint', () => {
  it('detects complaints without negative words (a breach of expectation)', () => {
    expect(scoreMention('@shop my order never arrived').complaint.isComplaint).toBe(true);
    expect(scoreMention('@KPN al 3 dagen storing en niemand neemt op').complaint.isComplaint).toBe(true);
    expect(
      scoreMention('@PostNL mijn pakket is nog steeds niet bezorgd, al een week wachten').complaint.isComplaint,
    ).toBe(true);
  });

  it('does not call praise or a plain question a complaint', () => {
    expect(scoreMention('Thanks @brand, great help today!').complaint.isComplaint).toBe(false);
    expect(scoreMention('Dank jullie wel, top geholpen vandaag!').complaint.isComplaint).toBe(false);
    expect(scoreMention('Hoe laat gaat de winkel zaterdag open?').complaint.isComplaint).toBe(false);
  });

  it('recognises time-since, repeated attempts and refund demands in both languages', () => {
    expect(features('al 3 dagen geen internet').dense[S.timeSpan]).toBe(1);
    expect(features('waiting for two weeks now').dense[S.timeSpan]).toBe(1);
    expect(features('al 4 keer gebeld').dense[S.repeat]).toBe(1);
    expect(concept('I want my money back', 'refund')).toBeGreaterThan(0);
    expect(concept('Ik wil mijn geld terug', 'refund')).toBeGreaterThan(0);
    expect(concept('I want to order a pizza', 'refund')).toBe(0);
    expect(features('internet werkt niet').dense[S.negatedFunction]).toBeGreaterThan(0);
    expect(features('it still does not work').dense[S.negatedFunction]).toBeGreaterThan(0);
  });

  it('probability rises with complaint evidence', () => {
    const mild = scoreMention('@bank is the app down?').complaint.probability;
    const strong = scoreMention('@bank app down again for 3 days, called 4 times, nobody helps. I want a refund!')
      .complaint.probability;
    expect(strong).toBeGreaterThan(mild);
  });
});

describe('severity', () => {
  it('orders reproach: an accusation of fraud is more severe than a late parcel', () => {
    const level = (t: string) => SEVERITY_LEVELS.indexOf(scoreMention(t).complaint.severity);
    const mild = level('@shop my parcel is a day late, any update?');
    const fraud = level('@bank you stole my money, you are scammers and liars, this is fraud');
    const oplichters = level('@webshop jullie zijn oplichters, geld afgeschreven en nooit geleverd. Dieven!');
    expect(fraud).toBeGreaterThanOrEqual(3);
    expect(oplichters).toBeGreaterThanOrEqual(3);
    expect(fraud).toBeGreaterThan(mild);
  });

  it('is none exactly when the mention is not a complaint', () => {
    const a = scoreMention('Lovely weather today');
    expect(a.complaint.isComplaint).toBe(false);
    expect(a.complaint.severity).toBe('none');
  });
});

describe('categories', () => {
  it('ranks the topic first, in both languages', () => {
    expect(scoreMention('@PostNL mijn pakket is nog steeds niet bezorgd').complaint.categories[0]).toBe('delivery');
    expect(scoreMention('@united my flight was cancelled and I missed my connection').complaint.categories[0]).toBe(
      'disruption',
    );
    expect(
      scoreMention('@Ziggo dubbel afgeschreven, de factuur klopt niet en ik wil mijn geld terug').complaint.categories,
    ).toContain('billing');
    expect(scoreMention('@bank datalek?? mijn persoonsgegevens zijn gelekt').complaint.categories).toContain('privacy');
  });
});

describe('intent', () => {
  it('tells questions, suggestions, praise, complaints and spam apart', () => {
    expect(scoreMention('Hoe laat gaat de winkel open?').intent).toBe('question');
    expect(scoreMention('Can I change the date of my booking online?').intent).toBe('question');
    expect(scoreMention('Zou fijn zijn als jullie app een donkere modus kreeg').intent).toBe('suggestion');
    expect(scoreMention('You should add a dark mode to the app, that would be great').intent).toBe('suggestion');
    expect(scoreMention('Dank jullie wel, super snel geholpen!').intent).toBe('praise');
    expect(scoreMention('@KPN al 3 dagen storing, nog steeds niet opgelost!!').intent).toBe('complaint');
    expect(scoreMention('Need a loan at low interest? Contact Mr Frank on WhatsApp now').intent).toBe('spam');
  });
});

describe('spam', () => {
  it('catches loan and crypto scams, follow-for-follow and link farms in both languages', () => {
    expect(scoreMention('Need a loan? Contact Mr Frank on WhatsApp +1 555 0100').isSpam).toBe(true);
    expect(scoreMention('Snel geld lenen zonder BKR? Stuur een bericht via WhatsApp, lage rente').isSpam).toBe(true);
    expect(scoreMention('Earn daily profit with bitcoin trading, contact me on telegram').isSpam).toBe(true);
    expect(scoreMention('Follow me and I follow back #f4f #followback #teamfollowback').isSpam).toBe(true);
    expect(scoreMention('deals http://a.example http://b.example http://c.example http://d.example').isSpam).toBe(true);
  });

  it('leaves customers alone who mention money, apps or DMs', () => {
    expect(scoreMention('@bank please DM me, my card was charged twice').isSpam).toBe(false);
    expect(scoreMention('Mijn bitcoin wallet app crasht steeds na de update').isSpam).toBe(false);
    expect(scoreMention('@shop where is my refund? see https://example.com/order').isSpam).toBe(false);
  });

  it('does not read kisses as a promotion cue ("xx", "xxx" are cut to "xx")', () => {
    expect(concept('thanks for sorting my order so fast xx', 'spamPromo')).toBe(0);
    expect(concept('love you guys xxx', 'spamPromo')).toBe(0);
    expect(concept('free giveaway, click the link', 'spamPromo')).toBeGreaterThan(0);
  });
});

describe('reasons', () => {
  it('explains every decision with stable rule codes', () => {
    const a = scoreMention('@KPN al 3 dagen storing en niemand neemt op. Nooit meer!');
    const codes = a.reasons.map((r) => r.code);
    expect(codes.some((c) => c.startsWith('complaint-'))).toBe(true);
    expect(codes).toContain('intent-complaint');
    expect(codes.some((c) => c.startsWith('category-'))).toBe(true);
    for (const r of a.reasons) {
      expect(Number.isFinite(r.weight)).toBe(true);
      expect(r.message.length).toBeGreaterThan(0);
    }
    // Cheap: a handful of reasons from the classifier, not one per token.
    const mine = a.reasons.filter((r) =>
      ['sentiment', 'complaint', 'severity', 'category', 'intent', 'spam'].includes(r.target ?? ''),
    );
    expect(mine.length).toBeLessThanOrEqual(10);
  });
});

describe('properties on untrusted text', () => {
  const words = [
    'niet',
    'not',
    'geen',
    'storing',
    'top',
    'super',
    'waardeloos',
    'refund',
    'scam',
    'oplichters',
    '!!!',
    '???',
    '#nooitmeer',
    '#EpicFail',
    '😡',
    '😍',
    ':)',
    'http://x.example',
    '@KPN',
    '3',
    'dagen',
    'weeks',
    'maar',
    'but',
    'WhatsApp',
    'loan',
    'f4f',
    'zou',
    'fijn',
    'zijn',
    'you',
    'should',
    'nooooo',
    'GREAT',
  ];
  const textArb = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.array(fc.constantFrom(...words), { maxLength: 40 }).map((ws) => ws.join(' ')),
  );

  it('never throws, keeps scores in range and labels consistent with scores', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const a = scoreMention(text);
        const s = a.sentiment;
        expect(s.score).toBeGreaterThanOrEqual(-1);
        expect(s.score).toBeLessThanOrEqual(1);
        if (s.label === 'positive') expect(s.score).toBeGreaterThan(0);
        if (s.label === 'negative') expect(s.score).toBeLessThan(0);
        const c = a.complaint;
        expect(c.probability).toBeGreaterThanOrEqual(0);
        expect(c.probability).toBeLessThanOrEqual(1);
        expect(c.severity === 'none').toBe(!c.isComplaint);
        expect(new Set(c.categories).size).toBe(c.categories.length);
        for (const cat of c.categories) expect(CATEGORIES).toContain(cat);
        expect(a.intent === 'spam').toBe(a.isSpam);
        if (a.isSpam) expect(c.isComplaint).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same answer twice (no state leaks between calls)', () => {
    fc.assert(
      fc.property(textArb, textArb, (x, y) => {
        const first = scoreMention(x);
        scoreMention(y);
        const again = scoreMention(x);
        expect(again.sentiment).toEqual(first.sentiment);
        expect(again.complaint).toEqual(first.complaint);
        expect(again.intent).toBe(first.intent);
      }),
      { numRuns: 200 },
    );
  });
});
