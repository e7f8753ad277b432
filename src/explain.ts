/**
 * Explanations: the message table of every escalation reason code in English and Dutch, Dutch
 * messages for the classifier's reasons, and `explain(assessment)`, which renders an assessment
 * as a few readable lines for a webcare agent.
 * @module
 */
import { channelFailureMessage } from './escalate/channel-failure.js';
import type { Assessment, Reason, ReasonTarget, Severity } from './types.js';
import { own } from './own.js';

/**
 * A language for messages.
 *
 * @example
 * ```ts
 * import { explain, scoreMention, type Locale } from 'webcare';
 *
 * const locale: Locale = 'nl';
 * explain(scoreMention('Pas op!'), { locale });
 * ```
 */
export type Locale = 'en' | 'nl';

/**
 * A message template of {@link ESCALATION_MESSAGES}: `[english, dutch]`, each a function of the
 * reason's `detail` (a word, a number or a severity level; unused by some templates).
 *
 * @example
 * ```ts
 * import type { MessageTemplate } from 'webcare';
 * const followers: MessageTemplate = [(d) => `${d} followers`, (d) => `${d} volgers`];
 * followers[1]('250'); // '250 volgers'
 * ```
 */
export type MessageTemplate = readonly [en: (d: string) => string, nl: (d: string) => string];

const SEVERITY_NL: Record<string, string> = {
  none: 'geen',
  no_explicit_reproach: 'geen expliciet verwijt',
  disapproval: 'afkeuring',
  accusation: 'beschuldiging',
  blame: 'schuld toewijzen',
};
const SEVERITY_EN: Record<string, string> = {
  none: 'none',
  no_explicit_reproach: 'no explicit reproach',
  disapproval: 'disapproval',
  accusation: 'accusation',
  blame: 'blame',
};

// Field i of a "a|b" detail, without allocating an array.
const part = (d: string, i: number): string => {
  const bar = d.indexOf('|');
  if (bar < 0) return i === 0 ? d : '';
  return i === 0 ? d.slice(0, bar) : d.slice(bar + 1);
};
const q = (d: string): string => (d === '' ? '' : ` ("${d}")`);

/**
 * The engagement part of a reach message ("12 reposts, 30 likes"), straight from the counts.
 *
 * @example
 * ```ts
 * engagementText(12, 0, 3, 30, false); // '12 reposts, 3 replies, 30 likes'
 * ```
 */
export function engagementText(reposts: number, quotes: number, replies: number, likes: number, nl: boolean): string {
  let out = reposts > 0 ? `${reposts} reposts` : '';
  if (quotes > 0) out += out === '' ? `${quotes} quotes` : `, ${quotes} quotes`;
  if (replies > 0) {
    const unit = nl ? 'reacties' : 'replies';
    out += out === '' ? `${replies} ${unit}` : `, ${replies} ${unit}`;
  }
  if (likes > 0) out += out === '' ? `${likes} likes` : `, ${likes} likes`;
  return out;
}

/**
 * A reach-engagement message from its counts ("shared so far: 12 reposts, 30 likes"): the one
 * text the reach stage writes and the message table re-renders from a stored detail.
 *
 * @example
 * ```ts
 * engagementMessage(12, 0, 0, 30, false); // 'shared so far: 12 reposts, 30 likes'
 * ```
 */
export function engagementMessage(
  reposts: number,
  quotes: number,
  replies: number,
  likes: number,
  nl: boolean,
): string {
  const counts = engagementText(reposts, quotes, replies, likes, nl);
  return nl ? `tot nu toe: ${counts}` : `shared so far: ${counts}`;
}

/**
 * A reach-projection message from the post's age in hours and the projection factor: the one
 * text the reach stage writes and the message table re-renders from a stored detail.
 *
 * @example
 * ```ts
 * projectionMessage(2.5, 1.8, false); // '2.5 h old: engagement projected ×1.8 to its final size'
 * ```
 */
