/**
 * Fault injection over the adapters' local fake servers, through the real monitor (which
 * reconnects with backoff from the last cursor). For every fault: every mention sent is assessed
 * exactly once. One figure line per case is printed at the end:
 * `faults: x reset-mid-record delivered 30/30 sent, duplicates 0, ...`.
 *
 * Streaming sources (x, mastodon, bluesky) first lose their connection in the middle of a record
 * (so the next connection resumes from a cursor, with backfill or replay), and the fault then
 * hits that resume. Polling sources (reddit, rss) deliver a first batch, then the fault hits the
 * poll that should bring the rest.
 */
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { bluesky } from '../../src/adapters/bluesky.js';
import { jsonl } from '../../src/adapters/jsonl.js';
import { mastodon } from '../../src/adapters/mastodon.js';
import { reddit } from '../../src/adapters/reddit.js';
import { rss } from '../../src/adapters/rss.js';
import { x } from '../../src/adapters/x.js';
import type { Source } from '../../src/source.js';
import { type ConformanceSeed, makeSeeds } from '../adapters/conformance.js';
import { type Fault, FaultPlan } from '../fakes/faults.js';
import { startFakeFeeds } from '../fakes/feeds.js';
import { startFakeJetstream } from '../fakes/jetstream.js';
import { startFakeMastodon } from '../fakes/mastodon.js';
import { startFakeReddit } from '../fakes/reddit.js';
import { startFakeX } from '../fakes/x.js';
import { type FaultRun, figure, runThroughMonitor, startMirror } from './fault-harness.js';

const TIMEOUT = 400; // adapters' header / idle timeouts in this suite, ms

interface Rig {
  source: Source;
  close(): Promise<void>;
  /** Paths (with query) the fake was asked for. */
  paths(): string[];
  /** Publish more seeds (polling fakes). */
  post?(n: number): void;
}

interface Spec {
  name: 'x' | 'mastodon' | 'bluesky' | 'reddit' | 'rss';
  kind: 'stream' | 'poll';
  /** The request the faults hit. */
  path: RegExp;
  /** The credential header that must not follow a redirect to another host. */
  secret?: string;
  start(seeds: ConformanceSeed[], faults: FaultPlan, visible: number): Promise<Rig>;
}

const UA = 'node:webcare-test:0.1 (by /u/webcare_ci)';

const SPECS: Spec[] = [
  {
    name: 'x',
    kind: 'stream',
    path: /^\/2\/tweets\/search\/stream\?/,
    secret: 'authorization',
    async start(seeds, faults) {
      const fake = await startFakeX({ seeds, token: 'xt', faults });
      return {
        source: x({
          bearerToken: 'xt',
          baseUrl: fake.url,
          rules: [{ value: 'brand' }],
          timeoutMs: TIMEOUT,
          idleTimeoutMs: TIMEOUT,
        }),
        close: () => fake.close(),
        paths: () => fake.requests.map((r) => r.url),
      };
    },
  },
  {
    name: 'mastodon',
    kind: 'stream',
    path: /^\/api\/v1\/streaming\//,
    secret: 'authorization',
    async start(seeds, faults) {
      const fake = await startFakeMastodon({ seeds, token: 'mt', faults });
      return {
        source: mastodon({
          instance: fake.url,
          tag: 'brand',
          accessToken: 'mt',
          timeoutMs: TIMEOUT,
          idleTimeoutMs: TIMEOUT,
        }),
        close: () => fake.close(),
        paths: () => fake.requests.map((r) => r.url),
      };
    },
  },
  {
    name: 'bluesky',
    kind: 'stream',
    path: /^\/subscribe/,
    async start(seeds, faults) {
      const fake = await startFakeJetstream({ seeds, faults });
      return {
        // Jetstream sends no keep-alives: the idle timeout must outlast the fake's pauses.
        source: bluesky({ endpoint: fake.url, terms: ['brand'], timeoutMs: TIMEOUT, idleTimeoutMs: 1500 }),
        close: () => fake.close(),
        paths: () => fake.connects.map((q) => `/subscribe?${q.toString()}`),
      };
    },
  },
  {
    name: 'reddit',
    kind: 'poll',
    path: /^\/search\.json/,
    secret: 'authorization',
    async start(seeds, faults, visible) {
      const fake = await startFakeReddit({ seeds, faults, visible });
      return {
        source: reddit({
          baseUrl: fake.url,
          query: 'brand',
          userAgent: UA,
          accessToken: 'rt',
          intervalMs: 30,
          initialPages: 10,
          timeoutMs: TIMEOUT,
        }),
        close: () => fake.close(),
        paths: () => fake.requests.map((r) => r.url),
        post: (n) => fake.post(n),
      };
    },
  },
  {
    name: 'rss',
    kind: 'poll',
    path: /^\/feed\.xml/,
    secret: 'x-api-key',
    async start(seeds, faults, visible) {
      const fake = await startFakeFeeds({ seeds, faults, visible });
      return {
        source: rss({
          feeds: [{ url: `${fake.url}/feed.xml`, headers: { 'x-api-key': 'feed-key' } }],
          intervalMs: 30,
          timeoutMs: TIMEOUT,
        }),
        close: () => fake.close(),
        paths: () => fake.requests.map((r) => r.url),
        post: (n) => fake.post(n),
      };
    },
  },
];

