/**
 * A WebSocket read as a pull queue, for streaming adapters: text frames in order, with a connect
 * timeout, an idle timeout, the caller's abort, HTTP refusals at the upgrade (429 with
 * `Retry-After`) and backpressure (the `ws` client is paused while the consumer lags).
 * Works with the `ws` package (Node) and with WHATWG WebSockets (Deno, browsers).
 * Internal: not a public entry point.
 * @module
 */
import { WebcareError } from '../errors.js';

/**
 * The part of a WebSocket every implementation has. The queue also uses, when present, `ws`'s
 * `on`, `terminate`, `pause` and `resume`, or the WHATWG `addEventListener`.
 */
export interface WebSocketLike {
  /** The connection state: 0 connecting, 1 open, 2 closing, 3 closed. */
  readonly readyState: number;
  /** Close the connection, with an optional close code and reason. */
  close(code?: number, reason?: string): void;
}

/** The optional members, looked up at run time. */
interface SocketExtras {
  on?: (event: string, listener: (...args: unknown[]) => void) => unknown;
  addEventListener?: (type: string, listener: (ev: Record<string, unknown>) => void) => void;
  terminate?: () => void;
  pause?: () => void;
  resume?: () => void;
}

/** A WebSocket constructor (`ws`'s `WebSocket`, or `globalThis.WebSocket`). */
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** What the queue hands out. */
export type SocketItem =
  | { type: 'message'; data: string }
  | { type: 'rate-limited'; status: number; retryAfter: string | undefined }
  | { type: 'end'; error: WebcareError };

const HIGH_WATER = 1000;
const LOW_WATER = 100;

function text(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data as Buffer[]).toString('utf8');
  return String(data);
}

/** Pulls frames from a socket; see the module comment. */
export class SocketQueue {
  private readonly items: SocketItem[] = [];
  private wake: (() => void) | undefined;
  private ended = false;
  private paused = false;
  private opened = false;
  private connectTimer: NodeJS.Timeout | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly onAbort = (): void => this.finish(new WebcareError('ABORTED', `${this.opts.source}: aborted`));

  constructor(
    private readonly ws: WebSocketLike,
    private readonly opts: { signal: AbortSignal; timeoutMs: number; idleMs: number; source: string },
  ) {
    const src = opts.source;
    const socket = this.socket;
    const onMessage = (data: unknown, isBinary?: boolean): void => {
      if (isBinary === true) return; // Jetstream sends text; binary would be zstd we did not ask for
      this.armIdle();
      this.push({ type: 'message', data: text(data) });
    };
    const onOpen = (): void => {
      this.opened = true;
      clearTimeout(this.connectTimer);
      this.armIdle();
    };
    const onClose = (code: number): void => {
      this.finish(
        new WebcareError('SOURCE_FAILED', `${src}: connection closed (code ${code})`, {
          received: `close code ${code}`,
        }),
      );
    };
    const onError = (err: unknown): void => {
      this.finish(
        new WebcareError('SOURCE_FAILED', `${src}: ${this.opened ? 'connection lost' : 'could not connect'}`, {
          cause: err,
        }),
      );
    };
    if (typeof socket.on === 'function') {
      const on = socket.on.bind(socket);
      on('open', onOpen);
      on('message', (data, isBinary) => onMessage(data, isBinary === true));
      on('close', (code) => onClose(typeof code === 'number' ? code : 1006));
      on('error', onError);
      // The server refused the upgrade with an HTTP status (429, 5xx): report it as such.
      on('unexpected-response', (_req, res) => {
        const r = res as {
          statusCode?: number;
          headers?: Record<string, string | string[] | undefined>;
          resume?: () => void;
        };
        r.resume?.();
        const status = r.statusCode ?? 0;
        const ra = r.headers?.['retry-after'];
        const retryAfter = Array.isArray(ra) ? ra[0] : ra;
        if (status === 429) this.push({ type: 'rate-limited', status, retryAfter });
        this.finish(
          new WebcareError('SOURCE_HTTP', `${src}: HTTP ${status} on the WebSocket upgrade`, {
            received: `HTTP ${status}`,
            expected: 'HTTP 101',
          }),
        );
      });
    } else if (typeof socket.addEventListener === 'function') {
      const add = socket.addEventListener.bind(socket) as (
        type: string,
        l: (ev: Record<string, unknown>) => void,
      ) => void;
      add('open', onOpen);
      add('message', (ev) => onMessage(ev.data));
      add('close', (ev) => onClose(typeof ev.code === 'number' ? ev.code : 1006));
      add('error', (ev) => onError(ev.error ?? ev));
    }
    this.connectTimer = setTimeout(() => {
      if (!this.opened) {
        this.finish(new WebcareError('SOURCE_TIMEOUT', `${src}: no connection within ${opts.timeoutMs} ms`));
      }
    }, opts.timeoutMs);
    if (opts.signal.aborted) this.onAbort();
    else opts.signal.addEventListener('abort', this.onAbort, { once: true });
  }

  private get socket(): WebSocketLike & SocketExtras {
    return this.ws as WebSocketLike & SocketExtras;
  }

  private armIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.finish(
        new WebcareError('SOURCE_TIMEOUT', `${this.opts.source}: nothing received for ${this.opts.idleMs} ms`),
      );
    }, this.opts.idleMs);
  }

  private push(item: SocketItem): void {
    if (this.ended) return;
    this.items.push(item);
    if (!this.paused && this.items.length >= HIGH_WATER && typeof this.socket.pause === 'function') {
      this.paused = true;
      this.socket.pause();
    }
    this.wake?.();
  }

  private finish(error: WebcareError): void {
    if (this.ended) return;
    this.items.push({ type: 'end', error });
    this.ended = true;
    this.wake?.();
    this.close();
  }

  /** The next frame, refusal or end. */
  async next(): Promise<SocketItem> {
    for (;;) {
      const item = this.items.shift();
      if (item !== undefined) {
        if (this.paused && this.items.length <= LOW_WATER) {
          this.paused = false;
          this.socket.resume?.();
        }
        return item;
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = undefined;
    }
  }

  /** Close the socket and stop the timers (idempotent). */
  close(): void {
    clearTimeout(this.connectTimer);
    clearTimeout(this.idleTimer);
    this.opts.signal.removeEventListener('abort', this.onAbort);
    if (!this.ended) {
      this.ended = true;
      this.items.push({ type: 'end', error: new WebcareError('ABORTED', `${this.opts.source}: closed`) });
      this.wake?.();
    }
    try {
      // terminate() drops the TCP connection at once; a polite close() waits for the peer.
      if (typeof this.socket.terminate === 'function') this.socket.terminate();
      else if (this.socket.readyState <= 1) this.socket.close(1000, 'done');
    } catch {
      // Closing a socket that never opened throws in some implementations; it is gone either way.
    }
  }
}