export function projectionMessage(age: number | string, factor: number | string, nl: boolean): string {
  return nl
    ? `${age} uur oud: interactie ×${factor} doorgerekend naar de eindstand`
    : `${age} h old: engagement projected ×${factor} to its final size`;
}

// Re-rendering a stored "reposts|quotes|replies|likes" detail (not the scoring path).
function engagement(d: string, nl: boolean): string {
  const [r = 0, q = 0, p = 0, l = 0] = d.split('|').map(Number);
  return engagementMessage(r, q, p, l, nl);
}

const NOTES: Record<string, readonly [string, string]> = {
  s: ['spam is never prioritised', 'spam krijgt nooit voorrang'],
  c: ['other channels failed', 'andere kanalen faalden'],
  r: ['repeat contact', 'herhaald contact'],
  f: [
    'a complaint, question or criticism addressed to us always gets an answer',
    'een klacht, vraag of kritiek aan ons gericht krijgt altijd antwoord',
  ],
  q: ['no complaint or question', 'geen klacht of vraag'],
};

/**
 * The tail a built-in policy's notes add to its message ("; other channels failed"), in a locale.
 * The policies append it to the message they build; `policyMessage` to the one it re-renders.
 *
 * @example
 * ```ts
 * policyNotes('cr', false); // '; other channels failed; repeat contact'
 * ```
 */
export function policyNotes(notes: string, nl: boolean): string {
  let m = '';
  for (const n of notes) {
    const t = own(NOTES, n);
    if (t !== undefined) m += `; ${t[nl ? 1 : 0]}`;
  }
  return m;
}

function policyMessage(d: string, la: string, lb: string, nl: boolean): string {
  const [a, b, score, notes = ''] = d.split('|');
  if (notes === 's') return (NOTES.s as readonly [string, string])[nl ? 1 : 0];
  return `${la} ${a}, ${lb} ${b} → ${score}${policyNotes(notes, nl)}`;
}

/**
 * Message templates per escalation reason code: `[english, dutch]`, each a function of the
 * reason's `detail`. Codes are stable; messages may be reworded.
 *
 * @example
 * ```ts
 * import { ESCALATION_MESSAGES } from 'webcare';
 * ESCALATION_MESSAGES['pillory-warn']?.[1]('pas op'); // 'waarschuwt anderen ("pas op")'
 * ```
 */
