/**
 * Escalation cue lists, Dutch and English, and the one-pass matcher over the analysed tokens.
 * The lists say what pushes pillory risk (warning others, shaming, calls to share or boycott,
 * "never again", threats to leave or to sue, tagging the press, consumer programmes, regulators
 * or review sites, photo evidence), what makes a customer's need urgent (a flight or train about
 * to leave, no power/internet/water/heating, money gone, safety, "asap"), and what shows a
 * reply needs personal data (their own order, account or bill).
 *
 * Source: written by the webcare team for this project (our own work, MIT), from the webcare
 * articles in the project context (the "digitale schandpaal", kanaalsturing, Radar/Kassa/
 * Consumentenbond) and everyday Dutch and English customer-service vocabulary. Phrases are
 * space-separated lower-case words as the tokenizer emits them ("don't" stays one word).
 * English cues are also matched in Dutch text (Dutch tweets borrow "#fail", "asap", "never
 * again"); Dutch cues only in Dutch or undetermined text.
 *
 * Matching reads each token's entry in the shared lexicon (src/text/lexicon.ts, one lookup per
 * token for every stage) and walks on for phrases: every list is compiled once, at import, into
 * a word trie whose roots live in the lexicon; nothing is compiled per call.
 * @module
 */
import type { Token } from '../text/02-tokenize.js';
import { type Entry, entryOf, lookupTokens } from '../text/lexicon.js';

/**
 * The kinds of cue and their bit positions in the cue matcher's mask: pillory intent (`warn` to
 * `evidence`), urgency (`travel` to `noRush`) and advice (`personal`). Its keys are the
 * {@link CueKind}s.
 *
 * @example
 * ```ts
 * import { CUE } from 'webcare';
 * CUE.legal; // 5
 * Object.keys(CUE).includes('press'); // true
 * ```
 */
export const CUE = {
  // pillory intent
  /** Warns others ("pas op", "beware"). */
  warn: 0,
  /** Shames the brand ("schande", "disgrace"). */
  shame: 1,
  /** Calls to share or boycott ("deel dit", "boycott"). */
  share: 2,
  /** "Never again" ("nooit meer"). */
  never: 3,
  /** Threatens to leave ("overstappen", "cancel my"). */
  leave: 4,
  /** Threatens legal steps ("advocaat", "lawyer"). */
  legal: 5,
  /** Names or tags the press or a consumer programme. */
  press: 6,
  /** Names a regulator or an ombudsman. */
  regulator: 7,
  /** Threatens a review on a review site ("trustpilot", "1 star"). */
  review: 8,
  /** Names evidence ("zie foto", "screenshot"). */
  evidence: 9,
  // urgency
  /** Travel ("vlucht", "train", "gate"). */
  travel: 10,
  /** Travel about to go wrong ("connecting flight", "gestrand"). */
  travelNow: 11,
  /** A deadline within a few hours ("over een uur", "in 20 minutes"); found by a pattern, not a list. */
  deadline: 12,
  /** Time words ("nu", "today"). */
  now: 13,
  /** Asks for haste ("asap", "spoed"). */
  asap: 14,
  /** Without a basic utility ("no internet", "geen stroom"). */
  utility: 15,
  /** Work, study or exams depend on it ("thuiswerken", "exam"). */
  homeWork: 16,
  /** Money gone or blocked ("dubbel afgeschreven", "charged twice"). */
  money: 17,
  /** Safety at risk ("gaslek", "fire"). */
  safety: 18,
  /** A vulnerable person involved ("baby", "insuline"). */
  vulnerable: 19,
  /** Says there is no hurry ("geen haast", "no rush"). */
  noRush: 20,
  // advice
  /** About the author's own order, account or bill ("mijn factuur", "my order"): a reply needs personal data. */
  personal: 21,
} as const;

/**
 * A cue kind.
 *
 * @example
 * ```ts
 * import { CUE_LISTS, type CueKind } from 'webcare';
 *
 * const kind: CueKind = 'warn';
 * CUE_LISTS[kind].nl; // ['pas op', 'opgepast', ...]
 * ```
 */
