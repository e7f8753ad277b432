/**
 * The conformance suite every adapter runs (as unstorage's drivers share one test suite).
 *
 * ## The harness contract
 *
 * An adapter's test file calls `runConformance('mastodon', harness)`. The suite makes up a few
 * abstract seeds (`{ key, text, createdAt }`, each text holding a unique token such as `cf07`)
 * and calls `harness.start(scenario)` once per test. The harness:
 *
 * 1. turns every seed into the platform's own payload (a Mastodon Status, a Jetstream commit, a
 *    Tweet with its `includes.users`, a Reddit `t3` child, an RSS `<item>`...), keeping the seed's
 *    text readable in the normalised `mention.text` (HTML around it is fine, it must be stripped);
 * 2. starts a fake server on 127.0.0.1 that speaks the platform's real wire format and publishes
 *    those records in seed order, as if they were posted one after the other;
 * 3. honours the scenario:
 *    - `malformedBefore: i` puts one malformed record (broken JSON, a record of the wrong shape,
 *      broken markup) on the wire just before seed `i`. The source must yield it as an `error`
 *      event with code `INVALID_JSON` or `INVALID_MENTION` and its `record`, and go on.
 *    - `dropAfter: k` fails the transport once, after seeds `0..k-1` have been delivered: a
 *      streaming fake destroys the connection, a polling fake shows only the first `k` records and
 *      then fails one request (socket destroyed or 5xx). Records published while the client was
 *      away must still reach it when it resumes from its last cursor (replay, REST backfill,
 *      pagination: whatever the platform offers). `stream()` must THROW a `WebcareError`
 *      (`SOURCE_FAILED`, `SOURCE_HTTP` or `SOURCE_TIMEOUT`); the suite, like the monitor, then
 *      calls `stream({ signal, cursor: lastCursor })` again.
 *    - `rateLimit: { retryAfter }` answers the first request with HTTP 429 and that `Retry-After`
 *      header (delta seconds or an HTTP date); later requests succeed. `stream()` must throw
 *      `RATE_LIMITED` with `retryAfterMs` parsed from the header.
 * 4. returns a {@link ConformanceFake}: `source()` builds a NEW source instance pointing at the
 *    fake (a fresh process with the same options, so resuming cannot lean on in-memory state),
 *    `close()` stops the server, and optionally `openConnections()` lets the suite check that
 *    aborting a stream really closes its connection.
 *
 * A live fake behaves like the platform: records are published once, in order; a new connection
 * without a cursor gets what is published from then on (it does not replay old posts), and a
 * resume with a cursor gets what the platform would give back (replay, backfill, pagination).
 *
 * Sources that have no transport (an array, a file) set `capabilities` to skip what does not
 * apply; a finite stream may simply end once its input is read.
 *
 * @module
 */
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { WebcareError } from '../../src/errors.js';
import { normalizeMention } from '../../src/mention.js';
import type { Source, SourceError, SourceMention } from '../../src/source.js';

/** An abstract record the harness turns into its platform's payload. */
export interface ConformanceSeed {
  /** Unique token, also inside `text` (`cf00`, `cf01`...). */
  key: string;
  /** Plain text; the normalised mention's text must contain it. */
  text: string;
  /** ISO 8601 time, one minute apart, oldest first, in the recent past. */
  createdAt: string;
}

/** What the fake server should do in one test. */
export interface ConformanceScenario {
  seeds: ConformanceSeed[];
  /** Put one malformed record on the wire just before this seed index. */
  malformedBefore?: number;
  /** Fail the transport once after this many seeds were delivered. */
  dropAfter?: number;
  /** Answer the first request with 429 and this `Retry-After` header value. */
  rateLimit?: { retryAfter: string };
}

/** A running fake server with its records. */
export interface ConformanceFake {
  /** A new source instance against this fake. */
  source(): Source;
  /** Stop the server and release everything. */
  close(): Promise<void>;
  /** Open client connections right now (optional; used to check that abort closes them). */
  openConnections?(): number;
}