export const ESCALATION_MESSAGES: Readonly<Record<string, MessageTemplate>> = {
  // reach
  'reach-private': [() => 'private message: only the brand sees it', () => 'privébericht: alleen het merk ziet het'],
  'reach-followers': [(d) => `${d} followers`, (d) => `${d} volgers`],
  'reach-prior': [
    (d) => `followers unknown: a typical ${d} account assumed`,
    (d) => `aantal volgers onbekend: een gemiddeld ${d}-account aangenomen`,
  ],
  'reach-audience': [
    (d) => `readers without following the author on ${d} (search, feeds, forum)`,
    (d) => `lezers die de auteur niet volgen op ${d} (zoeken, feeds, forum)`,
  ],
  'reach-reply': [
    () => 'a reply: fewer people see it than a post',
    () => 'een reactie: minder mensen zien die dan een bericht',
  ],
  'reach-media': [() => 'photo or video attached', () => 'foto of video bijgevoegd'],
  'reach-verified': [
    () => 'verified account: shown to more people',
    () => 'geverifieerd account: meer mensen zien het',
  ],
  'reach-engagement': [(d) => engagement(d, false), (d) => engagement(d, true)],
  'reach-projection': [
    (d) => projectionMessage(part(d, 0), part(d, 1), false),
    (d) => projectionMessage(part(d, 0), part(d, 1), true),
  ],
  'reach-views': [(d) => `${d} views so far`, (d) => `${d} weergaven tot nu toe`],
  // pillory
  'pillory-negativity': [() => 'negative tone', () => 'negatieve toon'],
  'pillory-complaint': [() => 'likely a complaint', () => 'waarschijnlijk een klacht'],
  'pillory-severity': [
    (d) => `severity: ${own(SEVERITY_EN, d) ?? `about ${d} of 4`}`,
    (d) => `ernst: ${own(SEVERITY_NL, d) ?? `ongeveer ${d} van 4`}`,
  ],
  // The built-in priority policies: detail is "a|b|score|notes" (notes: c channel failure,
  // r repeat contact, f floor for a complaint or question, q no need).
  'policy-default': [
    (d) => policyMessage(d, 'urgency', 'pillory risk', false),
    (d) => policyMessage(d, 'urgentie', 'schandpaalrisico', true),
  ],
  'policy-fair': [
    (d) => policyMessage(d, 'urgency', 'severity', false),
    (d) => policyMessage(d, 'urgentie', 'ernst', true),
  ],
  'pillory-warn': [(d) => `warns others${q(d)}`, (d) => `waarschuwt anderen${q(d)}`],
  'pillory-shame': [(d) => `shames the brand in public${q(d)}`, (d) => `zet het merk publiekelijk te kijk${q(d)}`],
  'pillory-share': [(d) => `calls to share or boycott${q(d)}`, (d) => `roept op tot delen of boycot${q(d)}`],
  'pillory-never': [(d) => `says never again${q(d)}`, (d) => `zegt nooit meer${q(d)}`],
  'pillory-leave': [(d) => `threatens to leave${q(d)}`, (d) => `dreigt op te zeggen of over te stappen${q(d)}`],
  'pillory-legal': [(d) => `threatens legal steps${q(d)}`, (d) => `dreigt met juridische stappen${q(d)}`],
  'pillory-press': [
    (d) => `names or tags the press or a consumer programme${q(d)}`,
    (d) => `noemt of tagt de pers of een consumentenprogramma${q(d)}`,
  ],
  'pillory-regulator': [
    (d) => `names a regulator or ombudsman${q(d)}`,
    (d) => `noemt een toezichthouder of geschillencommissie${q(d)}`,
  ],
  'pillory-review': [(d) => `threatens a bad review${q(d)}`, (d) => `dreigt met een slechte review${q(d)}`],
  'pillory-evidence': [(d) => `shows evidence${q(d)}`, (d) => `laat bewijs zien${q(d)}`],
  'pillory-channel-failure': [
    () => 'already tried other channels (kanaalsturing)',
    () => 'heeft andere kanalen al geprobeerd (kanaalsturing)',
  ],
  'repeat-contact': [
    (d) => `${d} earlier contact${d === '1' ? '' : 's'} by this author`,
    (d) => `${d} eerder${d === '1' ? '' : 'e'} contact${d === '1' ? '' : 'en'} van deze auteur`,
  ],
  'pillory-reach': [
    (d) => (d === '1' ? 'reaches only the brand' : `reaches about ${d} people`),
    (d) => (d === '1' ? 'bereikt alleen het merk' : `bereikt zo'n ${d} mensen`),
  ],

  'pillory-momentum': [
    (d) => `spreading: ${d} shares and replies per hour`,
    (d) => `verspreidt zich: ${d} keer gedeeld of beantwoord per uur`,
  ],
  'pillory-spam': [() => 'spam: no pillory risk', () => 'spam: geen risico op de schandpaal'],
  // urgency
  'urgency-travel-now': [
    (d) => `travel about to leave or stranded${q(d)}`,
    (d) => `reis vertrekt zo of reiziger gestrand${q(d)}`,
  ],
  'urgency-travel': [(d) => `travel${q(d)}`, (d) => `reis${q(d)}`],
  'urgency-deadline': [(d) => `a deadline within hours${q(d)}`, (d) => `een deadline binnen enkele uren${q(d)}`],
  'urgency-now': [(d) => `needs it now${q(d)}`, (d) => `heeft het nu nodig${q(d)}`],
  'urgency-asap': [(d) => `asks for urgent help${q(d)}`, (d) => `vraagt om spoed${q(d)}`],
  'urgency-utility': [(d) => `without an essential service${q(d)}`, (d) => `zit zonder een basisvoorziening${q(d)}`],
  'urgency-home-work': [
    (d) => `work or an appointment depends on it${q(d)}`,
    (d) => `werk of een afspraak hangt ervan af${q(d)}`,
  ],
  'urgency-money': [
    (d) => `money gone or charged wrongly${q(d)}`,
    (d) => `geld kwijt of onterecht afgeschreven${q(d)}`,
  ],
  'urgency-safety': [(d) => `safety or health at risk${q(d)}`, (d) => `veiligheid of gezondheid in gevaar${q(d)}`],
  'urgency-vulnerable': [
    (d) => `a vulnerable person is affected${q(d)}`,
    (d) => `een kwetsbaar persoon is getroffen${q(d)}`,
  ],
  'urgency-no-rush': [(d) => `says there is no rush${q(d)}`, (d) => `zegt dat het geen haast heeft${q(d)}`],
  'urgency-problem': [() => 'an unresolved problem', () => 'een onopgelost probleem'],
  'urgency-channel-failure': [
    () => 'still waiting after other channels failed',
    () => 'wacht nog steeds nadat andere kanalen faalden',
  ],
  'urgency-question': [() => 'waits for an answer', () => 'wacht op een antwoord'],
  // advice
  'advice-spam': [() => 'spam or a bot: do not engage', () => 'spam of een bot: niet op reageren'],
  'advice-bot': [
    (d) => `an automated account${q(d)}: do not engage`,
    (d) => `een geautomatiseerd account${q(d)}: niet op reageren`,
  ],
  'advice-personal': [
    (d) => `needs personal data${q(d)}: answer publicly, then continue in a DM`,
    (d) => `persoonlijke gegevens nodig${q(d)}: reageer openbaar, ga daarna verder in een DM`,
  ],
  'advice-public': [(d) => `answer in public: ${d}`, (d) => `reageer openbaar: ${d}`],
  'advice-monitor': [
    () => 'a passing mention with no question or complaint: monitor only, no unsolicited sales',
    () => 'een terloopse vermelding zonder vraag of klacht: alleen volgen, geen ongevraagde verkoop',
  ],
};

