/**
 * Channel failure (kanaalsturing): the customer turned to social media after other channels
 * failed. "Al 3 keer gebeld", "twee weken geen antwoord op mijn mail", "de chat zegt dat ik moet
 * bellen", "already called 3 times", "no reply to my email for two weeks", "DM'd you twice",
 * "on hold for an hour".
 *
 * One pass over the tokens the text analysis already made. A channel word alone ("bel me",
 * "mijn telefoon doet het niet") is not a failure: it needs a count near it ("3 keer", "twice",
 * "twee mails"), an "already/tried/again" next to a contact verb, or a failure phrase (no answer,
 * on hold, sent to another channel). Durations ("2 weken", "an hour") only add `waitedHours`.
 * @module
 */
import type { ScoreContext } from '../context.js';
import type { Token } from '../text/index.js';
import { type Entry, entryOf, lookupTokens } from '../text/lexicon.js';
import type { ChannelFailure } from '../types.js';

/** A channel a customer can have tried. */
export type Channel = 'phone' | 'email' | 'chat' | 'dm' | 'whatsapp' | 'store' | 'form' | 'letter' | 'other';

// Contact verbs (strong: they say the customer did it) and channel nouns (weak: "mijn mail").
const VERB = new Map<string, Channel>();
const NOUN = new Map<string, Channel>();
const add = (m: Map<string, Channel>, ch: Channel, words: string) => {
  for (const w of words.split(' ')) m.set(w, ch);
};
add(
  VERB,
  'phone',
  'gebeld opgebeld bellen belde belden bel called call calling phoned rang ringing rung teruggebeld nagebeld',
);
add(VERB, 'email', 'gemaild mailen mailde mailden emailed e-mailed mailed emailing mailing');
add(VERB, 'chat', 'gechat chatten chatte chatted chatting');
add(VERB, 'dm', "dm'd dmd dm'ed dmed messaged pm'd geappt");
add(VERB, 'whatsapp', 'gewhatsappt whatsappt whatsapped');
add(VERB, 'letter', 'geschreven wrote written');
add(VERB, 'other', 'contacted gecontacteerd');
add(NOUN, 'phone', 'telefonisch telefoontje telefoontjes calls klantenservicenummer hotline helpline callcenter');
add(NOUN, 'email', 'mail mails mailtje mailtjes email emails e-mail e-mails');
add(NOUN, 'chat', 'chat chats chatbot livechat webchat');
add(NOUN, 'dm', 'dm dms pb pm privébericht privéberichten');
add(NOUN, 'whatsapp', 'whatsapp');
add(NOUN, 'store', 'winkel filiaal balie store shop servicepunt branch');
add(NOUN, 'form', 'formulier contactformulier webformulier form');
add(NOUN, 'letter', 'brief brieven aangetekend letter');
add(NOUN, 'other', 'contact');

const NUMBER_WORDS = new Map<string, number>(
  Object.entries({
    een: 1,
    één: 1,
    eén: 1,
    twee: 2,
    drie: 3,
    vier: 4,
    vijf: 5,
    zes: 6,
    zeven: 7,
    acht: 8,
    negen: 9,
    tien: 10,
    elf: 11,
    twaalf: 12,
    twintig: 20,
    a: 1,
    an: 1,
    one: 1,
    two: 2,
    three: 3,
    four: 4,
    five: 5,
    six: 6,
    seven: 7,
    eight: 8,
    nine: 9,
    ten: 10,
    eleven: 11,
    twelve: 12,
    twenty: 20,
    // "several", "a couple": an order of magnitude, not a count.
    meerdere: 3,
    verschillende: 3,
    diverse: 3,
    talloze: 10,
    paar: 2,
    several: 3,
    multiple: 3,
    many: 5,
    countless: 10,
    couple: 2,
    few: 3,
    anderhalf: 1.5,
    half: 0.5,
  }),
);
const ORDINALS = new Map<string, number>(
  Object.entries({
    tweede: 2,
    derde: 3,
    vierde: 4,
    vijfde: 5,
    zesde: 6,
    tiende: 10,
    zoveelste: 5,
    second: 2,
    third: 3,
    fourth: 4,
    fifth: 5,
    sixth: 6,
    tenth: 10,
    umpteenth: 5,
    nth: 5,
  }),
);
const ORDINAL_SUFFIX = new Set(['e', 'de', 'ste', 'st', 'nd', 'rd', 'th']);
// Words that stand for a count on their own.
const COUNT_WORDS = new Map<string, number>(
  Object.entries({ twice: 2, thrice: 3, tweemaal: 2, driemaal: 3, viermaal: 4, vijfmaal: 5, meermaals: 3 }),
);
const TIMES = new Set(['keer', 'keren', 'maal', 'x', 'times', 'time']);