interface Case {
  name: string;
  /** Seeds in this case. Default 30. */
  n?: number;
  /** The fault, applied `times` times to the resume (or, with `first`, to the first connection). */
  fault(seeds: ConformanceSeed[], ctx: { mirror: string }): Fault | (() => Fault);
  times?: number;
  /** Streams: apply to the first connection instead of after a cut (the fault is the cut). */
  first?: boolean;
  skip?: Spec['name'][];
  /** Keep running until the monitor reported this code (the fault may bite after all arrived). */
  waitForError?: string;
  check(r: FaultRun, spec: Spec, rig: Rig, ctx: { mirrorSeen: Record<string, string | string[] | undefined>[] }): void;
}

const TRANSPORT = ['SOURCE_FAILED', 'SOURCE_TIMEOUT', 'SOURCE_HTTP'];

const CASES: Case[] = [
  {
    name: 'reset-mid-record',
    first: true,
    fault: (s) => ({ kind: 'cut', at: (s[15] as ConformanceSeed).key, mode: 'reset' }),
    check: (r) => expect(r.connectionErrors.some((c) => TRANSPORT.includes(c))).toBe(true),
  },
  {
    name: 'half-written-line',
    first: true,
    fault: (s) => ({ kind: 'cut', at: (s[15] as ConformanceSeed).key, mode: 'fin', pauseMs: 60 }),
    check: (r) => expect(r.connectionErrors.some((c) => TRANSPORT.includes(c))).toBe(true),
  },
  {
    name: 'slow-drip',
    n: 6,
    first: true,
    fault: () => ({ kind: 'drip' }),
    // Bytes keep coming: no timeout may fire.
    check: (r) => expect(r.connectionErrors.filter((c) => c === 'SOURCE_TIMEOUT')).toEqual([]),
  },
  {
    name: 'no-answer',
    fault: () => ({ kind: 'hang' }),
    check: (r) => expect(r.connectionErrors).toContain('SOURCE_TIMEOUT'),
  },
  {
    name: 'headers-then-silence',
    fault: () => ({ kind: 'stall' }),
    waitForError: 'SOURCE_TIMEOUT',
    check: (r) => expect(r.connectionErrors).toContain('SOURCE_TIMEOUT'),
  },
  {
    name: '503-storm-x5',
    fault: () => ({ kind: 'status', status: 503 }),
    times: 5,
    check: (r) => expect(r.connectionErrors.filter((c) => c === 'SOURCE_HTTP').length).toBeGreaterThanOrEqual(5),
  },
  {
    name: '429-retry-after-seconds',
    fault: () => ({ kind: 'status', status: 429, headers: { 'retry-after': '1' } }),
    check: (r) => {
      const e = r.errors.find((x) => x.error.code === 'RATE_LIMITED');
      expect(e?.error.retryAfterMs).toBe(1000);
      expect(e?.retryInMs).toBeGreaterThanOrEqual(1000);
      expect(r.rateLimitGapMs).toBeGreaterThanOrEqual(950);
    },
  },
  {
    name: '429-retry-after-date',
    // The date is written when the 429 is sent.
    fault: () => () => ({
      kind: 'status',
      status: 429,
      headers: { 'retry-after': new Date(Date.now() + 2000).toUTCString() },
    }),
    check: (r) => {
      const e = r.errors.find((x) => x.error.code === 'RATE_LIMITED');
      // The date has whole seconds: the wait is between 1 and 2 s.
      expect(e?.error.retryAfterMs).toBeGreaterThan(900);
      expect(e?.error.retryAfterMs).toBeLessThanOrEqual(2000);
      expect(r.rateLimitGapMs).toBeGreaterThanOrEqual(850);
    },
  },
  ...([301, 302, 307] as const).map(
    (status): Case => ({
      name: `redirect-${status}`,
      fault: () => ({ kind: 'redirect', status }),
      check: (r, spec, rig) => {
        if (spec.name === 'bluesky') {
          // The WebSocket client follows no redirect: reported, and the next attempt goes on.
          expect(r.connectionErrors).toContain('SOURCE_HTTP');
        } else {
          expect(rig.paths().some((p) => p.startsWith('/moved/'))).toBe(true);
        }
      },
    }),
  ),
  {
    name: 'redirect-other-host',
    skip: ['bluesky'],
    fault: (_s, ctx) => ({ kind: 'redirect', status: 302, to: `${ctx.mirror}/elsewhere` }),
    check: (r, spec, _rig, ctx) => {
      // The other host was asked, without the credential; its 503 was retried at the origin.
      expect(ctx.mirrorSeen.length).toBeGreaterThan(0);
      for (const h of ctx.mirrorSeen) expect(h[spec.secret as string]).toBeUndefined();
      expect(r.connectionErrors).toContain('SOURCE_HTTP');
    },
  },
];

