/**
 * The public types of webcare: what goes in (`Mention`) and what comes out (`Assessment`).
 * Types first: every other module is written against these.
 * @module
 */

/**
 * A language webcare understands, or `'und'` when it cannot tell.
 * @example
 * ```ts
 * import { scoreMention, type Language } from 'webcare';
 * const lang: Language = scoreMention('Mijn pakket is weer niet bezorgd').language; // 'nl'
 * ```
 */
export type Language = 'nl' | 'en' | 'und';

/**
 * Sentiment label of a mention.
 * @example
 * ```ts
 * import { scoreMention, type SentimentLabel } from 'webcare';
 * const label: SentimentLabel = scoreMention('Great crew on my flight today, thanks!').sentiment.label; // 'positive'
 * ```
 */
export type SentimentLabel = 'negative' | 'neutral' | 'positive';

/**
 * Complaint severity on the four levels of Jin & Aletras (2021), plus `none`.
 * @example
 * ```ts
 * import { SEVERITY_LEVELS, scoreMention, type Severity } from 'webcare';
 * const severity: Severity = scoreMention('Third time my parcel is lost. Useless.').complaint.severity;
 * const level = SEVERITY_LEVELS.indexOf(severity); // 0 (none) .. 4 (blame)
 * ```
 */
export type Severity = 'none' | 'no_explicit_reproach' | 'disapproval' | 'accusation' | 'blame';

/**
 * The ordered severity levels; the index is the level (0..4).
 * @example
 * ```ts
 * import { SEVERITY_LEVELS, scoreMention } from 'webcare';
 * const a = scoreMention('You charged me twice and nobody answers my emails.');
 * const atLeastDisapproval = SEVERITY_LEVELS.indexOf(a.complaint.severity) >= 2;
 * ```
 */
export const SEVERITY_LEVELS: readonly Severity[] = [
  'none',
  'no_explicit_reproach',
  'disapproval',
  'accusation',
  'blame',
] as const;

/**
 * What a complaint is about.
 * @example
 * ```ts
 * import { scoreMention, type Category } from 'webcare';
 * const [top]: Category[] = scoreMention('Mijn pakket is weer niet bezorgd').complaint.categories; // 'delivery'
 * ```
 */
export type Category =
  | 'disruption'
  | 'delivery'
  | 'billing'
  | 'product'
  | 'customer_service'
  | 'booking'
  | 'privacy'
  | 'other';

/**
 * Every category, in a stable order.
 * @example
 * ```ts
 * import { CATEGORIES } from 'webcare';
 * const perCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0])); // { disruption: 0, delivery: 0, ... }
 * ```
 */
export const CATEGORIES: readonly Category[] = [
  'disruption',
  'delivery',
  'billing',
  'product',
  'customer_service',
  'booking',
  'privacy',
  'other',
] as const;

/**
 * What the author wants.
 * @example
 * ```ts
 * import { scoreMention, type Intent } from 'webcare';
 * const intent: Intent = scoreMention('Earn $500 a day with crypto, DM me now!!!').intent; // 'spam'
 * ```
 */
export type Intent = 'complaint' | 'question' | 'praise' | 'suggestion' | 'spam' | 'other';

/**
 * Triage priority, P1 first.
 * @example
 * ```ts
 * import { scoreMention, type Priority } from 'webcare';
 * const order: Record<Priority, number> = { P1: 0, P2: 1, P3: 2, P4: 3 };
 * const queue = ['Storing al 3 dagen!', 'Leuke actie'].map((t) => scoreMention(t));
 * queue.sort((a, b) => order[a.priority] - order[b.priority]);
 * ```
 */
export type Priority = 'P1' | 'P2' | 'P3' | 'P4';

/**
 * How the webcare team should respond.
 * @example
 * ```ts
 * import { scoreMention, type ReplyAdvice } from 'webcare';
 * const advice: ReplyAdvice = scoreMention('Earn $500 a day with crypto, DM me now!!!').replyAdvice; // 'do-not-engage'
 * ```
 */
export type ReplyAdvice = 'reply-publicly-then-dm' | 'reply-publicly' | 'monitor' | 'do-not-engage';

/**
 * Where a mention came from. Adapters use their own name; hosts may use any string.
 * @example
 * ```ts
 * import { scoreMention, type SourceName } from 'webcare';
 * const source: SourceName = 'helpdesk-form'; // any string; the adapters' names autocomplete
 * scoreMention({ text: 'Waar blijft mijn retourbedrag?', source });
 * ```
 */