const UNIT_HOURS = new Map<string, number>(
  Object.entries({
    minuut: 1 / 60,
    minuten: 1 / 60,
    min: 1 / 60,
    mins: 1 / 60,
    minute: 1 / 60,
    minutes: 1 / 60,
    kwartier: 0.25,
    uur: 1,
    uren: 1,
    u: 1,
    hour: 1,
    hours: 1,
    hr: 1,
    hrs: 1,
    dag: 24,
    dagen: 24,
    day: 24,
    days: 24,
    week: 168,
    weken: 168,
    weeks: 168,
    maand: 730,
    maanden: 730,
    month: 730,
    months: 730,
  }),
);
// A plural unit with no number ("al weken", "for weeks") means at least two.
const PLURAL_UNIT = new Set(['dagen', 'days', 'weken', 'weeks', 'maanden', 'months', 'uren', 'hours']);

const ALREADY = new Set([
  'al',
  'already',
  'tried',
  'trying',
  'geprobeerd',
  'proberen',
  'probeer',
  'again',
  'weer',
  'opnieuw',
  'nogmaals',
  'herhaaldelijk',
  'repeatedly',
]);

type PhraseKind = 'no-reply' | 'wait' | 'redirect';
interface Phrase {
  words: readonly string[];
  kind: PhraseKind;
  /** The channel the phrase itself implies ("on hold": the phone). */
  implies?: Channel;
}
const PHRASES: Phrase[] = [];
const phrase = (kind: PhraseKind, list: string, implies?: Channel) => {
  for (const p of list.split('|'))
    PHRASES.push(implies === undefined ? { words: p.split(' '), kind } : { words: p.split(' '), kind, implies });
};
phrase(
  'no-reply',
  'geen antwoord|geen reactie|geen reply|geen respons|niks gehoord|niets gehoord|niks meer gehoord|niets meer gehoord|' +
    'nooit antwoord|nooit reactie|nog steeds niks|nog altijd niks|wordt genegeerd|word genegeerd|genegeerd|' +
    'no reply|no response|no answer|no replies|no responses|never heard back|not heard back|heard nothing|' +
    'nobody replied|no one replied|nobody responded|no one responded|never replied|never responded|never answered|' +
    'not replied|not responded|ignored|ignoring|got nothing|still nothing|onbereikbaar|niet bereikbaar|unreachable',
);
phrase(
  'no-reply',
  'niemand neemt op|niemand nam op|neemt niet op|nemen niet op|nam niet op|namen niet op|wordt niet opgenomen|' +
    'niet teruggebeld|nooit teruggebeld|niet terug gebeld|nooit terug gebeld|opgehangen|hing op|verbinding verbroken|' +
    'nobody answers|no one answers|nobody picks up|no one picks up|never called back|not called back|' +
    'never called me back|hung up|disconnected|got cut off|cut off',
  'phone',
);
phrase(
  'wait',
  'in de wacht|in de wachtrij|wachtrij|wachttijd|on hold|in the queue|in a queue|hold music|wachtmuziek',
  'phone',
);
phrase('wait', 'wacht al|wachten al|waiting for|still waiting|been waiting|wacht nog steeds|wachten nog steeds');
phrase(
  'redirect',
  'moet bellen|moest bellen|moet mailen|moest mailen|moet chatten|moet ik bellen|moest ik bellen|moet ik mailen|' +
    'verwijst naar|verwezen naar|doorverwezen|doorgestuurd|doorverbonden|kastje naar de muur|' +
    'told me to call|told me to email|told me to ring|told to call|said to call|says to call|asked me to call|' +
    'told me to dm|told me to use|sent me to|send me to|referred me|transferred|passed around|passed on|bounced around',
);
const PHRASE_START = new Map<string, Phrase[]>();
for (const p of PHRASES) {
  const first = p.words[0] as string;
  PHRASE_START.set(first, [...(PHRASE_START.get(first) ?? []), p]);
}

