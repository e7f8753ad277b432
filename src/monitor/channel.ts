/**
 * The queue behind `for await (const a of monitor)`. An item counts as handled only when the
 * consumer comes back for the next one (the loop body has finished with it), so a slow loop holds
 * the monitor's buffer full and the monitor stops reading from its sources: memory stays bounded.
 * @module
 */

interface Entry<T> {
  value: T;
  release: () => void;
}

/** One consumer's queue of values, with a completion signal per value. */
export class Channel<T> implements AsyncIterableIterator<T> {
  private readonly queue: Entry<T>[] = [];
  private delivered: Entry<T> | undefined;
  private waiting: ((r: IteratorResult<T>) => void) | undefined;
  private closed = false;
  private unblocked = false;

  constructor(private readonly onReturn: (channel: Channel<T>) => void) {}

  /** Queue a value; resolves once the consumer is done with it (or stopped consuming). */
  push(value: T): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.unblocked) {
      this.queue.push({ value, release: () => undefined });
      this.wakeWaiting();
      return Promise.resolve();
    }
    return new Promise<void>((release) => {
      const entry = { value, release };
      if (this.waiting !== undefined) {
        const resolve = this.waiting;
        this.waiting = undefined;
        this.delivered = entry;
        resolve({ value, done: false });
      } else {
        this.queue.push(entry);
      }
    });
  }

  /** Values queued and not yet taken. */
  get size(): number {
    return this.queue.length;
  }

  /**
   * Stop holding the producer back: every queued or delivered value counts as handled now, but
   * stays queued for the consumer. Used by `stop()`, which may be awaited inside the loop itself.
   */
  unblock(): void {
    this.delivered?.release();
    for (const e of this.queue) e.release();
    this.unblocked = true;
  }

  /** No more values will come: the consumer's loop ends after the queued ones. */
  end(): void {
    this.closed = true;
    if (this.waiting !== undefined && this.queue.length === 0) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: undefined, done: true });
    }
  }

  next(): Promise<IteratorResult<T>> {
    // Coming back for more means the previous value has been dealt with.
    this.delivered?.release();
    this.delivered = undefined;
    const entry = this.queue.shift();
    if (entry !== undefined) {
      this.delivered = entry;
      return Promise.resolve({ value: entry.value, done: false });
    }
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.closed = true;
    this.delivered?.release();
    this.delivered = undefined;
    for (const e of this.queue.splice(0)) e.release();
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve?.({ value: undefined, done: true });
    this.onReturn(this);
    return Promise.resolve({ value: undefined, done: true });
  }

  private wakeWaiting(): void {
    if (this.waiting === undefined) return;
    const entry = this.queue.shift();
    if (entry === undefined) return;
    const resolve = this.waiting;
    this.waiting = undefined;
    this.delivered = entry;
    resolve({ value: entry.value, done: false });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