export type SourceName =
  | 'mastodon'
  | 'bluesky'
  | 'x'
  | 'reddit'
  | 'rss'
  | 'webhook'
  | 'facebook'
  | 'instagram'
  | 'jsonl'
  | 'iterable'
  | 'redis-streams'
  | (string & {});

/**
 * The author of a mention, as far as the platform tells.
 * @example
 * ```ts
 * import { scoreMention, type Author } from 'webcare';
 * const author: Author = { handle: 'sanne_r', name: 'Sanne', followers: 48_000, verified: true };
 * scoreMention({ text: 'Weer geen internet, @Ziggo!', author }).reach.estimated; // far more than with 40 followers
 * ```
 */
export interface Author {
  /** The platform's stable id of the account. */
  id?: string;
  /** The handle without the platform prefix, e.g. `sanne_r`. */
  handle?: string;
  /** Display name; becomes `customerName` on the assessment so a reply can be personal. */
  name?: string;
  /** Follower count; the main input of the reach estimate. */
  followers?: number;
  /** Whether the platform marks the account as verified. */
  verified?: boolean;
}

/**
 * Engagement counts at the time the mention was read.
 * @example
 * ```ts
 * import { scoreMention, type Metrics } from 'webcare';
 * const metrics: Metrics = { reposts: 120, replies: 35, likes: 900 };
 * scoreMention({ text: 'Pas op met bestellen bij deze winkel!', metrics }).reach;
 * ```
 */
export interface Metrics {
  /** Reposts, retweets, boosts or shares. */
  reposts?: number;
  /** Replies in the thread. */
  replies?: number;
  /** Likes, favourites or upvotes. */
  likes?: number;
  /** Quote posts. */
  quotes?: number;
  /** Views or impressions, where the platform reports them. */
  views?: number;
}

/**
 * A media attachment (photo evidence raises pillory risk).
 * @example
 * ```ts
 * import { scoreMention, type Media } from 'webcare';
 * const media: Media[] = [{ type: 'image', url: 'https://example.org/broken-parcel.jpg' }];
 * scoreMention({ text: 'Zo kwam mijn pakket aan. Schande!', media }).pilloryRisk;
 * ```
 */
export interface Media {
  /** Kind of attachment. */
  type: 'image' | 'video' | 'audio' | 'link' | 'other';
  /** Where the attachment can be fetched, when known. */
  url?: string;
}

/**
 * One public (or private) message about the brand. Only `text` is required; everything else
 * that is known improves the estimate.
 * @example
 * ```ts
 * import { scoreMention, type Mention } from 'webcare';
 * const mention: Mention = {
 *   text: 'Al 3 dagen storing en niemand neemt op. Nooit meer @KPN!',
 *   id: '1180',
 *   source: 'mastodon',
 *   createdAt: new Date('2026-03-02T08:15:00Z'),
 *   author: { handle: 'pieter', followers: 2300 },
 *   metrics: { reposts: 14, replies: 6 },
 *   addressesBrand: true,
 * };
 * const a = scoreMention(mention);
 * ```
 */
export interface Mention {
  /** The message text, as written. The only required field. */
  text: string;
  /** The platform's id; used to drop duplicates and to link repeat contacts. */
  id?: string;
  /** Where it came from (an adapter's name or any host-chosen string). */
  source?: SourceName;
  /** Link to the post, for the person who answers it. */
  url?: string;
  /** ISO 8601 string, epoch milliseconds or a Date on input; always a Date after normalisation. */
  createdAt?: Date;
  /** Who wrote it. */
  author?: Author;
  /** Engagement counts when read. */
  metrics?: Metrics;
  /** Attachments; photo or video evidence raises pillory risk. */
  media?: Media[];
  /** `false` for DMs and private messages. Defaults to `true`. */
  isPublic?: boolean;
  /** Id of the post this one replies to; a reply reaches fewer people than a top-level post. */
  inReplyTo?: string;
  /** Whether the mention addresses the brand (tags its handle, replies to it). */
  addressesBrand?: boolean;
  /** A language hint from the platform (BCP 47, e.g. `nl`, `en-GB`). */
  lang?: string;
  /** The original payload, kept as received. */
  raw?: unknown;
}