const figures: string[] = [];

afterAll(() => {
  for (const line of figures.sort()) console.log(line);
});

async function runCase(spec: Spec, c: Case): Promise<void> {
  const n = c.n ?? 30;
  const seeds = makeSeeds(n).map((s) => ({ ...s, text: `${s.text} brand` }));
  const plan = new FaultPlan();
  const mirror = await startMirror();
  const half = Math.floor(n / 2);
  const fault = c.fault(seeds, { mirror: mirror.url });
  if (spec.kind === 'stream') {
    if (c.first === true) plan.add(spec.path, fault, c.times ?? 1);
    else {
      // Lose the first connection mid-record, so the fault hits a resume from a cursor.
      plan.add(spec.path, { kind: 'cut', at: (seeds[half] as ConformanceSeed).key, mode: 'reset' });
      plan.add(spec.path, fault, c.times ?? 1);
    }
  }
  const rig = await spec.start(seeds, plan, spec.kind === 'poll' ? half : n);
  try {
    const r = await runThroughMonitor(rig.source, seeds, {
      ...(c.waitForError === undefined ? {} : { waitForError: c.waitForError }),
      onDelivered(count) {
        // Polling: the first batch is in; publish the rest and break the poll that brings it.
        if (spec.kind === 'poll' && count === half) {
          plan.add(spec.path, fault, c.times ?? 1);
          rig.post?.(n - half);
        }
      },
    });
    figures.push(figure(spec.name, c.name, r));
    expect({ delivered: r.delivered, duplicates: r.duplicates, strays: r.strays }).toEqual({
      delivered: n,
      duplicates: 0,
      strays: 0,
    });
    // A record cut in half is fetched again whole, not reported as a bad record.
    expect(r.recordErrors).toEqual([]);
    expect(plan.pending()).toBe(0); // every fault was injected
    c.check(r, spec, rig, { mirrorSeen: mirror.seen.map((m) => m.headers) });
  } finally {
    await rig.close();
    await mirror.close();
  }
}