export type CueKind = keyof typeof CUE;

/** Names of the cue kinds by bit position. */
export const CUE_NAMES = Object.keys(CUE) as CueKind[];

/** What the cue pass found: a bit per kind, and the first word or phrase that fired each. */
export interface CueHits {
  mask: number;
  /** The cue that fired each kind, by bit position; read only where the mask bit is set. */
  words: (string | undefined)[];
  /** Number of time words ("now", "vandaag") found, repeats included. */
  timeWords: number;
}

const w = (s: string): string[] =>
  s
    .split('|')
    .map((x) => x.trim())
    .filter((x) => x !== '');

/**
 * Cue lists per kind and language. A leading `^` marks a proper name that must be capitalised.
 *
 * @example
 * ```ts
 * import { CUE_LISTS } from 'webcare';
 * CUE_LISTS.legal.nl.includes('advocaat'); // true
 * ```
 */
export const CUE_LISTS: Record<
  CueKind,
  {
    /** English phrases (also matched in Dutch text). */
    en: readonly string[];
    /** Dutch phrases (matched in Dutch or undetermined text). */
    nl: readonly string[];
  }
> = {
  warn: {
    en: w(
      "beware|be warned|warning|buyer beware|don't buy|dont buy|do not buy|don't use|dont use|do not use|don't fly|do not fly|don't order|do not order|don't book|avoid|stay away|steer clear|think twice|psa|heads up|you have been warned|save yourself",
    ),
    nl: w(
      'pas op|opgepast|waarschuwing|ik waarschuw|wees gewaarschuwd|blijf weg|niet kopen|koop niet|koop hier niet|nooit kopen|niet bestellen|bestel niet|bestel hier niet|niet boeken|boek hier niet|mijd|vermijd|afblijven|trap er niet in|kijk uit|let goed op',
    ),
  },
  shame: {
    en: w(
      'disgrace|disgraceful|shameful|shame on|shame on you|epic fail|fail|pathetic|appalling|disgusting|scandal|scandalous',
    ),
    nl: w(
      'schande|schandalig|schandelijk|schaamteloos|schaam je|schaam jullie|diep triest|walgelijk|bedroevend|aanfluiting|blamage|zielig|om te huilen',
    ),
  },
  share: {
    en: w(
      'boycott|boycotting|share this|please share|pls share|plz share|retweet|please rt|pls rt|rt if|spread the word|tell everyone|everyone should know|let everyone know',
    ),
    nl: w(
      'boycot|boycotten|deel dit|graag delen|delen aub|delen svp|svp delen|aub delen|retweeten|zeg het voort|vertel het door|iedereen moet dit weten|laat iedereen weten|verspreid',
    ),
  },
  never: {
    en: w(
      'never again|neveragain|never ever again|never fly|never buy|never use|never shop|never order|never book|never recommend|will never',
    ),
    nl: w('nooit meer|nooit weer|nooitmeer|laatste keer|nooit nooit|voor het laatst|nooit aanraden|raad iedereen af'),
  },
  leave: {
    en: w(
      'cancel my|cancelling my|canceling my|cancel the subscription|cancelled my|switching to|switching provider|switching providers|taking my business|close my account|closing my account|leaving you|unsubscribe|done with you|find another provider|going elsewhere|take my money elsewhere',
    ),
    nl: w(
      'opzeggen|opzegging|opgezegd|zeg op|zeg ik op|overstappen|stap over|ik stap over|overgestapt|klant af|ben ik weg|ik ben weg|ik vertrek|rekening opheffen|account opheffen|abonnement stopzetten|contract beëindigen|naar de concurrent|andere provider',
    ),
  },
  legal: {
    en: w(
      'lawyer|lawyers|attorney|solicitor|sue|suing|lawsuit|court|legal action|legal steps|small claims|class action|police report|report you|file a complaint|formal complaint|chargeback',
    ),
    nl: w(
      'advocaat|advocaten|jurist|rechter|rechtszaak|rechtbank|juridisch|juridische stappen|juridische actie|aangifte|aangifte doen|naar de politie|politie ingeschakeld|politie gebeld|ingebrekestelling|sommatie|dagvaarding|dagvaarden|deurwaarder|rechtsbijstand|formele klacht|officiële klacht|terugboeken|stornering',
    ),
  },
  press: {
    en: w(
      'watchdog|bbc|journalist|journalists|reporter|reporters|the press|the media|newspaper|going to the press|go public|going public|tv show|consumer programme|consumer program',
    ),
    nl: w(
      '^Radar|^Kassa|consumentenbond|tros radar|avrotros|bnnvara|journalist|journalisten|de pers|pers|de media|krant|de krant|telegraaf|rtl nieuws|nos|het nieuws|tv programma|televisie|breed uitmeten|naar buiten brengen|openbaar maken|radar tv|kassa tv',
    ),
  },
  regulator: {
    en: w(
      'regulator|ombudsman|ofcom|ofgem|ftc|fcc|cfpb|trading standards|better business bureau|consumer protection|faa|caa|data protection authority|ico|gdpr',
    ),
    nl: w(
      'acm|autoriteit consument|afm|kifid|geschillencommissie|toezichthouder|nvwa|ombudsman|ombudsfunctie|autoriteit persoonsgegevens|klachtenloket|avg|geschillen commissie|consuwijzer',
    ),
  },
  review: {
    en: w(
      'trustpilot|yelp|tripadvisor|google reviews|bad review|negative review|honest review|write a review|leave a review|1 star|one star|one-star|zero stars|0 stars|rate you',
    ),
    nl: w(
      'slechte review|negatieve review|review schrijven|slechte recensie|negatieve recensie|recensie schrijven|slechte beoordeling|1 ster|een ster|één ster|0 sterren|kieskeurig|klachtenkompas',
    ),
  },
  evidence: {
    en: w('photo|photos|picture|pictures|pic|pics|screenshot|screenshots|video|proof|evidence|see attached|attached'),
    nl: w("foto|fotos|foto's|screenshot|screenshots|video|filmpje|bewijs|zie bijlage|zie foto|kijk maar"),
  },
  travel: {
    en: w(
      'flight|flights|plane|train|trains|bus|ferry|airport|terminal|layover|departure|departs|boarding|gate|check-in|checkin',
    ),
    nl: w(
      'vlucht|vluchten|vliegtuig|trein|treinen|bus|veerboot|vliegveld|luchthaven|schiphol|terminal|vertrek|vertrekt|boarding|gate|inchecken|overstaptijd',
    ),
  },
  travelNow: {
    en: w(
      'connecting flight|connection flight|missed my connection|miss my connection|miss my flight|missing my flight|about to board|boarding now|boarding in|gate closes|stranded|stuck at the airport|left behind|my flight leaves|flight leaves|train leaves',
    ),
    nl: w(
      'aansluitende vlucht|aansluiting missen|aansluiting gemist|mis mijn vlucht|vlucht missen|mijn vlucht vertrekt|vlucht vertrekt|trein vertrekt|gate sluit|gestrand|vast op schiphol|vast op het vliegveld|staan we vast|sta ik vast|achtergelaten',
    ),
  },
  deadline: { en: [], nl: [] },
  now: {
    en: w('now|today|tonight|right now|this morning|this afternoon|this evening|immediately'),
    nl: w(
      'nu|vandaag|vanavond|vannacht|vanmiddag|vanochtend|vanmorgen|meteen|direct|onmiddellijk|per direct|nu meteen',
    ),
  },
  asap: {
    en: w(
      'asap|urgent|urgently|emergency|help asap|need help now|right away|as soon as possible|time sensitive|desperate',
    ),
    nl: w('zsm|spoed|spoedig|dringend|urgent|noodgeval|zo snel mogelijk|met spoed|hoogste prioriteit|wanhopig'),
  },
  utility: {
    en: w(
      'no internet|no power|no electricity|no water|no hot water|no heating|no heat|no gas|no signal|no phone|no connection|without internet|without power|without electricity|without water|without heating|power outage|power cut|internet down|wifi down|blackout|offline all day|outage',
    ),
    nl: w(
      'geen internet|geen stroom|geen elektriciteit|geen water|geen warm water|geen verwarming|geen gas|geen bereik|geen verbinding|geen telefoon|zonder internet|zonder stroom|zonder water|zonder verwarming|zonder gas|storing|ligt eruit|ligt plat|stroomstoring|stroomuitval|internetstoring|koud huis|in de kou|cv kapot|ketel kapot|geen warmte',
    ),
  },
  homeWork: {
    en: w(
      'work from home|working from home|wfh|home office|remote work|working remotely|home worker|exam|exams|deadline|job interview',
    ),
    nl: w(
      'thuiswerken|thuis werken|werk thuis|thuiswerker|thuiswerk|thuisblijven werken|tentamen|examen|sollicitatiegesprek|deadline|online les|thuisonderwijs',
    ),
  },
  money: {
    en: w(
      "charged twice|double charged|charged double|double charge|billed twice|double billed|money gone|money missing|took my money|unauthorized charge|unauthorised charge|account frozen|account blocked|card blocked|card declined|overdrawn|can't pay|cannot pay|my rent|pay rent|pay my rent|my mortgage|my salary|no money",
    ),
    nl: w(
      'keer afgeschreven|x afgeschreven|dubbel afgeschreven|twee keer afgeschreven|onterecht afgeschreven|dubbel betaald|geld kwijt|geld weg|rekening leeg|rekening geblokkeerd|pas geblokkeerd|pinpas geblokkeerd|kan niet pinnen|kan niet betalen|rood staan|mijn huur|huur betalen|mijn hypotheek|mijn salaris|geen geld|roodstand',
    ),
  },
  safety: {
    en: w(
      'dangerous|danger|unsafe|fire|smoke|sparks|gas leak|smell gas|smell of gas|smells of gas|gas smell|carbon monoxide|electric shock|electrocuted|exploded|explosion|injured|injury|bleeding|accident|hospital|ambulance|911|999|112|allergic|allergy|anaphylaxis|unconscious|life threatening',
    ),
    nl: w(
      'gevaarlijk|gevaar|levensgevaarlijk|onveilig|brand|brandgevaar|rook|rookt|vonken|gaslek|gaslucht|ruik gas|ruikt naar gas|koolmonoxide|kortsluiting|schok|geëlektrocuteerd|ontploft|explosie|gewond|letsel|bloedt|ongeluk|ziekenhuis|ambulance|112|allergisch|allergie|bewusteloos|ongeval',
    ),
  },
  vulnerable: {
    en: w(
      'baby|newborn|elderly|disabled|wheelchair|pregnant|medication|medicine|insulin|oxygen|dialysis|pacemaker|disability|chemo|grandmother|grandfather',
    ),
    nl: w(
      'baby|pasgeboren|bejaard|bejaarde|hoogbejaard|gehandicapt|rolstoel|zwanger|medicijnen|medicatie|insuline|zuurstof|dialyse|pacemaker|beperking|chemo|oma|opa|mantelzorg|mantelzorger',
    ),
  },
  noRush: {
    en: w(
      "no rush|no hurry|not urgent|whenever you can|when you have time|in your own time|no pressure|take your time|doesn't matter",
    ),
    nl: w(
      'geen haast|niet dringend|geen spoed|als jullie tijd hebben|wanneer het uitkomt|geen prioriteit|maakt niet uit|rustig aan',
    ),
  },
  personal: {
    en: w(
      'my order|my account|my bill|my invoice|my booking|my reservation|my package|my parcel|my refund|my subscription|my contract|my card|my bag|my luggage|my suitcase|my payment|my ticket|my delivery|my claim|my policy|my meter|my number|my address|my data|my details|my password|my login|order number|booking reference|account number|customer number|tracking number|case number|ticket number',
    ),
    nl: w(
      'mijn bestelling|mijn order|mijn account|mijn rekening|mijn factuur|mijn boeking|mijn reservering|mijn pakket|mijn pakketje|mijn terugbetaling|mijn abonnement|mijn contract|mijn pas|mijn koffer|mijn bagage|mijn betaling|mijn ticket|mijn kaartje|mijn levering|mijn claim|mijn polis|mijn meter|mijn nummer|mijn adres|mijn gegevens|mijn wachtwoord|mijn aansluiting|mijn zending|mijn retour|mijn geld|ordernummer|bestelnummer|klantnummer|boekingsnummer|dossiernummer|zaaknummer|polisnummer|trackingcode|track en trace|track trace',
    ),
  },
};

