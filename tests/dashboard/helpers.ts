// Shared helpers for the dashboard tests: a tiny server-sent events reader over fetch.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

export const FEED_PATH = resolve(__dirname, '../fixtures/dashboard/feed.jsonl');
export const FEED_LINES = readFileSync(FEED_PATH, 'utf8').trim().split('\n');

export interface SseEvent {
  event: string;
  data: string;
}

/** Open an event stream and collect its events until `close()`. */
export async function openEvents(url: string): Promise<{
  events: SseEvent[];
  next(pred: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
}> {
  const ctrl = new AbortController();
  const res = await fetch(url, { signal: ctrl.signal });
  if (res.status !== 200 || res.body === null) throw new Error(`event stream answered ${res.status}`);
  const events: SseEvent[] = [];
  const waiters: Array<{ pred: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void; from: number }> = [];
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += value;
        let i = buf.indexOf('\n\n');
        while (i !== -1) {
          const frame = buf.slice(0, i);
          buf = buf.slice(i + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of frame.split('\n')) {
            if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length > 0) {
            const e = { event, data: data.join('\n') };
            events.push(e);
            for (const w of [...waiters]) {
              if (w.pred(e)) {
                waiters.splice(waiters.indexOf(w), 1);
                w.resolve(e);
              }
            }
          }
          i = buf.indexOf('\n\n');
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    events,
    next(pred, timeoutMs = 5000) {
      const seen = events.find(pred);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('timed out waiting for an event')), timeoutMs);
        waiters.push({
          pred,
          from: events.length,
          resolve: (e) => {
            clearTimeout(t);
            resolve(e);
          },
        });
      });
    },
    close: () => ctrl.abort(),
  };
}

/**
 * How to run the CLI: the build when it is newer than every source file (CI builds first), else
 * the source through tsx, so a stale local `dist/` cannot fail or fake the tests.
 */
export function cliCommand(): string[] {
  const root = resolve(__dirname, '../..');
  const dist = resolve(root, 'dist');
  const chunk = existsSync(dist) ? readdirSync(dist).find((f) => f.startsWith('dashboard')) : undefined;
  const fresh = chunk !== undefined && statSync(resolve(dist, chunk)).mtimeMs >= newestSource(resolve(root, 'src'));
  return fresh ? [resolve(dist, 'cli/main.js')] : ['--import', 'tsx', resolve(root, 'src/cli/main.ts')];
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = resolve(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}