for (const spec of SPECS) {
  describe.concurrent(`faults: ${spec.name}`, () => {
    for (const c of CASES) {
      if (c.skip?.includes(spec.name)) continue;
      it(c.name, () => runCase(spec, c), 15_000);
    }
  });
}

/**
 * JSON Lines has no server: its transport is a pipe (a function opening a fresh stream per
 * connection, resumed by byte offset) or a followed file being written.
 */
describe.concurrent('faults: jsonl', () => {
  const dir = mkdtempSync(join(tmpdir(), 'webcare-faults-'));
  const seedsOf = (n: number) => makeSeeds(n).map((s) => ({ ...s, text: `${s.text} brand ë😡` }));
  const lineOf = (s: ConformanceSeed) => `${JSON.stringify({ id: s.key, text: s.text, createdAt: s.createdAt })}\n`;

  it('reset-mid-record', async () => {
    const seeds = seedsOf(30);
    const content = Buffer.from(seeds.map(lineOf).join(''));
    const cutAt = content.indexOf((seeds[15] as ConformanceSeed).key); // inside line 15
    let opens = 0;
    const open = () => {
      const first = opens++ === 0;
      return Readable.from(
        (async function* () {
          if (!first) {
            yield content;
            return;
          }
          yield content.subarray(0, cutAt);
          throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
        })(),
      );
    };
    const r = await runThroughMonitor(jsonl({ input: open }), seeds);
    figures.push(figure('jsonl', 'reset-mid-record', r));
    expect([r.delivered, r.duplicates, r.strays]).toEqual([30, 0, 0]);
    expect(r.recordErrors).toEqual([]); // the half line is not reported as bad: it is read again
    expect(r.connectionErrors).toEqual(['SOURCE_FAILED']);
    expect(opens).toBe(2);
  });

  it('half-written-line', async () => {
    const seeds = seedsOf(30);
    const content = seeds.map(lineOf).join('');
    const split = content.indexOf((seeds[15] as ConformanceSeed).key);
    const file = join(dir, 'half.jsonl');
    writeFileSync(file, content.slice(0, split)); // the writer stopped mid-line
    const r = await runThroughMonitor(jsonl({ file, follow: true, pollIntervalMs: 20 }), seeds, {
      onDelivered(count) {
        // Everything before the half line is in; the writer finishes it a little later.
        if (count === 15) setTimeout(() => appendFileSync(file, content.slice(split)), 100);
      },
    });
    figures.push(figure('jsonl', 'half-written-line', r));
    expect([r.delivered, r.duplicates, r.strays]).toEqual([30, 0, 0]);
    expect(r.recordErrors).toEqual([]);
  });

  it('slow-drip', async () => {
    const seeds = seedsOf(30);
    const content = Buffer.from(seeds.map(lineOf).join(''));
    let chunks = 0;
    const open = () =>
      Readable.from(
        (async function* () {
          for (let i = 0; i < content.length; i++) {
            chunks += 1;
            yield content.subarray(i, i + 1); // one byte per chunk, a multi-byte character split too
            if (i % 64 === 0) await new Promise((r) => setImmediate(r));
          }
        })(),
      );
    const r = await runThroughMonitor(jsonl({ input: open }), seeds);
    figures.push(figure('jsonl', 'slow-drip', r));
    expect([r.delivered, r.duplicates, r.strays]).toEqual([30, 0, 0]);
    expect(r.recordErrors).toEqual([]);
    expect(chunks).toBe(content.length);
  });
});