/**
 * What `normalizeMention` accepts: a string, or a mention-like object with loose field types.
 * @example
 * ```ts
 * import { normalizeMention, type MentionInput } from 'webcare';
 * const input: MentionInput = { text: 'Waar blijft mijn terugbetaling?', createdAt: '2026-03-02T08:15:00Z' };
 * normalizeMention(input).createdAt; // a Date
 * ```
 */
export type MentionInput =
  | string
  | (Omit<Mention, 'createdAt'> & {
      /** ISO 8601 string, epoch milliseconds or a Date. */
      createdAt?: Date | string | number | undefined;
    });

/**
 * One contribution to a score, so every decision can be explained.
 * @example
 * ```ts
 * import { scoreMention, type Reason } from 'webcare';
 * const reasons: Reason[] = scoreMention('Al 3 keer gebeld en nog steeds geen internet').reasons;
 * for (const r of reasons) console.log(r.code, r.weight, r.message);
 * ```
 */
export interface Reason {
  /** A stable rule code, e.g. `channel-failure`, `neg-word`, `pillory-press`. */
  code: string;
  /** A short human message, e.g. `says they called 3 times`. */
  message: string;
  /** The signed contribution of this rule to its score. */
  weight: number;
  /** Which score the rule contributed to. */
  target?: ReasonTarget;
  /** The word, phrase or number the message was made from, so it can be rendered in another locale. */
  detail?: string;
}

/**
 * Which part of the assessment a reason explains.
 * @example
 * ```ts
 * import { scoreMention, type ReasonTarget } from 'webcare';
 * const target: ReasonTarget = 'pillory';
 * const why = scoreMention('Schande! Ik stap over en bel Radar.').reasons.filter((r) => r.target === target);
 * ```
 */
export type ReasonTarget =
  | 'sentiment'
  | 'complaint'
  | 'severity'
  | 'category'
  | 'intent'
  | 'spam'
  | 'reach'
  | 'pillory'
  | 'urgency'
  | 'priority'
  | 'advice'
  | 'input';

/**
 * An identifier found in the text that a CRM can use to recognise the customer or case.
 * @example
 * ```ts
 * import { extractIdentifiers, type Identifier } from 'webcare';
 * const ids: Identifier[] = extractIdentifiers('Bestelling 12345678 is nog steeds niet binnen');
 * // [{ type: 'order', value: '12345678', normalized: '12345678', start: 11, end: 19 }]
 * ```
 */
export interface Identifier {
  /** What kind of identifier it is. */
  type: IdentifierType;
  /** The identifier as written: `text.slice(start, end) === value`. */
  value: string;
  /**
   * The canonical form to match a CRM record on: phones in E.164 (`+31612345678`); IBANs,
   * postcodes and licence plates upper-case without spaces or dashes; e-mail lower-case.
   */
  normalized: string;
  /**
   * Offset in the text searched. In an `Assessment` that is the analysed text
   * (`analyzeText(mention.text).text`), equal to `mention.text` unless it held invisible or
   * compatibility characters (NFKC) or was longer than `MAX_ANALYSED_CHARS`.
   */
  start: number;
  /** End offset (exclusive) in the text searched. */
  end: number;
}

/**
 * The kinds of identifier `extractIdentifiers` finds.
 * @example
 * ```ts
 * import { extractIdentifiers, type IdentifierType } from 'webcare';
 * const linkOn: IdentifierType[] = ['order', 'ticket', 'case', 'customer'];
 * const keys = extractIdentifiers('Zaaknummer 2024-1187, nog steeds niets gehoord').filter((i) => linkOn.includes(i.type));
 * ```
 */
export type IdentifierType =
  | 'order'
  | 'ticket'
  | 'case'
  | 'customer'
  | 'invoice'
  | 'email'
  | 'phone'
  | 'postcode'
  | 'iban'
  | 'licence-plate';

/**
 * Sentiment of a mention.
 * @example
 * ```ts
 * import { scoreMention, type SentimentResult } from 'webcare';
 * const s: SentimentResult = scoreMention('Great crew on my flight today, thanks!').sentiment;
 * // { label: 'positive', score: 0.9... }
 * ```
 */
export interface SentimentResult {
  /** The label, derived from `score`. */
  label: SentimentLabel;
  /** -1 (very negative) .. 1 (very positive). */
  score: number;
}