/**
 * Press, consumer programmes, regulators and review sites by their handles (without `@`).
 *
 * @example
 * ```ts
 * import { CUE_HANDLES } from 'webcare';
 * CUE_HANDLES.kassa; // 'press'
 * ```
 */
export const CUE_HANDLES: Record<string, CueKind> = {
  radar: 'press',
  radartv: 'press',
  kassa: 'press',
  kassavara: 'press',
  consumentenbond: 'press',
  avrotros: 'press',
  bnnvara: 'press',
  opgelicht: 'press',
  bbcwatchdog: 'press',
  whichuk: 'press',
  which: 'press',
  telegraaf: 'press',
  rtlnieuws: 'press',
  nos: 'press',
  nosnieuws: 'press',
  volkskrant: 'press',
  nrc: 'press',
  ad_nl: 'press',
  parool: 'press',
  bbcnews: 'press',
  guardian: 'press',
  acm_nl: 'regulator',
  acm_consument: 'regulator',
  acm: 'regulator',
  consuwijzer: 'regulator',
  kifid: 'regulator',
  afm_nl: 'regulator',
  ofcom: 'regulator',
  ofgem: 'regulator',
  ftc: 'regulator',
  cfpb: 'regulator',
  bbb_media: 'regulator',
  trustpilot: 'review',
  tripadvisor: 'review',
  yelp: 'review',
};

