/**
 * A fake Reddit: `/search.json` and `/r/<subs>/{new,search}.json` Listings
 * (`{ kind: 'Listing', data: { after, before, children: [{ kind: 't3', data }] } }`), newest
 * first, `limit` / `after` pagination, `x-ratelimit-*` headers, following Reddit's JSON API.
 * Records become visible over time: `visible` says how many seeds have been posted so far.
 */
import { readFileSync } from 'node:fs';
import type { ConformanceScenario, ConformanceSeed } from '../adapters/conformance.js';
import { type FakeServer, json, startServer, tooMany } from './server.js';
import type { FaultPlan } from './faults.js';

const TEMPLATE = (
  JSON.parse(readFileSync(new URL('../fixtures/reddit/search-listing.json', import.meta.url), 'utf8')) as {
    data: { children: { kind: string; data: Record<string, unknown> }[] };
  }
).data.children[0] as { kind: string; data: Record<string, unknown> };

const BASE = 3_000_000_000;

/** A `t3` listing child for a seed; ids are base-36 counters like Reddit's. */
export function postFor(seed: ConformanceSeed, i: number): { kind: string; data: Record<string, unknown> } {
  const id = (BASE + (i + 1) * 7).toString(36);
  return {
    kind: 't3',
    data: {
      ...TEMPLATE.data,
      id,
      name: `t3_${id}`,
      title: seed.text,
      selftext: '',
      author: `klant_${i % 5}`,
      author_fullname: `t2_k${i % 5}`,
      created_utc: Date.parse(seed.createdAt) / 1000,
      permalink: `/r/thenetherlands/comments/${id}/post_${i}/`,
      score: i,
      ups: i,
      num_comments: i % 3,
    },
  };
}

export interface FakeRedditOptions extends ConformanceScenario {
  /** Rate-limit headers to send (default: plenty left). */
  ratelimit?: { remaining: string; reset: string };
  /** How many seeds are posted at start. Default: all, or `dropAfter`. */
  visible?: number;
  /** Faults to inject (tests/reliability). */
  faults?: FaultPlan;
}

export interface FakeReddit extends FakeServer {
  children: { kind: string; data: Record<string, unknown> }[];
  /** Make more seeds visible (posted). */
  post(n: number): void;
}

export async function startFakeReddit(opts: FakeRedditOptions): Promise<FakeReddit> {
  const children: FakeReddit['children'] = [];
  const seedAt: number[] = []; // index in children of each seed
  opts.seeds.forEach((seed, i) => {
    if (i === opts.malformedBefore) {
      const id = (BASE + (i + 1) * 7 - 3).toString(36);
      children.push({ kind: 't3', data: { id, name: `t3_${id}`, title: 42, created_utc: 'yesterday' } });
    }
    seedAt.push(children.length);
    children.push(postFor(seed, i));
  });
  let visibleSeeds = opts.visible ?? opts.dropAfter ?? opts.seeds.length;
  let rateLimited = opts.rateLimit === undefined;
  let failNext = false;

  const fake = (await startServer((req, res, url) => {
    if (!rateLimited) {
      rateLimited = true;
      return tooMany(res, opts.rateLimit?.retryAfter ?? '1');
    }
    if (!String(req.headers['user-agent'] ?? '').includes('webcare-test')) {
      return json(res, 429, { message: 'Too Many Requests', error: 429 });
    }
    if (failNext) {
      // The transport fails once, then everything posted meanwhile becomes visible.
      failNext = false;
      visibleSeeds = opts.seeds.length;
      res.socket?.destroy();
      return;
    }
    const m = /^(?:\/r\/([A-Za-z0-9_+]+))?\/(search|new)\.json$/.exec(url.pathname);
    if (m === null) return json(res, 404, { message: 'Not Found', error: 404 });
    const q = (url.searchParams.get('q') ?? '').toLowerCase().replace(/"/g, '');
    const end = visibleSeeds === 0 ? 0 : (seedAt[visibleSeeds - 1] ?? children.length - 1) + 1;
    let rows = children.slice(0, end).reverse();
    if (m[2] === 'search' && q !== '') {
      rows = rows.filter((c) => typeof c.data.title !== 'string' || c.data.title.toLowerCase().includes(q));
    }
    const after = url.searchParams.get('after');
    if (after !== null) {
      const at = rows.findIndex((c) => c.data.name === after);
      rows = at === -1 ? [] : rows.slice(at + 1);
    }
    const limit = Math.min(100, Number(url.searchParams.get('limit') ?? '25'));
    const pageRows = rows.slice(0, limit);
    const last = pageRows[pageRows.length - 1];
    const more = rows.length > limit;
    const headers = {
      'x-ratelimit-remaining': opts.ratelimit?.remaining ?? '99.0',
      'x-ratelimit-reset': opts.ratelimit?.reset ?? '300',
      'x-ratelimit-used': '1',
    };
    json(
      res,
      200,
      {
        kind: 'Listing',
        data: {
          after: more && last !== undefined ? last.data.name : null,
          dist: pageRows.length,
          modhash: '',
          geo_filter: '',
          children: pageRows,
          before: null,
        },
      },
      headers,
    );
    if (opts.dropAfter !== undefined && visibleSeeds < opts.seeds.length && !fake.failedOnce) {
      fake.failedOnce = true;
      failNext = true;
    }
  }, opts.faults)) as FakeReddit & { failedOnce: boolean };
  fake.failedOnce = false;
  fake.children = children;
  fake.post = (n: number) => {
    visibleSeeds = Math.min(opts.seeds.length, visibleSeeds + n);
  };
  return fake;
}
