/**
 * Incident detection: many complaints in one category within a window (an outage, a broken
 * delivery round, a billing run gone wrong). Fires once per burst: the incident stays open while
 * the window holds at least half the threshold, so a burst that slows a little is not reported
 * twice; after it quiets down, a new burst is a new incident. Counting goes through the store, so
 * workers sharing one count together, and a claim in the store (per window of time) makes only
 * one of them report the burst.
 * @module
 */
import { invalidConfig } from '../errors.js';
import type { Assessment, Category } from '../types.js';
import type { StateStore } from './store.js';

/**
 * Options of incident detection.
 * @example
 * ```ts
 * import { createMonitor, type IncidentOptions } from 'webcare';
 * import { jsonl } from 'webcare/adapters/jsonl';
 * const incidents: IncidentOptions = { windowMs: 10 * 60_000, threshold: 25, maxMentions: 20 };
 * createMonitor({ sources: [jsonl({ file: 'mentions.jsonl' })], incidents });
 * ```
 */
export interface IncidentOptions {
  /** Length of the counting window in ms. Default 15 minutes. */
  windowMs?: number;
  /** Complaints in one category within the window that make an incident. Default 10. */
  threshold?: number;
  /** Most mentions carried in an `incident` event (the most recent). Default 100. */
  maxMentions?: number;
}

/**
 * A burst of complaints in one category.
 * @example
 * ```ts
 * import { createMonitor, type Incident } from 'webcare';
 * import { jsonl } from 'webcare/adapters/jsonl';
 * const monitor = createMonitor({ sources: [jsonl({ file: 'mentions.jsonl' })] });
 * monitor.on('incident', (i: Incident) => {
 *   console.log(`${i.count} ${i.category} complaints since ${i.startedAt.toISOString()} (${i.sources.join(', ')})`);
 * });
 * ```
 */
export interface Incident {
  /** `<category>:<epoch ms of the first complaint in the window>`; stable for one burst. */
  id: string;
  /** The category the complaints are about. */
  category: Category;
  /** Complaints in the window when the incident was detected. */
  count: number;
  /** The counting window used, in ms. */
  windowMs: number;
  /** The threshold that was reached. */
  threshold: number;
  /** When the first complaint in the window arrived. */
  startedAt: Date;
  /** When the threshold was reached. */
  detectedAt: Date;
  /** The complaints that make it up (this process's view, most recent last, at most `maxMentions`). */
  mentions: Assessment[];
  /** Names of the sources the complaints came from. */
  sources: string[];
}

interface Recent {
  at: number;
  source: string;
  assessment: Assessment;
}

interface CategoryState {
  open: boolean;
  recent: Recent[];
}

/** Resolved incident options. */
export interface ResolvedIncidentOptions {
  windowMs: number;
  threshold: number;
  maxMentions: number;
}

/** Validate incident options. */
export function resolveIncidentOptions(o: IncidentOptions = {}): ResolvedIncidentOptions {
  const windowMs = o.windowMs ?? 15 * 60_000;
  const threshold = o.threshold ?? 10;
  const maxMentions = o.maxMentions ?? 100;
  if (typeof windowMs !== 'number' || !(windowMs > 0))
    invalid('incidents.windowMs', 'a positive number of ms', windowMs);
  if (!Number.isInteger(threshold) || threshold < 2) invalid('incidents.threshold', 'an integer >= 2', threshold);
  if (!Number.isInteger(maxMentions) || maxMentions < 1)
    invalid('incidents.maxMentions', 'a positive integer', maxMentions);
  return { windowMs, threshold, maxMentions };
}

function invalid(field: string, expected: string, v: unknown): never {
  throw invalidConfig(field, expected, v);
}

/**
 * Watches assessed complaints and reports bursts.
 *
 * @example
 * ```ts
 * const detector = new IncidentDetector(new MemoryStore(), { threshold: 3, windowMs: 60_000 });
 * const incident = await detector.observe(assessment, 'mastodon', Date.now());
 * ```
 */
export class IncidentDetector {
  private readonly state = new Map<Category, CategoryState>();
  private readonly options: ResolvedIncidentOptions;

  constructor(
    private readonly store: StateStore,
    options: IncidentOptions = {},
  ) {
    this.options = resolveIncidentOptions(options);
  }

  /** Record one assessed mention; resolves an incident when this mention completes a burst. */
  async observe(a: Assessment, source: string, at: number): Promise<Incident | undefined> {
    if (!a.complaint.isComplaint || a.isSpam) return undefined;
    const category = a.complaint.categories[0] ?? 'other';
    const { windowMs, threshold, maxMentions } = this.options;
    const count = await this.store.countInWindow(`incident:${category}`, at, windowMs);

    // Everything below is synchronous, so two mentions finishing at once cannot both open it.
    let st = this.state.get(category);
    if (st === undefined) this.state.set(category, (st = { open: false, recent: [] }));
    st.recent.push({ at, source, assessment: a });
    const from = at - windowMs;
    let drop = 0;
    while (drop < st.recent.length && (st.recent[drop] as Recent).at <= from) drop++;
    const excess = st.recent.length - drop - maxMentions;
    if (drop + Math.max(0, excess) > 0) st.recent.splice(0, drop + Math.max(0, excess));

    if (st.open && count < Math.ceil(threshold / 2)) st.open = false;
    if (st.open || count < threshold) return undefined;
    st.open = true;
    // Workers sharing a store each see the burst; the first to claim it (per category and window
    // of time) reports it. Within one process the claim succeeds unless the category burst, quieted
    // down and burst again within the same window.
    const claim = `incident:open:${category}:${Math.floor(at / windowMs)}`;
    if (!(await this.store.markSeen(claim, windowMs))) return undefined;
    const first = st.recent[0]?.at ?? at;
    return {
      id: `${category}:${first}`,
      category,
      count,
      windowMs,
      threshold,
      startedAt: new Date(first),
      detectedAt: new Date(at),
      mentions: st.recent.map((r) => r.assessment),
      sources: [...new Set(st.recent.map((r) => r.source))],
    };
  }
}