// A Map for the per-call lookup: the table's dashed keys put the object in dictionary mode.
const TEMPLATES = new Map(Object.entries(ESCALATION_MESSAGES));

const PUBLIC_WHY: Record<string, readonly [string, string]> = {
  complaint: ['a complaint about a general problem', 'een klacht over een algemeen probleem'],
  question: ['a question anyone may read the answer to', 'een vraag waarvan iedereen het antwoord mag lezen'],
  praise: ['thank them personally', 'bedank persoonlijk'],
  suggestion: ['thank them and pass it to the product team', 'bedank en geef het door aan het productteam'],
  risk: ['visible criticism: show you respond', 'zichtbare kritiek: laat zien dat je reageert'],
  criticism: ['criticism addressed to you', 'kritiek aan jullie gericht'],
  urgent: ['an urgent need', 'een dringende hulpvraag'],
};

/**
 * The message of an escalation reason in a locale.
 *
 * @example
 * ```ts
 * import { reasonMessage } from 'webcare';
 *
 * reasonMessage('pillory-warn', 'nl', 'pas op'); // 'waarschuwt anderen ("pas op")'
 * ```
 */
export function reasonMessage(code: string, locale: Locale, detail = ''): string {
  const t = TEMPLATES.get(code);
  if (t === undefined) return detail;
  if (code === 'advice-public') {
    const why = own(PUBLIC_WHY, detail);
    return t[locale === 'nl' ? 1 : 0](why === undefined ? detail : why[locale === 'nl' ? 1 : 0]);
  }
  return locale === 'nl' ? t[1](detail) : t[0](detail);
}

/**
 * Push one escalation reason with its message in the scoring locale. Internal to the stages.
 *
 * @example
 * ```ts
 * pushReason(ctx.reasons, ctx.locale, 'pillory-warn', 1.2, 'pillory', 'pas op');
 * ```
 */
