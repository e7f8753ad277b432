/**
 * The state behind `webcare dashboard`: the open triage queue (cards), who is assigned to what,
 * the time series for the chart, and incidents. Pure data and listeners, no I/O, so it can be
 * tested without a server and the server stays a thin layer over it.
 * @module
 */
import type {
  Assessment,
  Category,
  ChannelFailure,
  ComplaintResult,
  Identifier,
  Intent,
  Language,
  Priority,
  ReachEstimate,
  Reason,
  ReplyAdvice,
  SentimentResult,
} from '../types.js';
import { type BurstOptions, type Incident, createBurstDetector } from './dashboard-bursts.js';
import { createCategoryChart } from './dashboard-report.js';
import { type SummaryBucket, createSeries } from './dashboard-series.js';
import { topReasons } from './triage.js';

/** What the page shows of one assessment. The mention's `raw` payload never leaves the server. */
export interface Card {
  id: string;
  /** Arrival order; the newest card wins ties in the triage order. */
  seq: number;
  text: string;
  author?: { handle?: string; name?: string; followers?: number; verified?: boolean };
  source?: string;
  /** Only http(s) links survive: a `javascript:` URL in a feed must not become a link. */
  url?: string;
  createdAt?: string;
  language: Language;
  sentiment: SentimentResult;
  complaint: ComplaintResult;
  intent: Intent;
  isSpam: boolean;
  reach: ReachEstimate;
  pilloryRisk: number;
  urgency: number;
  priority: Priority;
  respondWithinMinutes: number;
  replyAdvice: ReplyAdvice;
  team?: string;
  customerName?: string;
  channelFailure: ChannelFailure;
  identifiers: Pick<Identifier, 'type' | 'value'>[];
  reasons: Reason[];
  assignee?: string;
}

export type { SummaryBucket } from './dashboard-series.js';

/** What `/api/summary` returns. */
export interface Summary {
  bucketMinutes: number;
  buckets: SummaryBucket[];
  totals: {
    scored: number;
    skipped: number;
    open: number;
    done: number;
    /** Cards dropped from the queue because it was full (lowest in triage order first). */
    evicted: number;
    complaints: number;
    byPriority: Record<Priority, number>;
    byCategory: Partial<Record<Category, number>>;
  };
  incidents: Incident[];
}

/** Feed progress, shown in the page header. */
export interface FeedStatus {
  state: 'starting' | 'streaming' | 'finished' | 'failed';
  read: number;
  skipped: number;
  message?: string;
}

/** What the board tells its listeners (the server turns these into server-sent events). */
export type BoardEvent =
  | { type: 'card'; card: Card }
  | { type: 'remove'; id: string; reason: 'done' | 'evicted' }
  | { type: 'assign'; card: Card }
  | { type: 'incident'; incident: Incident }
  | { type: 'status'; status: FeedStatus };

/** Options of {@link createBoard}. */
export interface BoardOptions {
  /** Most open cards kept; beyond it the lowest in triage order is dropped. Default 1000. */
  maxCards?: number;
  /** Own burst detection (used when no monitor reports incidents). `false` turns it off. */
  bursts?: BurstOptions | false;
}

/** The dashboard's state. */
export interface Board {
  /** Add a scored mention; returns its card, or `undefined` when its id was already closed. */
  add(a: Assessment): Card | undefined;
  assign(id: string, assignee: string): Card | undefined;
  done(id: string): boolean;
  /** Record an incident reported from elsewhere (the monitor). */
  incident(incident: Incident): void;
  setStatus(status: FeedStatus): void;
  status(): FeedStatus;
  /** Open cards in triage order. */
  cards(): Card[];
  incidents(): Incident[];
  summary(): Summary;
  /** The category chart as SVG (by the library's `chart`), or `undefined` before dated data. */
  categoryChart(): string | undefined;
  subscribe(listener: (e: BoardEvent) => void): () => void;
}

const PRIORITY_RANK: Record<Priority, number> = { P1: 0, P2: 1, P3: 2, P4: 3 };
const MAX_ASSIGNEE = 60;
/** Longest text a card carries (a long-form post reads fine cut here; the scorer saw it whole). */
const MAX_TEXT = 4000;
const MAX_NAME = 200;
/**
 * Triage order of cards: the same order as the CLI's `compareTriage` (priority, then the more
 * pressing of pillory risk and urgency, then pillory risk, then urgency; a test checks they
 * agree), then the newest first.
 */
export function compareCards(a: Card, b: Card): number {
  return (
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    Math.max(b.pilloryRisk, b.urgency) - Math.max(a.pilloryRisk, a.urgency) ||
    b.pilloryRisk - a.pilloryRisk ||
    b.urgency - a.urgency ||
    b.seq - a.seq
  );
}

/**
 * Cut a string to at most `max` UTF-16 units plus an ellipsis, never inside a surrogate pair.
 * One megabyte-long post must not become a megabyte on every client, a thousand times.
 */
function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const code = s.charCodeAt(max - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
  return `${s.slice(0, end)}…`;
}

function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