// Each word's roles decide whether it can matter at all (most words are in none of the lists);
// they live in the word's entry of the shared lexicon (ChannelWord below).
const R_CHANNEL = 1;
const R_COUNT = 2;
const R_UNIT = 4;
const R_PHRASE = 8;
const ROLE = new Map<string, number>();
const role = (words: Iterable<string>, bit: number) => {
  for (const w of words) ROLE.set(w, (ROLE.get(w) ?? 0) | bit);
};
role(VERB.keys(), R_CHANNEL);
role(NOUN.keys(), R_CHANNEL);
role(COUNT_WORDS.keys(), R_COUNT);
role(TIMES, R_COUNT);
role(UNIT_HOURS.keys(), R_UNIT);
role(PHRASE_START.keys(), R_PHRASE);

/**
 * What the reader needs of a word that can matter to it, kept in the word's entry of the shared
 * lexicon (src/text/lexicon.ts): its role bits, its channel as a verb or a noun, and the phrases
 * it starts. One entry read per token instead of a lookup per map.
 */
export interface ChannelWord {
  role: number;
  verb: Channel | undefined;
  noun: Channel | undefined;
  starts: readonly Phrase[] | undefined;
}
for (const [w, r] of ROLE) {
  entryOf(w).channel = { role: r, verb: VERB.get(w), noun: NOUN.get(w), starts: PHRASE_START.get(w) };
}

// -- reading numbers ------------------------------------------------------------------------

function numberAt(tokens: readonly Token[], i: number): number | undefined {
  const t = tokens[i];
  if (t === undefined) return undefined;
  if (t.kind === 'number') {
    const n = Number.parseFloat(t.norm.replace(',', '.'));
    return Number.isFinite(n) && n > 0 && n < 1000 ? n : undefined;
  }
  if (t.kind === 'word') return NUMBER_WORDS.get(t.norm);
  return undefined;
}

/** A count ending at token `i` ("3 keer", "twice", "3x", "de derde keer", "3e keer"): [count, first token]. */
function countAt(tokens: readonly Token[], i: number): [number, number] | undefined {
  const t = tokens[i];
  if (t === undefined || t.kind !== 'word') return undefined;
  const word = COUNT_WORDS.get(t.norm);
  if (word !== undefined) return [word, i];
  if (!TIMES.has(t.norm)) return undefined;
  const prev = tokens[i - 1];
  if (prev === undefined) return undefined;
  const ord = ORDINALS.get(prev.norm);
  if (ord !== undefined) return [ord, i - 1];
  if (prev.kind === 'word' && ORDINAL_SUFFIX.has(prev.norm)) {
    const n = numberAt(tokens, i - 2);
    return n === undefined ? undefined : [Math.round(n), i - 2];
  }
  // "meerdere keren", "several times", "3 keer", "a few times", "a couple of times".
  let n = numberAt(tokens, i - 1);
  if (n === undefined && prev.norm === 'of') n = numberAt(tokens, i - 2);
  if (n === undefined || n < 1) return undefined;
  // "one time" / "een keer" is not a repeat; keep it as 1, the message will say so.
  return [Math.round(n), i - 1];
}

