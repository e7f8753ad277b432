/**
 * The platform adapters under the real monitor: five fake platforms at once, each dropping its
 * connection or rate-limiting once, and every mention assessed exactly once.
 */
import { describe, expect, it } from 'vitest';
import { bluesky } from '../../src/adapters/bluesky.js';
import { mastodon } from '../../src/adapters/mastodon.js';
import { reddit } from '../../src/adapters/reddit.js';
import { rss } from '../../src/adapters/rss.js';
import { x } from '../../src/adapters/x.js';
import { createMonitor } from '../../src/monitor/monitor.js';
import { startFakeFeeds } from '../fakes/feeds.js';
import { startFakeJetstream } from '../fakes/jetstream.js';
import { startFakeMastodon } from '../fakes/mastodon.js';
import { startFakeReddit } from '../fakes/reddit.js';
import { startFakeX } from '../fakes/x.js';
import { makeSeeds } from './conformance.js';

describe('platform adapters under createMonitor', () => {
  it('assesses every mention from five platforms exactly once through drops and a 429', async () => {
    const n = 40;
    const seeds = (p: string) => makeSeeds(n).map((s) => ({ ...s, text: `${s.text} ${p}` }));
    const masto = await startFakeMastodon({ seeds: seeds('m'), dropAfter: 11 });
    const xs = await startFakeX({ seeds: seeds('x'), token: 't', dropAfter: 17, rateLimit: { retryAfter: '0' } });
    const jet = await startFakeJetstream({ seeds: seeds('b'), dropAfter: 23 });
    const red = await startFakeReddit({ seeds: seeds('r'), dropAfter: 9 });
    const feeds = await startFakeFeeds({ seeds: seeds('f'), dropAfter: 5 });
    const ua = 'node:webcare-test:0.1 (by /u/webcare_ci)';
    const monitor = createMonitor({
      sources: [
        mastodon({ instance: masto.url, tag: 'brand' }),
        x({ bearerToken: 't', baseUrl: xs.url, rules: [{ value: 'brand' }] }),
        bluesky({ endpoint: jet.url, terms: ['brand'] }),
        reddit({ baseUrl: red.url, query: 'brand', userAgent: ua, intervalMs: 30, limit: 10, initialPages: 10 }),
        rss({ feeds: [`${feeds.url}/feed.xml`], intervalMs: 30 }),
      ],
      dedup: false,
      incidents: false,
      reconnect: { baseMs: 5, maxMs: 50 },
    });
    const seen = new Map<string, number>();
    const errors: string[] = [];
    let done: () => void = () => undefined;
    const all = new Promise<void>((resolve) => {
      done = resolve;
    });
    monitor.on('mention', (a) => {
      const key = `${a.mention.source}:${a.mention.id}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      if (seen.size === 5 * n) done();
    });
    monitor.on('error', (e) => errors.push(`${e.source}:${e.error.code}`));
    try {
      await monitor.start();
      await Promise.race([all, new Promise((r) => setTimeout(r, 20_000))]);
      await new Promise((r) => setTimeout(r, 300)); // repeats would show up here
      await monitor.stop();
      const perSource = new Map<string, number>();
      for (const k of seen.keys())
        perSource.set(k.split(':')[0] as string, (perSource.get(k.split(':')[0] as string) ?? 0) + 1);
      expect(Object.fromEntries(perSource)).toEqual({ mastodon: n, x: n, bluesky: n, reddit: n, rss: n });
      expect([...seen.values()].every((c) => c === 1)).toBe(true);
      // Each platform failed once, and the monitor reported it and reconnected.
      for (const s of ['mastodon', 'x', 'bluesky', 'reddit', 'rss'])
        expect(errors.some((e) => e.startsWith(`${s}:`))).toBe(true);
      expect(errors).toContain('x:RATE_LIMITED');
    } finally {
      await monitor.stop();
      await Promise.all([masto.close(), xs.close(), jet.close(), red.close(), feeds.close()]);
    }
  });
});