/** What an adapter's test file implements to run the suite. */
export interface ConformanceHarness {
  /** Start a fake for a scenario. */
  start(scenario: ConformanceScenario): Promise<ConformanceFake>;
  /** The `mention.source` the adapter sets. Default: the name given to `runConformance`. */
  sourceName?: string;
  /** How long to keep listening after the last expected mention, to catch repeats. Default 250. */
  settleMs?: number;
  /** Scenarios that do not apply to this source. */
  capabilities?: { malformed?: boolean; drop?: boolean; rateLimit?: boolean };
}

/** The codes a transport failure may carry. */
export const TRANSPORT_CODES = new Set(['SOURCE_FAILED', 'SOURCE_HTTP', 'SOURCE_TIMEOUT', 'RATE_LIMITED']);

/** Make `n` seeds with unique tokens, one minute apart, ending a minute ago. */
export function makeSeeds(n: number, now = Date.now()): ConformanceSeed[] {
  const texts = [
    'Al 3 dagen storing bij @Brand, niemand neemt op',
    'My parcel from @Brand is a week late & nobody answers',
    'Waarom is mijn factuur van @Brand ineens 40 euro hoger?',
    'Great help from @Brand today, thanks <3',
    'Pas op met @Brand: "levering morgen" is nooit morgen',
  ];
  return Array.from({ length: n }, (_, i) => {
    const key = `cf${String(i).padStart(2, '0')}`;
    return {
      key,
      text: `${texts[i % texts.length]} ${key}`,
      createdAt: new Date(now - (n - i + 1) * 60_000).toISOString(),
    };
  });
}

/** Everything one drive of a source produced. */
export interface DriveResult {
  mentions: SourceMention[];
  errors: SourceError[];
  /** Errors `stream()` threw (each followed by a reconnect from the last cursor). */
  thrown: WebcareError[];
  /** The cursor of the last mention. */
  cursor: string | undefined;
}

/** Options of {@link drive}. */
export interface DriveOptions {
  cursor?: string;
  /** Stop after this many mentions (plus `settleMs` to catch repeats). */
  until: number;
  settleMs?: number;
  /** Give up reconnecting after this many thrown errors. Default 5. */
  maxThrows?: number;
  /** Abort as soon as this many mentions arrived, without settling (the abort test). */
  abortAt?: number;
  /** Hard limit for the whole drive, so a broken adapter fails instead of hanging. */
  timeoutMs?: number;
}

/**
 * Read a source the way the monitor does: on a thrown transport error, call `stream()` again
 * with the last cursor. Stops (by aborting the signal) once `until` mentions arrived and no more
 * came for `settleMs`, or when a finite stream ends.
 */
export async function drive(source: Source, opts: DriveOptions): Promise<DriveResult> {
  const res: DriveResult = { mentions: [], errors: [], thrown: [], cursor: opts.cursor };
  const ctl = new AbortController();
  const hard = setTimeout(() => ctl.abort(new Error('drive timed out')), opts.timeoutMs ?? 15_000);
  let settle: NodeJS.Timeout | undefined;
  const maxThrows = opts.maxThrows ?? 5;
  try {
    for (;;) {
      const streamOpts: { signal: AbortSignal; cursor?: string } = { signal: ctl.signal };
      if (res.cursor !== undefined) streamOpts.cursor = res.cursor;
      try {
        for await (const ev of source.stream(streamOpts)) {
          if (ev.type === 'error') {
            res.errors.push(ev);
            continue;
          }
          res.mentions.push(ev);
          if (ev.cursor !== undefined) res.cursor = ev.cursor;
          if (opts.abortAt !== undefined && res.mentions.length >= opts.abortAt) ctl.abort();
          if (res.mentions.length >= opts.until && settle === undefined) {
            settle = setTimeout(() => ctl.abort(), opts.settleMs ?? 250);
          }
        }
        return res; // ended: aborted, or a finite input was read to the end
      } catch (e) {
        if (ctl.signal.aborted) {
          if (ctl.signal.reason instanceof Error && ctl.signal.reason.message === 'drive timed out') {
            throw new Error(`drive timed out with ${res.mentions.length}/${opts.until} mentions`);
          }
          return res;
        }
        if (!(e instanceof WebcareError) || !TRANSPORT_CODES.has(e.code)) throw e;
        res.thrown.push(e);
        if (res.thrown.length > maxThrows) throw e;
      }
    }
  } finally {
    clearTimeout(hard);
    if (settle !== undefined) clearTimeout(settle);
  }
}