/** A duration ending at token `i` ("2 weken", "an hour", "al weken"): hours. */
function durationAt(tokens: readonly Token[], i: number): number | undefined {
  const t = tokens[i];
  if (t === undefined || t.kind !== 'word') return undefined;
  const unit = UNIT_HOURS.get(t.norm);
  if (unit === undefined) return undefined;
  let n = numberAt(tokens, i - 1);
  // "half an hour", "a couple of weeks", "een half uur".
  if (n === 1 && tokens[i - 2]?.norm === 'half') n = 0.5;
  if (n === undefined && tokens[i - 1]?.norm === 'of') n = numberAt(tokens, i - 2);
  if (n === undefined && tokens[i - 1]?.norm === 'half') n = 0.5;
  if (n === undefined) {
    // "al weken", "for weeks": two at least. "deze week", "per dag": no duration.
    if (!PLURAL_UNIT.has(t.norm)) return undefined;
    n = 2;
  }
  return n * unit;
}

// -- the detector -----------------------------------------------------------------------------

interface Hit {
  channel: Channel;
  at: number;
  verb: boolean;
}

const NEAR = 4;
const DURATION_NEAR = 8;

/**
 * What the text says about other channels tried: the channels, the number of attempts, how long
 * they waited, whether they got no answer or were sent elsewhere. `detected` is false when
 * nothing says a channel failed.
 *
 * @example
 * ```ts
 * import { analyzeText } from 'webcare';
 * readChannelFailure(analyzeText('Al 3 keer gebeld en twee weken geen antwoord op mijn mail').tokens);
 * // { detected: true, channels: ['phone', 'email'], attempts: 3, waitedHours: 336, noReply: true, redirected: false }
 * ```
 */
export function readChannelFailure(
  tokens: readonly Token[],
  entries: readonly (Entry | undefined)[] = lookupTokens(tokens, []),
): ChannelFailure & { noReply: boolean; redirected: boolean } {
  // Most mentions name no channel: the lists are made on the first word that needs them.
  let hits: Hit[] | undefined;
  let counts: [number, number][] | undefined;
  let durations: [number, number][] | undefined;
  let phraseAt: number[] | undefined;
  let noReply = false;
  let redirected = false;
  let waiting = false;
  let already = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind === 'number') continue;
    if (t.kind !== 'word' && t.kind !== 'hashtag') continue;
    const cw = entries[i]?.channel;
    if (cw === undefined) continue;
    const r = cw.role;
    if ((r & R_CHANNEL) !== 0) {
      const verb = cw.verb;
      hits ??= [];
      if (verb !== undefined) hits.push({ channel: verb, at: i, verb: true });
      else hits.push({ channel: cw.noun as Channel, at: i, verb: false });
    }
    if ((r & R_COUNT) !== 0) {
      const c = countAt(tokens, i);
      if (c !== undefined) (counts ??= []).push([c[0], i]);
    }
    if ((r & R_UNIT) !== 0) {
      const d = durationAt(tokens, i);
      if (d !== undefined) (durations ??= []).push([d, i]);
    }
    const starts = (r & R_PHRASE) !== 0 ? cw.starts : undefined;
    if (starts !== undefined) {
      for (const p of starts) {
        let k = 1;
        while (k < p.words.length && tokens[i + k]?.norm === p.words[k]) k++;
        if (k < p.words.length) continue;
        (phraseAt ??= []).push(i);
        if (p.kind === 'no-reply') noReply = true;
        else if (p.kind === 'redirect') redirected = true;
        else waiting = true;
        if (p.implies !== undefined) (hits ??= []).push({ channel: p.implies, at: i, verb: false });
        break;
      }
    }
  }
  if (hits === undefined) return { detected: false, channels: [], noReply: false, redirected: false };
  // One name from here on: a closure does not see the narrowing of a `let`.
  const found = hits;

  // A count belongs to the channel next to it ("3 keer gebeld", "called 3 times", "twee mails").
  let attempts: number | undefined;
  for (const [n, at] of counts ?? []) {
    if (found.some((h) => Math.abs(h.at - at) <= NEAR)) attempts = Math.max(attempts ?? 0, n);
  }
  // "twee mails gestuurd", "3 calls": a number right before a channel noun.
  for (const h of found) {
    if (h.verb) continue;
    const n = numberAt(tokens, h.at - 1);
    if (n !== undefined && n >= 2 && Number.isInteger(n) && tokens[h.at]?.norm.endsWith('s')) {
      attempts = Math.max(attempts ?? 0, n);
    }
  }
  for (const h of found) {
    if (!h.verb) continue;
    for (let k = Math.max(0, h.at - 3); k <= h.at + 2 && k < tokens.length; k++) {
      if (k !== h.at && ALREADY.has((tokens[k] as Token).norm)) already = true;
    }
  }
  const failed = attempts !== undefined || noReply || redirected || waiting || already;
  if (!failed) return { detected: false, channels: [], noReply: false, redirected: false };

  const channels: Channel[] = [];
  for (const h of [...found].sort((a, b) => a.at - b.at)) if (!channels.includes(h.channel)) channels.push(h.channel);
  const anchors = [...found.map((h) => h.at), ...(phraseAt ?? [])];
  let waitedHours: number | undefined;
  for (const [hours, at] of durations ?? []) {
    if (anchors.some((a) => Math.abs(a - at) <= DURATION_NEAR)) waitedHours = Math.max(waitedHours ?? 0, hours);
  }
  const out: ChannelFailure & { noReply: boolean; redirected: boolean } = {
    detected: true,
    channels,
    noReply,
    redirected,
  };
  if (attempts !== undefined) out.attempts = attempts;
  if (waitedHours !== undefined) out.waitedHours = Math.round(waitedHours * 100) / 100;
  return out;
}