export function pushReason(
  reasons: Reason[],
  locale: Locale,
  code: string,
  weight: number,
  target: ReasonTarget,
  detail?: string,
  message?: string,
): void {
  const r: Reason = {
    code,
    // A stage may pass the message it built from numbers it had anyway (the same text the
    // table renders from `detail`), saving the parse on the hot path.
    message: message ?? reasonMessage(code, locale, detail),
    weight: Math.round(weight * 100) / 100,
    target,
  };
  if (detail !== undefined) r.detail = detail;
  reasons.push(r);
}

// Dutch messages of the classifier's reasons, by the feature part of their code
// (`<target>-<feature>`); a quoted word at the end of the English message is kept.
const CLASSIFIER_NL: Record<string, string> = {
  pos: 'positieve woorden',
  neg: 'negatieve woorden',
  net: 'algehele gevoelswaarde van de woorden',
  'pos-max': 'een sterk positief woord',
  'neg-max': 'een sterk negatief woord',
  'negated-pos': 'een ontkend positief woord ("niet goed")',
  'negated-neg': 'een ontkend negatief woord ("niet slecht")',
  'last-clause-net': 'de zin na "maar"/"but"',
  'emo-pos': 'positieve emoji',
  'emo-neg': 'negatieve emoji',
  exclaim: 'uitroeptekens',
  question: 'een vraag',
  caps: 'woorden in hoofdletters',
  elongated: 'uitgerekte woorden ("zooo")',
  urls: 'links',
  mentions: 'genoemde accounts',
  hashtags: 'hashtags',
  'starts-with-mention': 'spreekt een account direct aan',
  'addresses-brand': 'spreekt het merk aan',
  length: 'lengte van de tekst',
  numbers: 'getallen',
  'negated-function': 'iets dat niet werkt, aankomt of antwoordt',
  'time-span': 'hoe lang het al duurt',
  repeat: 'herhaalde pogingen',
  negators: 'ontkenning',
  intensified: 'versterkte woorden ("echt", "really")',
  'why-question': 'vraagt waarom',
  'still-not': '"nog steeds niet" / "still not"',
  'neg-second': 'negatieve woorden gericht aan "jullie"/"you"',
  'sent-neg': 'negatief sentiment',
  'sent-pos': 'positief sentiment',
  'thanks-neg': 'bedankt naast een probleem (ironie)',
  problem: 'noemt een probleem',
  'function-verb': 'noemt een functie van de dienst',
  persist: 'zegt dat het blijft gebeuren',
  'time-unit': 'noemt een tijdsduur',
  since: 'zegt sinds wanneer',
  attempt: 'zegt hulp te hebben gezocht',
  promise: 'een gebroken belofte',
  refund: 'vraagt geld terug',
  why: 'vraagt waarom',
  'when-where': 'vraagt wanneer of waar',
  'cs-fail': 'niemand helpt of antwoordt',
  disappoint: 'is teleurgesteld',
  possessive: 'over de eigen zaak',
  second: 'spreekt het bedrijf aan',
  thanks: 'bedankt iemand',
  'info-question': 'vraagt om informatie',
  leave: 'dreigt weg te gaan',
  accuse: 'beschuldigt het bedrijf',
  blame: 'geeft het bedrijf de schuld',
  profanity: 'vloekt',
  suggest: 'doet een suggestie',
  greeting: 'groet',
  irony: 'ironische lof',
  words: 'aangeleerde gewichten van woorden en woordparen',
  'cat-disruption': 'noemt een storing of vertraging',
  'cat-delivery': 'noemt een levering of bagage',
  'cat-billing': 'noemt betalen of een factuur',
  'cat-product': 'noemt het product',
  'cat-customer-service': 'noemt de klantenservice',
  'cat-booking': 'noemt een bestelling, boeking of account',
  'cat-privacy': 'noemt privacy of beveiliging',
  'neg-mention': 'negatief en gericht aan een account',
  'neg-start': 'negatief en begint met een account',
  'neg-question': 'een negatieve vraag',
  'pos-mention': 'positief en gericht aan een account',
  'neg-possessive': 'negatief over de eigen zaak',
  'problem-mention': 'een probleem, gericht aan een account',
  'url-mention': 'een link, gericht aan een account',
  'spam-money': 'geldaanbod',
  'spam-contact': 'privécontact',
  'spam-follow': 'volg-voor-volg',
  'spam-promo': 'promotie',
};

