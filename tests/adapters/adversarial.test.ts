/**
 * Adversarial review of the adapters: requests and records a stranger (or a broken platform)
 * can send. Each one must become an HTTP error or an `error` event, never an exception that takes
 * the source (or the host's process) down.
 */
import { type Server, createServer } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from '../../src/adapters/_html.js';
import { type OpenResponse, readLines } from '../../src/adapters/_http.js';
import { bluesky } from '../../src/adapters/bluesky.js';
import { jsonl } from '../../src/adapters/jsonl.js';
import { parseXml } from '../../src/adapters/_xml.js';
import { rss } from '../../src/adapters/rss.js';
import { tweetToEvent } from '../../src/adapters/x.js';
import { webhook } from '../../src/adapters/webhook.js';
import type { Source, SourceEvent } from '../../src/source.js';

/** Input growth in the complexity tests, and the time growth above which code is not linear. */
const GROWTH = 32;
const LINEAR = 400;

let server: Server | undefined;
afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

/** Send raw bytes to a server and return the status line of its answer. */
function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let data = '';
    socket.on('data', (d) => {
      data += d.toString('latin1');
      if (data.includes('\r\n')) {
        socket.destroy();
        resolve(data.split('\r\n')[0] as string);
      }
    });
    socket.setTimeout(5000, () => {
      socket.destroy();
      resolve('no answer');
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(data.split('\r\n')[0] ?? ''));
  });
}

describe('webhook handler and malformed request targets', () => {
  it.each(['//', '//a:99999/hook', '//[', '//@'])(
    'answers 400 to "%s" instead of throwing in the request listener',
    async (target) => {
      const hook = webhook({ appSecret: 'secret' });
      const s = createServer(hook.handler);
      server = s;
      await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
      const { port } = s.address() as AddressInfo;
      const status = await rawRequest(port, `POST ${target} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n`);
      expect(status).toMatch(/^HTTP\/1\.1 400 /);
      // The server still answers the next, well-formed request.
      const ok = await rawRequest(port, 'GET /hook HTTP/1.1\r\nHost: x\r\n\r\n');
      expect(ok).toMatch(/^HTTP\/1\.1 403 /);
      expect(hook.stats().rejected).toBe(2);
    },
  );
});

/** Events a source yields until `count` arrived (or the stream ends); a throw is returned as such. */
async function collect(source: Source, count: number): Promise<{ events: SourceEvent[]; thrown?: unknown }> {
  const controller = new AbortController();
  const events: SourceEvent[] = [];
  try {
    for await (const ev of source.stream({ signal: controller.signal })) {
      events.push(ev);
      if (events.length >= count) break;
    }
  } catch (e) {
    return { events, thrown: e };
  } finally {
    controller.abort();
  }
  return { events };
}

const serveText = (body: string, type: string) => async () => new Response(body, { headers: { 'content-type': type } });