// -- messages ---------------------------------------------------------------------------------

const DID_EN: Record<Channel, string> = {
  phone: 'called',
  email: 'emailed',
  chat: 'used the chat',
  dm: 'sent a DM',
  whatsapp: 'sent a WhatsApp',
  store: 'went to a store',
  form: 'filled in the form',
  letter: 'wrote a letter',
  other: 'contacted you',
};
const DID_NL: Record<Channel, string> = {
  phone: 'gebeld',
  email: 'gemaild',
  chat: 'gechat',
  dm: 'een DM gestuurd',
  whatsapp: 'geappt',
  store: 'in de winkel geweest',
  form: 'het formulier ingevuld',
  letter: 'een brief gestuurd',
  other: 'contact gezocht',
};

function span(hours: number, nl: boolean): string {
  const unit = (n: number, en: string, ens: string, nls: string, nlp: string) =>
    `${nl ? String(n).replace('.', ',') : n} ${nl ? (n === 1 ? nls : nlp) : n === 1 ? en : ens}`;
  if (hours >= 730) return unit(Math.round(hours / 730), 'month', 'months', 'maand', 'maanden');
  if (hours >= 168) return unit(Math.round(hours / 168), 'week', 'weeks', 'week', 'weken');
  if (hours >= 24) return unit(Math.round(hours / 24), 'day', 'days', 'dag', 'dagen');
  if (hours >= 1) return unit(Math.round(hours * 10) / 10, 'hour', 'hours', 'uur', 'uur');
  return unit(Math.round(hours * 60), 'minute', 'minutes', 'minuut', 'minuten');
}

/**
 * The message of a channel-failure reason: "says they called 3 times", "zegt 3 keer gebeld te
 * hebben".
 *
 * @example
 * ```ts
 * describeChannelFailure({ detected: true, channels: ['phone'], attempts: 3 }, 'en'); // 'says they called 3 times'
 * ```
 */