const SPAM_PARTS: readonly (readonly [string, string])[] = [
  ['money offer', 'geldaanbod'],
  ['private contact', 'privécontact'],
  ['follow-for-follow', 'volg-voor-volg'],
  ['promotion', 'promotie'],
];

const CATEGORY_NL: Record<string, string> = {
  'category-disruption': 'gaat over een storing, vertraging of annulering',
  'category-delivery': 'gaat over een levering of bagage',
  'category-billing': 'gaat over betalen, facturen of terugbetaling',
  'category-product': 'gaat over het product of de ervaring zelf',
  'category-customer-service': 'gaat over de klantenservice',
  'category-booking': 'gaat over een bestelling, boeking, account of contract',
  'category-privacy': 'gaat over privacy of beveiliging',
  'category-other': 'overig onderwerp',
};

const INTENT_NL: Record<string, string> = {
  'intent-spam': 'de spamdetector sloeg aan',
  'intent-complaint': 'geclassificeerd als klacht',
  'intent-question': 'stelt een vraag',
  'intent-praise': 'positief en geen klacht',
  'intent-other': 'geen klacht, vraag, suggestie of lof',
  'intent-suggestion': 'doet een suggestie',
};

const TAIL = /\s\("[^"]*"\)$/u;
const QUOTED = /"([^"]*)"/u;
const CLASSIFIER_TARGETS = ['sentiment-', 'complaint-', 'severity-', 'category-', 'intent-', 'spam-'];

/**
 * A reason's message in a locale: escalation codes are re-rendered from their `detail`,
 * classifier codes from the Dutch table (keeping the quoted word); unknown codes are kept as
 * they are.
 *
 * @example
 * ```ts
 * import { localizeMessage } from 'webcare';
 *
 * localizeMessage({ code: 'pillory-warn', message: 'warns others ("beware")', weight: 1.3, detail: 'beware' }, 'nl');
 * // 'waarschuwt anderen ("beware")'
 * ```
 */
export function localizeMessage(r: Reason, locale: Locale): string {
  if (own(ESCALATION_MESSAGES, r.code) !== undefined) {
    // A reason made elsewhere (e.g. the monitor's repeat-contact) may carry no detail.
    if (r.detail === undefined && locale === 'en') return r.message;
    const detail = r.detail ?? (r.code === 'repeat-contact' ? (/\d+/u.exec(r.message)?.[0] ?? '') : '');
    return reasonMessage(r.code, locale, detail);
  }
  if (r.code === 'channel-failure' && r.detail !== undefined) return channelFailureMessage(r.detail, locale);
  if (locale === 'en') return r.message;
  if (r.code === 'text-truncated')
    return r.message.replace(
      /^only the first (\d+) of (\d+) characters were analysed$/u,
      'alleen de eerste $1 van $2 tekens zijn geanalyseerd',
    );
  const fixed = own(CATEGORY_NL, r.code) ?? own(INTENT_NL, r.code);
  if (fixed !== undefined) {
    if (r.code === 'intent-suggestion') {
      const m = QUOTED.exec(r.message);
      return m === null ? fixed : `${fixed} ("${m[1]}")`;
    }
    return fixed;
  }
  if (r.code === 'spam') {
    let m = r.message;
    for (const [en, nl] of SPAM_PARTS) m = m.replace(en, nl);
    return m;
  }
  for (const prefix of CLASSIFIER_TARGETS) {
    if (!r.code.startsWith(prefix)) continue;
    let feature = r.code.slice(prefix.length);
    // A concept counted again when the mention tags someone: "tagged:problem".
    const tagged = feature.startsWith('tagged:');
    if (tagged) feature = feature.slice(7).replace(/[A-Z]/gu, (m) => `-${m.toLowerCase()}`);
    const found = own(CLASSIFIER_NL, feature);
    const base = found === undefined || !tagged ? found : `${found}, gericht aan een account`;
    if (base === undefined) return r.message;
    const tail = TAIL.exec(r.message);
    if (tail !== null) return base + tail[0];
    if (feature === 'neg-max' || feature === 'pos-max') {
      const m = QUOTED.exec(r.message);
      if (m !== null) return `${feature === 'neg-max' ? 'negatief' : 'positief'} woord "${m[1]}"`;
    }
    return base;
  }
  return r.message;
}