/** Handles that contain one of these are taken as press or consumer programmes. */
const PRESS_HANDLE_PARTS = ['nieuws', 'news', 'journal', 'watchdog', 'redactie', 'verslaggever', 'reporter'];

/**
 * Hashtags with their own meaning (others are matched as words).
 *
 * @example
 * ```ts
 * import { CUE_HASHTAGS } from 'webcare';
 * CUE_HASHTAGS.nooitmeer; // 'never'
 * ```
 */
export const CUE_HASHTAGS: Record<string, CueKind> = {
  fail: 'shame',
  epicfail: 'shame',
  schande: 'shame',
  shame: 'shame',
  klantonvriendelijk: 'shame',
  slechtste: 'shame',
  worstservice: 'shame',
  nooitmeer: 'never',
  neveragain: 'never',
  boycot: 'share',
  boycott: 'share',
  radar: 'press',
  kassa: 'press',
  consumentenbond: 'press',
  watchdog: 'press',
  spoed: 'asap',
  urgent: 'asap',
  thuiswerken: 'homeWork',
  wfh: 'homeWork',
  storing: 'utility',
  outage: 'utility',
};

/**
 * A node of a cue trie: the kind a phrase ending here fires (-1: none), and what may follow,
 * keyed by the next word's lexicon entry (an identity lookup, no string hashing).
 */