export function describeChannelFailure(
  cf: ChannelFailure & { noReply?: boolean; redirected?: boolean },
  locale: 'en' | 'nl',
): string {
  const nl = locale === 'nl';
  // Own entries only: a stored reason's detail may name anything ("constructor" included).
  const chans = (cf.channels as Channel[]).filter((c) => Object.hasOwn(DID_EN, c));
  const did = chans.map((c) => (nl ? DID_NL[c] : DID_EN[c]));
  const list =
    did.length <= 1
      ? (did[0] ?? (nl ? 'contact gezocht' : 'tried to reach you'))
      : `${did.slice(0, -1).join(', ')} ${nl ? 'en' : 'and'} ${did.at(-1)}`;
  const n = cf.attempts;
  const times = n === undefined ? '' : nl ? ` ${n} keer` : n === 1 ? ' once' : n === 2 ? ' twice' : ` ${n} times`;
  const extras: string[] = [];
  if (cf.waitedHours !== undefined)
    extras.push(nl ? `${span(cf.waitedHours, true)} gewacht` : `waited ${span(cf.waitedHours, false)}`);
  if (cf.noReply === true) extras.push(nl ? 'geen antwoord' : 'no answer');
  if (cf.redirected === true) extras.push(nl ? 'van kanaal naar kanaal gestuurd' : 'sent from one channel to another');
  const tail = extras.length > 0 ? `, ${extras.join(', ')}` : '';
  return nl ? `zegt${times} ${list} te hebben${tail}` : `says they ${list}${times}${tail}`;
}

/**
 * The reason's `detail`: what was found, compact, so the message can be rendered again in another
 * locale (`channels|attempts|waitedHours|noReply|redirected`).
 */
function detailOf(cf: ChannelFailure & { noReply: boolean; redirected: boolean }): string {
  return [
    cf.channels.join(','),
    cf.attempts ?? '',
    cf.waitedHours ?? '',
    cf.noReply ? 1 : 0,
    cf.redirected ? 1 : 0,
  ].join('|');
}

/**
 * Render a `channel-failure` reason from its `detail` in a locale (for `localizeReasons`).
 *
 * @example
 * ```ts
 * channelFailureMessage('phone|3||1|0', 'nl'); // 'zegt 3 keer gebeld te hebben, geen antwoord'
 * ```
 */
export function channelFailureMessage(detail: string, locale: 'en' | 'nl'): string {
  const [channels = '', attempts = '', waited = '', noReply = '0', redirected = '0'] = detail.split('|');
  const cf: ChannelFailure & { noReply: boolean; redirected: boolean } = {
    detected: true,
    channels: channels === '' ? [] : channels.split(','),
    noReply: noReply === '1',
    redirected: redirected === '1',
  };
  const n = Number(attempts);
  if (attempts !== '' && Number.isFinite(n)) cf.attempts = n;
  const h = Number(waited);
  if (waited !== '' && Number.isFinite(h)) cf.waitedHours = h;
  return describeChannelFailure(cf, locale);
}

/**
 * Detect that the customer already tried other channels, with counts and durations, in Dutch
 * and English. Adds a `channel-failure` reason (weight 0: the pillory and priority stages weigh
 * the flag; this reason says what was found).
 *
 * @example
 * ```ts
 * scoreMention('Al 3 keer gebeld, nog steeds geen internet').channelFailure.attempts; // 3
 * scoreMention('No reply to my email for two weeks').channelFailure.waitedHours; // 336
 * ```
 */
export function detectChannelFailure(ctx: ScoreContext): ChannelFailure {
  const found = readChannelFailure(ctx.analysis.tokens, ctx.entries);
  if (!found.detected) return { detected: false, channels: [] };
  ctx.reasons.push({
    code: 'channel-failure',
    message: describeChannelFailure(found, ctx.locale),
    weight: 0,
    target: 'pillory',
    detail: detailOf(found),
  });
  const out: ChannelFailure = { detected: true, channels: found.channels };
  if (found.attempts !== undefined) out.attempts = found.attempts;
  if (found.waitedHours !== undefined) out.waitedHours = found.waitedHours;
  return out;
}