function toCard(a: Assessment, id: string, seq: number): Card {
  const m = a.mention;
  const card: Card = {
    id,
    seq,
    text: clip(m.text, MAX_TEXT),
    language: a.language,
    sentiment: a.sentiment,
    complaint: a.complaint,
    intent: a.intent,
    isSpam: a.isSpam,
    reach: a.reach,
    pilloryRisk: a.pilloryRisk,
    urgency: a.urgency,
    priority: a.priority,
    respondWithinMinutes: a.respondWithinMinutes,
    replyAdvice: a.replyAdvice,
    channelFailure: a.channelFailure,
    identifiers: a.identifiers.map((i) => ({ type: i.type, value: i.value })),
    reasons: topReasons(a, 4),
  };
  if (m.author !== undefined) {
    const au: NonNullable<Card['author']> = {};
    if (m.author.handle !== undefined) au.handle = clip(m.author.handle, MAX_NAME);
    if (m.author.name !== undefined) au.name = clip(m.author.name, MAX_NAME);
    if (m.author.followers !== undefined) au.followers = m.author.followers;
    if (m.author.verified !== undefined) au.verified = m.author.verified;
    card.author = au;
  }
  if (m.source !== undefined) card.source = m.source;
  const url = safeUrl(m.url);
  if (url !== undefined) card.url = url;
  if (m.createdAt !== undefined) card.createdAt = m.createdAt.toISOString();
  if (a.team !== undefined) card.team = a.team;
  if (a.customerName !== undefined) card.customerName = a.customerName;
  return card;
}

/**
 * Create an empty board.
 *
 * @example
 * ```ts
 * const board = createBoard({ maxCards: 200 });
 * board.subscribe((e) => console.log(e.type));
 * board.add(scoreMention({ id: '1', text: 'Al 3 dagen storing!' }));
 * board.cards()[0]?.priority;
 * ```
 */
export function createBoard(options: BoardOptions = {}): Board {
  const maxCards = options.maxCards ?? 1000;
  if (!Number.isInteger(maxCards) || maxCards < 1)
    throw new Error(`maxCards must be a positive integer, received ${maxCards}`);
  const open = new Map<string, Card>();
  // The same cards in triage order: insert and remove by binary search, so a full queue on a
  // fast feed costs O(log n) comparisons per mention instead of a scan for the worst card.
  const sorted: Card[] = [];
  const closed = new Set<string>();
  const listeners = new Set<(e: BoardEvent) => void>();
  const series = createSeries();
  const report = createCategoryChart();
  const incidents = new Map<string, Incident>();
  const bursts = options.bursts === false ? undefined : createBurstDetector(options.bursts);
  const byPriority: Record<Priority, number> = { P1: 0, P2: 0, P3: 0, P4: 0 };
  const byCategory: Partial<Record<Category, number>> = {};
  let status: FeedStatus = { state: 'starting', read: 0, skipped: 0 };
  let seq = 0;
  let scored = 0;
  let complaints = 0;
  let doneCount = 0;
  let evicted = 0;

  const emit = (e: BoardEvent): void => {
    for (const l of listeners) {
      // A broken listener (a client socket that died mid-write) must not stop the others.
      try {
        l(e);
      } catch {}
    }
  };

  const listIncidents = (): Incident[] => [...incidents.values()].sort((x, y) => y.lastAt.localeCompare(x.lastAt));

  const recordIncident = (incident: Incident): void => {
    incidents.set(incident.id, incident);
    emit({ type: 'incident', incident });
  };

  const position = (card: Card): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareCards(sorted[mid] as Card, card) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const unlink = (card: Card): void => {
    const i = position(card);
    // seq is unique, so the order is total and the card sits exactly at its position.
    if (sorted[i] === card) sorted.splice(i, 1);
  };

  const evictIfFull = (): void => {
    if (open.size <= maxCards) return;
    const worst = sorted.pop();
    if (worst === undefined) return;
    open.delete(worst.id);
    evicted += 1;
    emit({ type: 'remove', id: worst.id, reason: 'evicted' });
  };

  return {
    add(a) {
      seq += 1;
      const id = a.mention.id ?? `m${seq}`;
      if (closed.has(id)) return undefined;
      scored += 1;
      byPriority[a.priority] += 1;
      const created = a.mention.createdAt?.getTime();
      // The chart falls back to arrival time; burst detection does not (see dashboard-bursts.ts).
      const t = created ?? Date.now();
      series.add(a, t);
      report.add(a);
      if (a.complaint.isComplaint) {
        complaints += 1;
        const cat = a.complaint.categories[0] ?? 'other';
        byCategory[cat] = (byCategory[cat] ?? 0) + 1;
        const inc = created === undefined ? undefined : bursts?.add(cat, created, id);
        if (inc !== undefined) recordIncident(inc);
      }
      const previous = open.get(id);
      const card = toCard(a, id, seq);
      // A repeated id (an edited post, a redelivery) replaces the card but keeps its assignee.
      if (previous !== undefined) {
        unlink(previous);
        if (previous.assignee !== undefined) card.assignee = previous.assignee;
      }
      open.set(id, card);
      sorted.splice(position(card), 0, card);
      emit({ type: 'card', card });
      evictIfFull();
      return open.get(id);
    },
    assign(id, assignee) {
      const card = open.get(id);
      if (card === undefined) return undefined;
      const name = assignee.replace(/\s+/g, ' ').trim().slice(0, MAX_ASSIGNEE);
      if (name === '') delete card.assignee;
      else card.assignee = name;
      emit({ type: 'assign', card });
      return card;
    },
    done(id) {
      const card = open.get(id);
      if (card === undefined) return false;
      open.delete(id);
      unlink(card);
      closed.add(id);
      doneCount += 1;
      emit({ type: 'remove', id, reason: 'done' });
      return true;
    },
    incident: recordIncident,
    setStatus(s) {
      status = s;
      emit({ type: 'status', status: s });
    },
    status: () => status,
    cards: () => [...sorted],
    incidents: listIncidents,
    summary() {
      const { bucketMinutes, buckets } = series.buckets();
      return {
        bucketMinutes,
        buckets,
        totals: {
          scored,
          skipped: status.skipped,
          open: open.size,
          done: doneCount,
          evicted,
          complaints,
          byPriority: { ...byPriority },
          byCategory: { ...byCategory },
        },
        incidents: listIncidents(),
      };
    },
    categoryChart: () => report.svg(),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