export interface Node {
  kind: number;
  proper: boolean;
  /** The word may start a deadline ("over", "in", "within"): one lookup serves both. */
  prep: boolean;
  next: Map<Entry, Node> | undefined;
}

const newNode = (): Node => ({ kind: -1, proper: false, prep: false, next: undefined });

/** The node of a phrase's first word in a trie's root map, created when missing. */
function rootNode(map: Map<string, Node>, word: string): Node {
  let node = map.get(word);
  if (node === undefined) {
    node = newNode();
    map.set(word, node);
  }
  return node;
}

function add(map: Map<string, Node>, phrase: string, kind: number): void {
  const proper = phrase.startsWith('^');
  // Phrases are written as the tokenizer emits the words (tests/escalate/cues.test.ts checks
  // that each one fires). Not tokenized here: calling the tokenizer at import, on these short
  // strings, leaves it optimised for them and costs 8 % per scored mention afterwards.
  const words = (proper ? phrase.slice(1) : phrase).toLowerCase().split(' ');
  let node = rootNode(map, words[0] as string);
  for (let i = 1; i < words.length; i++) {
    node.next ??= new Map();
    const e = entryOf(words[i] as string);
    let next = node.next.get(e);
    if (next === undefined) {
      next = newNode();
      node.next.set(e, next);
    }
    node = next;
  }
  // The first list to claim a phrase keeps it (lists are added in CUE order).
  if (node.kind < 0) {
    node.kind = kind;
    node.proper = proper;
  }
}