/**
 * Render every reason of a list in a locale (a new list; the input is not changed).
 *
 * @example
 * ```ts
 * import { localizeReasons, scoreMention } from 'webcare';
 *
 * localizeReasons(scoreMention('Pas op!').reasons, 'nl');
 * ```
 */
export function localizeReasons(reasons: readonly Reason[], locale: Locale): Reason[] {
  return reasons.map((r) => ({ ...r, message: localizeMessage(r, locale) }));
}

/**
 * Options of {@link explain}.
 *
 * @example
 * ```ts
 * import { explain, scoreMention, type ExplainOptions } from 'webcare';
 *
 * const options: ExplainOptions = { locale: 'nl', maxReasons: 3 };
 * explain(scoreMention('Nooit meer!'), options);
 * ```
 */
export interface ExplainOptions {
  /** Language of the explanation. Default `'en'`. */
  locale?: Locale;
  /** Show at most this many reasons per section. Default 6. */
  maxReasons?: number;
}

const ADVICE: Record<string, readonly [string, string]> = {
  'reply-publicly-then-dm': ['reply publicly, then continue in a DM', 'reageer openbaar, ga daarna verder in een DM'],
  'reply-publicly': ['reply publicly', 'reageer openbaar'],
  monitor: ['monitor only', 'alleen volgen'],
  'do-not-engage': ['do not engage', 'niet op reageren'],
};

const LABELS = {
  en: {
    within: 'respond within',
    min: 'min',
    complaint: 'complaint',
    notComplaint: 'no complaint',
    severity: 'severity',
    sentiment: 'sentiment',
    intent: 'intent',
    team: 'team',
    reach: 'reach: about',
    people: 'people',
    person: 'person',
    pillory: 'pillory risk',
    urgency: 'urgency',
    priority: 'priority',
    advice: 'advice',
    other: 'other reasons',
    identifiers: 'identifiers',
    customer: 'customer',
    channel: 'tried other channels first',
  },
  nl: {
    within: 'reageer binnen',
    min: 'min',
    complaint: 'klacht',
    notComplaint: 'geen klacht',
    severity: 'ernst',
    sentiment: 'sentiment',
    intent: 'bedoeling',
    team: 'team',
    reach: "bereik: zo'n",
    people: 'mensen',
    person: 'persoon',
    pillory: 'risico op de schandpaal',
    urgency: 'urgentie',
    priority: 'prioriteit',
    advice: 'advies',
    other: 'overige redenen',
    identifiers: 'kenmerken',
    customer: 'klant',
    channel: 'heeft eerst andere kanalen geprobeerd',
  },
} as const;

const SENTIMENT_NL: Record<string, string> = { negative: 'negatief', neutral: 'neutraal', positive: 'positief' };
const INTENT_NAME_NL: Record<string, string> = {
  complaint: 'klacht',
  question: 'vraag',
  praise: 'lof',
  suggestion: 'suggestie',
  spam: 'spam',
  other: 'overig',
};

const fmt = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/gu, ',');
// Two decimals rounded half up, as the policies print them (toFixed alone rounds 0.955 down).
const f2 = (x: number): string => (Math.round(x * 100) / 100).toFixed(2);
const signed = (w: number): string => (w >= 0 ? `+${w.toFixed(2)}` : w.toFixed(2));

