/**
 * Per-source checkpoints that never skip a mention in flight. Mentions finish out of order when
 * the monitor works on several at once; the checkpoint only advances over the prefix of read
 * mentions that is fully handled, and saves are coalesced (one store write in flight per source,
 * the latest cursor written next).
 * @module
 */
import type { StateStore } from './store.js';

/** One read mention, in read order. */
export interface Tracked {
  done: boolean;
  cursor: string | undefined;
}

/** The checkpoint of one source. */
export class CheckpointTracker {
  private readonly pending: Tracked[] = [];
  private head = 0;
  private committed: string | undefined;
  private saving: Promise<void> | undefined;
  private dirty = false;

  constructor(
    private readonly source: string,
    private readonly store: StateStore,
    private readonly onError: (e: unknown) => void,
  ) {}

  /** Start from a stored cursor. */
  resumeFrom(cursor: string | undefined): void {
    this.committed = cursor;
  }

  /** A mention was read (with the source's cursor after it, if any). */
  track(cursor: string | undefined): Tracked {
    const t = { done: false, cursor };
    this.pending.push(t);
    return t;
  }

  /** A mention is handled: advance over the finished prefix and save when it moved. */
  settle(t: Tracked): void {
    t.done = true;
    let advanced = false;
    while (this.head < this.pending.length && (this.pending[this.head] as Tracked).done) {
      const c = (this.pending[this.head] as Tracked).cursor;
      this.head++;
      if (c !== undefined) {
        this.committed = c;
        advanced = true;
      }
    }
    // Compact now and then instead of shifting on every mention.
    if (this.head > 1024 && this.head * 2 > this.pending.length) {
      this.pending.splice(0, this.head);
      this.head = 0;
    }
    if (advanced) this.save();
  }

  /** Resolves when the last save has been written. */
  async flush(): Promise<void> {
    await this.saving;
  }

  private save(): void {
    if (this.saving !== undefined) {
      this.dirty = true;
      return;
    }
    this.saving = (async () => {
      do {
        this.dirty = false;
        const cursor = this.committed;
        if (cursor === undefined) break;
        try {
          await this.store.setCheckpoint(this.source, cursor);
        } catch (e) {
          this.onError(e);
        }
      } while (this.dirty);
      this.saving = undefined;
    })();
  }
}