// Words that may start a deadline. English "over an hour" means "more than an hour" (a
// waiting time, not a deadline), so "over" is Dutch only.
const PREPOSITION = { en: ['in', 'within'], nl: ['over', 'binnen', 'in'] } as const;

function build(langs: readonly ('en' | 'nl')[]): Map<string, Node> {
  const map = new Map<string, Node>();
  for (const lang of langs) {
    for (const name of CUE_NAMES) for (const phrase of CUE_LISTS[name][lang]) add(map, phrase, CUE[name]);
  }
  for (const lang of langs) {
    for (const word of PREPOSITION[lang]) {
      rootNode(map, word).prep = true;
    }
  }
  return map;
}

// English text: English cues; Dutch or undetermined text: Dutch first, then English.
// The roots live in the shared lexicon (src/text/lexicon.ts): a token's entry holds its node in
// each trie, so the matcher makes no lookup of its own for a phrase's first word.
for (const [word, node] of build(['en'])) entryOf(word).cueEn = node;
for (const [word, node] of build(['nl', 'en'])) entryOf(word).cueAll = node;
const HANDLE_KIND = new Map(Object.entries(CUE_HANDLES).map(([h, k]) => [h, CUE[k]]));
const HASHTAG_KIND = new Map(Object.entries(CUE_HASHTAGS).map(([h, k]) => [h, CUE[k]]));

const QUANTITY = new Set([
  'een',
  'één',
  'an',
  'a',
  'half',
  'halfuur',
  'anderhalf',
  'twee',
  'drie',
  'paar',
  'couple',
  'few',
  'of',
  'one',
  'two',
  'three',
  'the',
  'next',
  'komende',
]);
const SOON_UNIT = new Set([
  'uur',
  'uurtje',
  'minuten',
  'minuut',
  'min',
  'kwartier',
  'halfuur',
  'hour',
  'hours',
  'hr',
  'hrs',
  'minutes',
  'minute',
  'mins',
]);

// Shared by every result without a hit (never written: `hit` replaces it first).
const NO_WORDS: (string | undefined)[] = [];

function hit(h: CueHits, kind: number, word: string): void {
  const bit = 1 << kind;
  if ((h.mask & bit) === 0) {
    if (h.mask === 0) h.words = new Array<string | undefined>(CUE_NAMES.length);
    h.mask |= bit;
    h.words[kind] = word;
  }
  if (kind === CUE.now) h.timeWords += 1;
}

// Handles recur (@KLM, @NS_online): remember what each one is, up to a bound, instead of
// scanning it for press words every time.
const handleMemo = new Map<string, number>();
function handleKind(handle: string): number {
  let k = handleMemo.get(handle);
  if (k !== undefined) return k;
  k = HANDLE_KIND.get(handle) ?? (PRESS_HANDLE_PARTS.some((part) => handle.includes(part)) ? CUE.press : -1);
  if (handleMemo.size < 10_000) handleMemo.set(handle, k);
  return k;
}

/** "over een uur", "in 20 minutes", "within the hour": a deadline within a few hours. */
function deadlineAt(tokens: readonly Token[], i: number): number {
  let j = i + 1;
  let quantity = false;
  for (; j < tokens.length && j <= i + 3; j++) {
    const t = tokens[j] as Token;
    if (SOON_UNIT.has(t.norm)) {
      if (!quantity && t.norm !== 'kwartier' && t.norm !== 'halfuur' && t.norm !== 'hour') return -1;
      return j;
    }
    if (t.kind === 'number') {
      const n = Number.parseFloat(t.norm);
      if (!(n >= 0 && n <= 90)) return -1;
      quantity = true;
    } else if (t.kind === 'word' && QUANTITY.has(t.norm)) quantity = true;
    else return -1;
  }
  return -1;
}

