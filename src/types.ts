/**
 * The public types of webcare: what goes in (`Mention`) and what comes out (`Assessment`).
 * Types first: every other module is written against these.
 * @module
 */

/** A language webcare understands, or `'und'` when it cannot tell. */
export type Language = 'nl' | 'en' | 'und';

/** Sentiment label of a mention. */
export type SentimentLabel = 'negative' | 'neutral' | 'positive';

/** Complaint severity on the four levels of Jin & Aletras (2021), plus `none`. */
export type Severity = 'none' | 'no_explicit_reproach' | 'disapproval' | 'accusation' | 'blame';

/** The ordered severity levels; the index is the level (0..4). */
export const SEVERITY_LEVELS: readonly Severity[] = [
  'none',
  'no_explicit_reproach',
  'disapproval',
  'accusation',
  'blame',
] as const;

/** What a complaint is about. */
export type Category =
  | 'disruption'
  | 'delivery'
  | 'billing'
  | 'product'
  | 'customer_service'
  | 'booking'
  | 'privacy'
  | 'other';

/** Every category, in a stable order. */
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

/** What the author wants. */
export type Intent = 'complaint' | 'question' | 'praise' | 'suggestion' | 'spam' | 'other';

/** Triage priority, P1 first. */
export type Priority = 'P1' | 'P2' | 'P3' | 'P4';

/** How the webcare team should respond. */
export type ReplyAdvice = 'reply-publicly-then-dm' | 'reply-publicly' | 'monitor' | 'do-not-engage';

/** Where a mention came from. Adapters use their own name; hosts may use any string. */
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

/** The author of a mention, as far as the platform tells. */
export interface Author {
  id?: string;
  handle?: string;
  name?: string;
  followers?: number;
  verified?: boolean;
}

/** Engagement counts at the time the mention was read. */
export interface Metrics {
  reposts?: number;
  replies?: number;
  likes?: number;
  quotes?: number;
  views?: number;
}

/** A media attachment (photo evidence raises pillory risk). */
export interface Media {
  type: 'image' | 'video' | 'audio' | 'link' | 'other';
  url?: string;
}

/**
 * One public (or private) message about the brand. Only `text` is required; everything else
 * that is known improves the estimate.
 */
export interface Mention {
  text: string;
  id?: string;
  source?: SourceName;
  url?: string;
  /** ISO 8601 string, epoch milliseconds or a Date on input; always a Date after normalisation. */
  createdAt?: Date;
  author?: Author;
  metrics?: Metrics;
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

/** What `normalizeMention` accepts: a string, or a mention-like object with loose field types. */
export type MentionInput = string | (Omit<Mention, 'createdAt'> & { createdAt?: Date | string | number | undefined });

/** One contribution to a score, so every decision can be explained. */
export interface Reason {
  /** A stable rule code, e.g. `channel-failure`, `neg-word`, `pillory-press`. */
  code: string;
  /** A short human message, e.g. `says they called 3 times`. */
  message: string;
  /** The signed contribution of this rule to its score. */
  weight: number;
  /** Which score the rule contributed to. */
  target?: ReasonTarget;
}

/** Which part of the assessment a reason explains. */
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

/** An identifier found in the text that a CRM can use to recognise the customer or case. */
export interface Identifier {
  type: 'order' | 'ticket' | 'customer' | 'email' | 'phone' | 'postcode' | 'iban' | 'licence-plate';
  value: string;
  /** Offsets in the analysed text. */
  start: number;
  end: number;
}

/** Sentiment of a mention. */
export interface SentimentResult {
  label: SentimentLabel;
  /** -1 (very negative) .. 1 (very positive). */
  score: number;
}

/** Complaint detection, severity and categories. */
export interface ComplaintResult {
  isComplaint: boolean;
  /** Calibrated probability that this is a complaint, 0..1. */
  probability: number;
  severity: Severity;
  /** Most likely first; empty when the mention is not a complaint and has no topic. */
  categories: Category[];
}

/** Estimated audience of a mention. */
export interface ReachEstimate {
  /** People likely to see it. */
  estimated: number;
  low: number;
  high: number;
}

/** Channel failure (kanaalsturing): the customer tried other channels first. */
export interface ChannelFailure {
  detected: boolean;
  /** Channels named, e.g. `phone`, `email`, `chat`, `store`. */
  channels: string[];
  /** Number of attempts when stated ("3 keer gebeld"). */
  attempts?: number;
  /** How long they have waited, in hours, when stated ("for 2 weeks"). */
  waitedHours?: number;
}

/** The full result of `scoreMention`. */
export interface Assessment {
  /** The normalised mention that was scored. */
  mention: Mention;
  language: Language;
  sentiment: SentimentResult;
  complaint: ComplaintResult;
  intent: Intent;
  /** Whether the spam detector fired (loan/crypto scams, follow-for-follow, link farms). */
  isSpam: boolean;
  reach: ReachEstimate;
  /** 0..1: risk that this becomes public shaming that hurts the brand. */
  pilloryRisk: number;
  /** 0..1: how time-critical the customer's own need is. */
  urgency: number;
  priority: Priority;
  respondWithinMinutes: number;
  replyAdvice: ReplyAdvice;
  /** The customer's name when known, so a reply can be personal. */
  customerName?: string;
  /** The team this mention should be routed to (from the scorer's routing table). */
  team?: string;
  channelFailure: ChannelFailure;
  identifiers: Identifier[];
  reasons: Reason[];
}
