/**
 * An eventemitter3 emitter whose listeners may return promises that the emitter waits for: the
 * monitor checkpoints and acknowledges a mention only after its listeners have finished, and a
 * slow listener holds back reading (backpressure).
 * @module
 */
import { EventEmitter } from 'eventemitter3';

type Listener = (...args: never[]) => unknown;
type Names<E extends object> = EventEmitter.EventNames<E>;
type EventListener<E extends object, T extends Names<E>> = EventEmitter.EventListener<E, T>;
type Args<E extends object, T extends Names<E>> = EventEmitter.EventArgs<E, T>;

/** An `EventEmitter` with {@link AsyncEmitter.dispatch}, which awaits what listeners return. */
export class AsyncEmitter<E extends object> extends EventEmitter<E> {
  private readonly onceWrappers = new WeakMap<Listener, Listener>();

  override once<T extends Names<E>>(event: T, fn: EventListener<E, T>, context?: unknown): this {
    // dispatch() calls listeners itself (to see their promises), so `once` removes itself.
    const wrapper = ((...args: never[]) => {
      this.off(event, wrapper);
      return (fn as unknown as Listener).apply(context, args);
    }) as unknown as EventListener<E, T>;
    this.onceWrappers.set(fn as unknown as Listener, wrapper as unknown as Listener);
    return this.on(event, wrapper);
  }

  /** Remove a listener (also one added with `once`), or every listener of `event` without `fn`. */
  override off<T extends Names<E>>(event: T, fn?: EventListener<E, T>, context?: unknown, once?: boolean): this {
    const wrapper = fn === undefined ? undefined : this.onceWrappers.get(fn as unknown as Listener);
    if (wrapper !== undefined) super.off(event, wrapper as unknown as EventListener<E, T>);
    return super.off(event, fn, context, once);
  }

  override removeListener<T extends Names<E>>(
    event: T,
    fn?: EventListener<E, T>,
    context?: unknown,
    once?: boolean,
  ): this {
    return this.off(event, fn, context, once);
  }

  /**
   * Call every listener of `event` and wait for the promises they return. Resolves the failures
   * (a listener that threw or rejected); the other listeners still run.
   */
  protected async dispatch<T extends Names<E>>(event: T, ...args: Args<E, T>): Promise<unknown[]> {
    const listeners = this.listeners(event) as unknown as ((...a: unknown[]) => unknown)[];
    if (listeners.length === 0) return [];
    const failures: unknown[] = [];
    const pending: Promise<unknown>[] = [];
    for (const fn of listeners) {
      try {
        const r = fn(...(args as unknown[]));
        if (r !== null && typeof r === 'object' && typeof (r as Promise<unknown>).then === 'function') {
          pending.push(r as Promise<unknown>);
        }
      } catch (e) {
        failures.push(e);
      }
    }
    if (pending.length > 0) {
      for (const r of await Promise.allSettled(pending)) if (r.status === 'rejected') failures.push(r.reason);
    }
    return failures;
  }

  /** Emit without waiting; a listener that throws is ignored (it has nowhere left to report to). */
  protected safeEmit<T extends Names<E>>(event: T, ...args: Args<E, T>): void {
    try {
      this.emit(event, ...args);
    } catch {
      // See above.
    }
  }
}