const isUpper = (s: string): boolean => {
  const c = s.charCodeAt(0);
  return c >= 65 && c <= 90;
};

/**
 * Find the escalation cues in the analysed tokens, in one pass. A fresh result per call
 * (the words array is only allocated when a cue fires). `brandHandles` are skipped, so
 * a brand that is itself a news outlet does not count as "tagging the press". `entries`: the
 * tokens' lexicon entries, when the caller looked them up already.
 *
 * @example
 * ```ts
 * const hits = findCues(analyzeText('Pas op voor @bol, nooit meer!').tokens, 'nl', new Set());
 * (hits.mask & (1 << CUE.warn)) !== 0; // true
 * ```
 */
export function findCues(
  tokens: readonly Token[],
  language: string,
  brandHandles: ReadonlySet<string>,
  entries: readonly (Entry | undefined)[] = lookupTokens(tokens, []),
): CueHits {
  const h: CueHits = { mask: 0, words: NO_WORDS, timeWords: 0 };
  const en = language === 'en';
  const n = tokens.length;
  for (let i = 0; i < n; i++) {
    const t = tokens[i] as Token;
    const kind = t.kind;
    if (kind === 'punct' || kind === 'url' || kind === 'emoji' || kind === 'emoticon') continue;
    if (kind === 'mention') {
      if (brandHandles.has(t.norm)) continue;
      const k = handleKind(t.norm);
      if (k >= 0) hit(h, k, t.raw);
      continue;
    }
    if (kind === 'hashtag') {
      const k = HASHTAG_KIND.get(t.norm);
      if (k !== undefined) {
        hit(h, k, t.raw);
        continue;
      }
    }
    const e = entries[i];
    const node = e === undefined ? undefined : en ? e.cueEn : e.cueAll;
    if (node === undefined) continue;
    if (node.prep) {
      const end = deadlineAt(tokens, i);
      if (end > 0) {
        hit(h, CUE.deadline, `${t.norm} ${(tokens[end - 1] as Token).norm} ${(tokens[end] as Token).norm}`);
        i = end;
        continue;
      }
    }
    // Longest phrase wins: walk forward while the next word continues a phrase.
    let best = node.kind >= 0 && (!node.proper || kind !== 'word' || isUpper(t.raw)) ? node : undefined;
    let bestEnd = i;
    let cur = node;
    let j = i + 1;
    while (cur.next !== undefined && j < n && kind !== 'hashtag') {
      const ne = entries[j];
      const nx = ne === undefined ? undefined : cur.next.get(ne);
      if (nx === undefined) break;
      cur = nx;
      if (cur.kind >= 0) {
        best = cur;
        bestEnd = j;
      }
      j++;
    }
    if (best === undefined) continue;
    if (bestEnd === i) hit(h, best.kind, t.norm);
    else {
      let phrase = t.norm;
      for (let k = i + 1; k <= bestEnd; k++) phrase += ` ${(tokens[k] as Token).norm}`;
      hit(h, best.kind, phrase);
    }
    i = bestEnd;
  }
  return h;
}

/**
 * Whether a cue kind fired.
 *
 * @example
 * ```ts
 * has(findCues(tokens, 'en', new Set()), 'legal'); // true for "I'll see you in court"
 * ```
 */
export function has(h: CueHits, kind: CueKind): boolean {
  return (h.mask & (1 << CUE[kind])) !== 0;
}

/**
 * The word or phrase that fired a cue kind, or `undefined`.
 *
 * @example
 * ```ts
 * cueWord(hits, 'warn'); // 'pas op'
 * ```
 */
export function cueWord(h: CueHits, kind: CueKind): string | undefined {
  return has(h, kind) ? h.words[CUE[kind]] : undefined;
}