function keysOf(mentions: SourceMention[], seeds: ConformanceSeed[]): string[] {
  return mentions.map((ev) => {
    const hit = seeds.find((s) => ev.mention.text.includes(s.key));
    return hit === undefined ? `?${ev.mention.text.slice(0, 40)}` : hit.key;
  });
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await delay(20);
  }
  return check();
}

/**
 * Run the shared conformance tests for one adapter.
 *
 * @example
 * ```ts
 * runConformance('mastodon', { start: (scenario) => startFakeMastodon(scenario) });
 * ```
 */
export function runConformance(name: string, harness: ConformanceHarness): void {
  const sourceName = harness.sourceName ?? name;
  const caps = { malformed: true, drop: true, rateLimit: true, ...harness.capabilities };
  const settleMs = harness.settleMs ?? 250;

  describe(`${name}: adapter conformance`, () => {
    it('yields valid mentions with source, id, text and raw, each with a cursor', async () => {
      const seeds = makeSeeds(4);
      const fake = await harness.start({ seeds });
      try {
        const r = await drive(fake.source(), { until: seeds.length, settleMs });
        expect(r.errors).toEqual([]);
        expect(r.thrown).toEqual([]);
        expect(keysOf(r.mentions, seeds)).toEqual(seeds.map((s) => s.key));
        for (const ev of r.mentions) {
          const m = ev.mention;
          // A mention must survive the core's own validation unchanged in meaning.
          expect(() => normalizeMention(m)).not.toThrow();
          expect(m.source).toBe(sourceName);
          expect(typeof m.id).toBe('string');
          expect(m.id).not.toBe('');
          expect(m.text).not.toMatch(/<\/?[a-z][^>]*>|&(amp|lt|gt|quot|#\d+);/i);
          expect(m.raw).toBeDefined();
          expect(typeof ev.cursor).toBe('string');
          if (m.createdAt !== undefined) expect(m.createdAt).toBeInstanceOf(Date);
        }
        expect(new Set(r.mentions.map((ev) => ev.mention.id)).size).toBe(seeds.length);
      } finally {
        await fake.close();
      }
    });

    it('delivers every record exactly once, in order', async () => {
      const seeds = makeSeeds(12);
      const fake = await harness.start({ seeds });
      try {
        const r = await drive(fake.source(), { until: seeds.length, settleMs });
        expect(keysOf(r.mentions, seeds)).toEqual(seeds.map((s) => s.key));
      } finally {
        await fake.close();
      }
    });

    it.skipIf(!caps.malformed)('reports a malformed record as an error event and delivers the rest', async () => {
      const seeds = makeSeeds(6);
      const fake = await harness.start({ seeds, malformedBefore: 3 });
      try {
        const r = await drive(fake.source(), { until: seeds.length, settleMs });
        expect(keysOf(r.mentions, seeds)).toEqual(seeds.map((s) => s.key));
        expect(r.errors.length).toBeGreaterThanOrEqual(1);
        for (const ev of r.errors) {
          expect(ev.error).toBeInstanceOf(WebcareError);
          expect(['INVALID_JSON', 'INVALID_MENTION']).toContain(ev.error.code);
          expect(ev.record).toBeDefined();
        }
        expect(r.thrown).toEqual([]);
      } finally {
        await fake.close();
      }
    });

    it.skipIf(!caps.drop)(
      'resumes from the last cursor after a dropped connection, nothing lost or repeated',
      async () => {
        const seeds = makeSeeds(10);
        const fake = await harness.start({ seeds, dropAfter: 4 });
        try {
          const r = await drive(fake.source(), { until: seeds.length, settleMs });
          expect(r.thrown.length).toBeGreaterThanOrEqual(1);
          for (const e of r.thrown) expect(['SOURCE_FAILED', 'SOURCE_HTTP', 'SOURCE_TIMEOUT']).toContain(e.code);
          expect(keysOf(r.mentions, seeds)).toEqual(seeds.map((s) => s.key));
        } finally {
          await fake.close();
        }
      },
    );

    it('resumes a fresh source instance from a stored cursor, nothing lost or repeated', async () => {
      const seeds = makeSeeds(8);
      const fake = await harness.start({ seeds });
      try {
        const first = await drive(fake.source(), { until: 3, abortAt: 3 });
        expect(keysOf(first.mentions, seeds)).toEqual(seeds.slice(0, 3).map((s) => s.key));
        expect(first.cursor).toBeTypeOf('string');
        const cursor = first.cursor as string;
        const rest = await drive(fake.source(), { cursor, until: seeds.length - 3, settleMs });
        expect(keysOf(rest.mentions, seeds)).toEqual(seeds.slice(3).map((s) => s.key));
      } finally {
        await fake.close();
      }
    });

    it('stops delivering as soon as the signal aborts', async () => {
      const seeds = makeSeeds(3);
      const fake = await harness.start({ seeds });
      try {
        const r = await drive(fake.source(), { until: seeds.length, abortAt: 1 });
        expect(keysOf(r.mentions, seeds)).toEqual([seeds[0]?.key]);
      } finally {
        await fake.close();
      }
    });

    it('ends promptly when the signal aborts while it waits for data, and closes its connection', async () => {
      const seeds = makeSeeds(3);
      const fake = await harness.start({ seeds });
      try {
        const ctl = new AbortController();
        const it = fake.source().stream({ signal: ctl.signal })[Symbol.asyncIterator]();
        const seen: string[] = [];
        while (seen.length < seeds.length) {
          const r = await it.next();
          if (r.done === true) break;
          if (r.value.type === 'mention') seen.push(r.value.mention.text);
        }
        expect(seen.length).toBe(seeds.length);
        // Nothing more is coming: the source idles on an open connection or between polls.
        const pending = it.next();
        await delay(50);
        ctl.abort();
        const outcome = await Promise.race([
          pending.then(
            (r) => (r.done === true ? 'done' : 'value'),
            (e: unknown) => (e instanceof WebcareError && e.code === 'ABORTED' ? 'done' : 'threw'),
          ),
          delay(5000).then(() => 'hung'),
        ]);
        expect(outcome).toBe('done');
        if (fake.openConnections !== undefined) {
          const open = fake.openConnections;
          expect(await waitFor(() => open() === 0, 3000)).toBe(true);
        }
      } finally {
        await fake.close();
      }
    });

    it.skipIf(!caps.rateLimit)(
      'surfaces 429 Retry-After as RATE_LIMITED with retryAfterMs, then recovers',
      async () => {
        const seeds = makeSeeds(3);
        const fake = await harness.start({ seeds, rateLimit: { retryAfter: '7' } });
        try {
          const r = await drive(fake.source(), { until: seeds.length, settleMs });
          const limited = r.thrown.filter((e) => e.code === 'RATE_LIMITED');
          expect(limited.length).toBe(1);
          expect(limited[0]?.retryAfterMs).toBe(7000);
          expect(keysOf(r.mentions, seeds)).toEqual(seeds.map((s) => s.key));
        } finally {
          await fake.close();
        }
      },
    );

    it.skipIf(!caps.rateLimit)('parses an HTTP-date Retry-After', async () => {
      const seeds = makeSeeds(1);
      const at = new Date(Date.now() + 60_000).toUTCString();
      const fake = await harness.start({ seeds, rateLimit: { retryAfter: at } });
      try {
        const ctl = new AbortController();
        let caught: unknown;
        try {
          for await (const _ of fake.source().stream({ signal: ctl.signal })) break;
        } catch (e) {
          caught = e;
        }
        ctl.abort();
        expect(caught).toBeInstanceOf(WebcareError);
        const err = caught as WebcareError;
        expect(err.code).toBe('RATE_LIMITED');
        // An HTTP date has one-second resolution; the rest is how long the request took.
        expect(err.retryAfterMs).toBeGreaterThan(45_000);
        expect(err.retryAfterMs).toBeLessThanOrEqual(60_000);
      } finally {
        await fake.close();
      }
    });
  });
}
