/**
 * What a monitor must remember between mentions and across restarts: source checkpoints, seen
 * ids and texts (dedup), per-author contact history (repeat complaints) and counting windows
 * (incidents). In memory by default; `webcare/adapters/redis-streams` shares it between workers.
 * @module
 */

/**
 * State shared by a monitor (or by many workers).
 *
 * @example
 * ```ts
 * import { createMonitor, MemoryStore } from 'webcare';
 * const monitor = createMonitor({ sources: [], store: new MemoryStore() });
 * ```
 */
export interface StateStore {
  /** The last cursor stored for a source. */
  getCheckpoint(source: string): Promise<string | undefined>;
  /** Store the cursor after the last handled mention of a source. */
  setCheckpoint(source: string, cursor: string): Promise<void>;
  /** Record a key; resolves `true` when it was new (not seen within `ttlMs`). */
  markSeen(key: string, ttlMs: number): Promise<boolean>;
  /** Record one contact by an author at `at`; resolves how many fall within `windowMs` (this one included). */
  recordContact(authorKey: string, at: number, windowMs: number): Promise<number>;
  /** Add one event to a counting window; resolves the count within `windowMs` (this one included). */
  countInWindow(key: string, at: number, windowMs: number): Promise<number>;
  /** Release connections and timers. */
  close?(): Promise<void>;
}