describe('rss: deeply nested markup in one item', () => {
  const deep = (n: number) => `${'<span>'.repeat(n)}x${'</span>'.repeat(n)}`;

  it('an RSS description nested 50,000 deep does not throw out of the source; the next item still comes', async () => {
    const xml = `<rss><channel><title>t</title><item><guid>a</guid><title>Storing</title><description>${deep(50_000)}</description></item><item><guid>b</guid><title>Tweede bericht</title></item></channel></rss>`;
    const r = await collect(
      rss({ feeds: ['https://feeds.example/f.xml'], fetch: serveText(xml, 'application/rss+xml') }),
      2,
    );
    expect(r.thrown).toBeUndefined();
    expect(r.events).toHaveLength(2);
    const texts = r.events.flatMap((e) => (e.type === 'mention' ? [e.mention.text] : []));
    expect(texts).toContain('Tweede bericht');
  });

  it('an Atom xhtml content nested 50,000 deep does not throw out of the source', async () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>a</id><title>Storing</title><content type="xhtml">${deep(50_000)}</content></entry><entry><id>b</id><title>Tweede bericht</title></entry></feed>`;
    const r = await collect(
      rss({ feeds: ['https://feeds.example/a.xml'], fetch: serveText(xml, 'application/atom+xml') }),
      2,
    );
    expect(r.thrown).toBeUndefined();
    expect(r.events).toHaveLength(2);
    const texts = r.events.flatMap((e) => (e.type === 'mention' ? [e.mention.text] : []));
    expect(texts).toContain('Tweede bericht');
  });
});

/**
 * How much longer `fn` takes on 32 times the input: about 1024 for quadratic code, and for linear
 * code 32 to 180 (the most seen with three busy loops on a 2-core machine: large inputs cost GC
 * and cache misses). The line is at 400; the quadratic code these tests guard against measured 450
 * to 3,000. Best of five runs (one when a run takes long), so a busy machine does not decide.
 */
function growth<T>(fn: (input: T) => unknown, make: (n: number) => T, n: number): number {
  const time = (s: T): number => {
    let best = Number.POSITIVE_INFINITY;
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now();
      fn(s);
      const t = performance.now() - t0;
      best = Math.min(best, t);
      if (t > 1000) break;
    }
    return best;
  };
  const small = make(n);
  const big = make(GROWTH * n);
  for (let k = 0; k < 3; k++) fn(small); // warm up the compiler
  return time(big) / Math.max(time(small), 0.05);
}

describe('HTML to text stays linear in hostile markup (Mastodon statuses, RSS descriptions)', () => {
  it.each([
    ["'<' without any '>'", (n: number) => '<'.repeat(n)],
    ["'</' without any '>'", (n: number) => '</'.repeat(n / 2)],
    ["'a < b' with one '>' at the very end", (n: number) => `${'a < b '.repeat(n / 6)}>`],
    ['many small tags', (n: number) => '<p>x</p>'.repeat(n / 8)],
    ["'<' before each dropped tag", (n: number) => '<<b>a'.repeat(n / 5)],
  ])('htmlToText: %s', (_name, make) => {
    expect(growth(htmlToText, make, 20_000)).toBeLessThan(LINEAR);
  });

  it.each([
    ["'&' without any ';'", (n: number) => '&'.repeat(n)],
    ["'&' in words, no ';'", (n: number) => 'fish & chips '.repeat(n / 13)],
  ])('decodeEntities: %s', (_name, make) => {
    expect(growth(decodeEntities, make, 20_000)).toBeLessThan(LINEAR);
  });
});

describe('the feed XML reader stays linear in hostile markup', () => {
  it.each([
    ["'<!' declarations without a '['", (n: number) => `<rss>${'<!a>'.repeat(n / 4)}</rss>`],
    [
      'closing tags that match nothing open, under deep nesting',
      (n: number) => `<rss>${'<a>'.repeat(n / 8)}${'</b>'.repeat(n / 8)}</rss>`,
    ],
  ])('parseXml: %s', (_name, make) => {
    expect(growth(parseXml, make, 20_000)).toBeLessThan(LINEAR);
  });

  it('still reads a DOCTYPE with an internal subset, and closes tags through unmatched ones', () => {
    const doc = parseXml('<!DOCTYPE rss [<!ENTITY x "y">]><rss><a><b>t</x></b></a></rss>');
    const root = doc.children[0] as ReturnType<typeof parseXml>;
    expect(root.name).toBe('rss');
    const a = root.children[0] as ReturnType<typeof parseXml>;
    expect(a.name).toBe('a');
    expect(a.broken).toBe(false);
    expect((a.children[0] as ReturnType<typeof parseXml>).broken).toBe(true);
  });
});

describe('x: a post with many media keys', () => {
  const post = (n: number) => ({
    data: {
      id: '1',
      text: 'Kijk wat ik kreeg @brand',
      attachments: { media_keys: Array.from({ length: n }, (_, i) => `k${i}`) },
    },
    includes: { media: Array.from({ length: n }, (_, i) => ({ media_key: `k${n - 1 - i}`, type: 'photo' })) },
  });

  it('matches media keys to media in linear time', () => {
    const ratio = growth((p: ReturnType<typeof post>) => tweetToEvent(p.data, p.includes, p, 'x'), post, 1000);
    expect(ratio).toBeLessThan(LINEAR);
  });

  it('still takes the first media object of a key, in the order of the keys', () => {
    const ev = tweetToEvent(
      { id: '1', text: 'hoi', attachments: { media_keys: ['b', 'a', 'missing'] } },
      {
        media: [
          { media_key: 'a', type: 'video' },
          { media_key: 'b', type: 'photo', url: 'https://x/b.jpg' },
          { media_key: 'a', type: 'photo' },
        ],
      },
      {},
      'x',
    );
    expect(ev.type === 'mention' && ev.mention.media).toEqual([
      { type: 'image', url: 'https://x/b.jpg' },
      { type: 'video' },
    ]);
  });
});

describe('bluesky: a Jetstream event with an impossible time_us', () => {
  /** A WHATWG-style WebSocket that opens and sends these frames, then stays quiet. */
  function fakeSocket(frames: string[]) {
    return class FakeSocket {
      readyState = 0;
      private readonly listeners = new Map<string, ((ev: Record<string, unknown>) => void)[]>();
      constructor(_url: string) {
        setTimeout(() => {
          this.readyState = 1;
          this.emit('open', {});
          for (const data of frames) this.emit('message', { data });
        }, 0);
      }
      addEventListener(type: string, l: (ev: Record<string, unknown>) => void): void {
        this.listeners.set(type, [...(this.listeners.get(type) ?? []), l]);
      }
      close(): void {
        this.readyState = 3;
      }
      private emit(type: string, ev: Record<string, unknown>): void {
        for (const l of this.listeners.get(type) ?? []) l(ev);
      }
    };
  }
  const post = (timeUs: string, rkey: string) =>
    `{"did":"did:plc:abc","time_us":${timeUs},"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"${rkey}","record":{"text":"Storing bij Brand?","createdAt":"2025-01-01T00:00:00Z"}}}`;

  it('reports it as a bad record and goes on, without poisoning the cursor', async () => {
    const frames = [
      post('1763630102000123', 'a'),
      post('1e999', 'b'),
      post('-5', 'c'),
      post('1e300', 'd'),
      post('1763630102000200', 'e'),
    ];
    const source = bluesky({ terms: ['brand'], WebSocket: fakeSocket(frames) });
    const r = await collect(source, 5);
    expect(r.thrown).toBeUndefined();
    expect(r.events.map((e) => e.type)).toEqual(['mention', 'error', 'error', 'error', 'mention']);
    const last = r.events[4];
    expect(last?.type === 'mention' && last.cursor).toBe('1763630102000200');
  });
});

describe('jsonl: a file saved as UTF-8 with a byte order mark', () => {
  it('reads its first line as a mention, not as malformed JSON', async () => {
    const input = Readable.from([Buffer.from('\uFEFF{"text":"Al 3 dagen storing"}\r\n{"text":"Pakket kwijt"}\r\n')]);
    const r = await collect(jsonl({ input }), 2);
    expect(r.events.map((e) => (e.type === 'mention' ? e.mention.text : e.error.code))).toEqual([
      'Al 3 dagen storing',
      'Pakket kwijt',
    ]);
  });
});

describe('streams (X NDJSON, Mastodon SSE): one very long line', () => {
  /** A response whose body is one line of `bytes` letters, in 16 KB chunks, then a newline. */
  function longLine(bytes: number): OpenResponse {
    const chunk = new Uint8Array(16 * 1024).fill(97);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(ctl) {
        if (sent >= bytes) {
          ctl.enqueue(new Uint8Array([10]));
          ctl.close();
          return;
        }
        ctl.enqueue(chunk);
        sent += chunk.length;
      },
    });
    return { res: new Response(body), controller: new AbortController(), release: () => undefined };
  }
  async function time(bytes: number): Promise<number> {
    const t0 = performance.now();
    const opts = { signal: new AbortController().signal, idleMs: 60_000, source: 'test' };
    let length = 0;
    for await (const line of readLines(longLine(bytes), opts)) length += line.length;
    expect(length).toBe(bytes);
    return performance.now() - t0;
  }

  it('is split from its chunks in linear time', async () => {
    await time(256 * 1024); // warm up
    const small = Math.min(await time(256 * 1024), await time(256 * 1024));
    const big = await time(GROWTH * 256 * 1024);
    expect(big / Math.max(small, 0.05)).toBeLessThan(LINEAR);
  });
});