/**
 * Complaint detection, severity and categories.
 * @example
 * ```ts
 * import { scoreMention, type ComplaintResult } from 'webcare';
 * const c: ComplaintResult = scoreMention('Mijn pakket is weer niet bezorgd').complaint;
 * if (c.isComplaint) console.log(c.severity, c.categories[0]); // e.g. 'no_explicit_reproach' 'delivery'
 * ```
 */
export interface ComplaintResult {
  /** Whether this is a complaint (the probability above the decision threshold). */
  isComplaint: boolean;
  /** Calibrated probability that this is a complaint, 0..1. */
  probability: number;
  /** How hard the reproach is; `none` when it is not a complaint. */
  severity: Severity;
  /** Most likely first; empty when the mention is not a complaint and has no topic. */
  categories: Category[];
}

/**
 * Estimated audience of a mention.
 * @example
 * ```ts
 * import { scoreMention, type ReachEstimate } from 'webcare';
 * const reach: ReachEstimate = scoreMention({
 *   text: 'Weer geen internet, @Ziggo!',
 *   author: { followers: 12_000 },
 *   metrics: { reposts: 40 },
 * }).reach;
 * console.log(`${reach.low}..${reach.high}, about ${reach.estimated}`);
 * ```
 */
export interface ReachEstimate {
  /** People likely to see it. */
  estimated: number;
  /** Lower end of the plausible range. */
  low: number;
  /** Upper end of the plausible range. */
  high: number;
}

/**
 * Channel failure (kanaalsturing): the customer tried other channels first.
 * @example
 * ```ts
 * import { scoreMention, type ChannelFailure } from 'webcare';
 * const cf: ChannelFailure = scoreMention('Al 3 keer gebeld en nog steeds geen internet').channelFailure;
 * // { detected: true, channels: ['phone'], attempts: 3 }
 * ```
 */
export interface ChannelFailure {
  /** Whether the text says another channel failed them. */
  detected: boolean;
  /** Channels named, e.g. `phone`, `email`, `chat`, `store`. */
  channels: string[];
  /** Number of attempts when stated ("3 keer gebeld"). */
  attempts?: number;
  /** How long they have waited, in hours, when stated ("for 2 weeks"). */
  waitedHours?: number;
}

/**
 * The full result of `scoreMention`.
 * @example
 * ```ts
 * import { scoreMention, type Assessment } from 'webcare';
 * const a: Assessment = scoreMention('Al 3 dagen storing en niemand neemt op. Nooit meer @KPN!');
 * if (a.priority === 'P1') {
 *   console.log(`answer within ${a.respondWithinMinutes} min: ${a.replyAdvice}`);
 *   for (const r of a.reasons) console.log(r.code, r.message);
 * }
 * ```
 */
export interface Assessment {
  /** The normalised mention that was scored. */
  mention: Mention;
  /** Detected language (or the platform's hint when the text is too short to tell). */
  language: Language;
  /** Sentiment label and score. */
  sentiment: SentimentResult;
  /** Whether it is a complaint, how severe, and about what. */
  complaint: ComplaintResult;
  /** What the author wants. */
  intent: Intent;
  /** Whether the spam detector fired (loan/crypto scams, follow-for-follow, link farms). */
  isSpam: boolean;
  /** How many people are likely to see it. */
  reach: ReachEstimate;
  /** 0..1: risk that this becomes public shaming that hurts the brand. */
  pilloryRisk: number;
  /** 0..1: how time-critical the customer's own need is. */
  urgency: number;
  /** Triage priority from the scorer's policy, combining urgency and pillory risk. */
  priority: Priority;
  /** Target response time for this priority, from the scorer's SLA. */
  respondWithinMinutes: number;
  /** How to respond: publicly, then privately, only watch, or not at all. */
  replyAdvice: ReplyAdvice;
  /** The customer's name when known, so a reply can be personal. */
  customerName?: string;
  /** The team this mention should be routed to (from the scorer's routing table). */
  team?: string;
  /** Whether (and how) the customer says other channels failed them. */
  channelFailure: ChannelFailure;
  /** Order, ticket and customer numbers, e-mail, phone, postcode, IBAN found in the text. */
  identifiers: Identifier[];
  /** Every rule that contributed, with its weight: why the scores are what they are. */
  reasons: Reason[];
}