function section(
  lines: string[],
  title: string,
  reasons: readonly Reason[],
  targets: readonly (ReasonTarget | undefined)[],
  locale: Locale,
  max: number,
): void {
  // Strongest first: the reader sees what decided the score before the small print.
  const mine = reasons
    .filter((r) => targets.includes(r.target))
    .sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight));
  if (mine.length === 0) return;
  lines.push(title);
  for (const r of mine.slice(0, max)) {
    // Reach reasons weigh in people, the others in score units.
    const w = r.target === 'reach' ? `${r.weight >= 0 ? '+' : '-'}${fmt(Math.abs(r.weight))}` : signed(r.weight);
    lines.push(`  ${w}  ${localizeMessage(r, locale)}  [${r.code}]`);
  }
  if (mine.length > max) lines.push(`  … ${mine.length - max}`);
}

/**
 * Render an assessment as a readable, multi-line explanation: the decision first (priority,
 * response time, advice, team), then each score with the reasons behind it.
 *
 * @example
 * ```ts
 * import { explain, scoreMention } from 'webcare';
 * console.log(explain(scoreMention('Pas op voor @bol, nooit meer!'), { locale: 'nl' }));
 * // P2 · reageer binnen 60 min · reageer openbaar
 * // klacht (ernst: afkeuring) · sentiment negatief (-0.62) · bedoeling klacht · team webcare
 * // risico op de schandpaal 0.83
 * //   +1.30  waarschuwt anderen ("pas op")  [pillory-warn]
 * // ...
 * ```
 */
export function explain(a: Assessment, options: ExplainOptions = {}): string {
  const locale: Locale = options.locale === 'nl' ? 'nl' : 'en';
  const max = options.maxReasons ?? 6;
  const L = LABELS[locale];
  const nl = locale === 'nl';
  const lines: string[] = [];
  const advice = own(ADVICE, a.replyAdvice)?.[nl ? 1 : 0] ?? a.replyAdvice;
  lines.push(`${a.priority} · ${L.within} ${fmt(a.respondWithinMinutes)} ${L.min} · ${advice}`);
  const sev: Severity = a.complaint.severity;
  const complaint = a.complaint.isComplaint
    ? `${L.complaint} (${L.severity}: ${(nl ? own(SEVERITY_NL, sev) : own(SEVERITY_EN, sev)) ?? sev}${a.complaint.categories.length > 0 ? `; ${a.complaint.categories.join(', ')}` : ''})`
    : L.notComplaint;
  const sentiment = nl ? (own(SENTIMENT_NL, a.sentiment.label) ?? a.sentiment.label) : a.sentiment.label;
  const intent = nl ? (own(INTENT_NAME_NL, a.intent) ?? a.intent) : a.intent;
  let summary = `${complaint} · ${L.sentiment} ${sentiment} (${a.sentiment.score.toFixed(2)}) · ${L.intent} ${intent}`;
  if (a.team !== undefined) summary += ` · ${L.team} ${a.team}`;
  lines.push(summary);
  if (a.customerName !== undefined) lines.push(`${L.customer}: ${a.customerName}`);
  if (a.channelFailure.detected) lines.push(L.channel);
  if (a.identifiers.length > 0) {
    lines.push(`${L.identifiers}: ${a.identifiers.map((i) => `${i.type} ${i.value}`).join(', ')}`);
  }
  section(lines, `${L.priority} ${a.priority}`, a.reasons, ['priority'], locale, max);
  section(lines, `${L.urgency} ${f2(a.urgency)}`, a.reasons, ['urgency'], locale, max);
  section(lines, `${L.pillory} ${f2(a.pilloryRisk)}`, a.reasons, ['pillory'], locale, max);
  section(
    lines,
    `${L.reach} ${fmt(a.reach.estimated)} ${a.reach.estimated === 1 ? L.person : L.people} (${fmt(a.reach.low)}–${fmt(a.reach.high)})`,
    a.reasons,
    ['reach'],
    locale,
    max,
  );
  section(lines, L.advice, a.reasons, ['advice'], locale, max);
  section(
    lines,
    L.other,
    a.reasons,
    ['sentiment', 'complaint', 'severity', 'category', 'intent', 'spam', 'input', undefined],
    locale,
    max,
  );
  return lines.join('\n');
}
