/**
 * A fake feed host: `/feed.xml` (RSS 2.0, items newest first, HTML descriptions in CDATA) and
 * `/atom.xml` (Atom 1.0, `type="html"` content), with `ETag` / `Last-Modified` validators and
 * 304 on `If-None-Match` / `If-Modified-Since`, following the RSS 2.0 spec and RFC 4287 / 9110.
 * Items become visible over time (`post`).
 */
import type { ConformanceScenario, ConformanceSeed } from '../adapters/conformance.js';
import { type FakeServer, startServer, tooMany } from './server.js';
import type { FaultPlan } from './faults.js';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function rssItem(seed: ConformanceSeed, i: number): string {
  return `    <item>
      <title>Review ${i}: ${esc(seed.key)}</title>
      <link>https://reviews.example.nl/r/${i}</link>
      <guid isPermaLink="false">review-${seed.key}</guid>
      <dc:creator>reviewer${i % 4}</dc:creator>
      <pubDate>${new Date(seed.createdAt).toUTCString()}</pubDate>
      <description><![CDATA[<p>${esc(seed.text)}</p>]]></description>
    </item>\n`;
}

function atomEntry(seed: ConformanceSeed, i: number): string {
  return `  <entry>
    <title type="text">Review ${i}: ${esc(seed.key)}</title>
    <id>tag:reviews.example.nl,2025:${seed.key}</id>
    <link rel="alternate" href="https://reviews.example.nl/r/${i}"/>
    <updated>${seed.createdAt}</updated>
    <author><name>reviewer${i % 4}</name></author>
    <content type="html">${esc(`<p>${esc(seed.text)}</p>`)}</content>
  </entry>\n`;
}

export interface FakeFeedsOptions extends ConformanceScenario {
  /** Seeds visible at start. Default all (or `dropAfter`). */
  visible?: number;
  /** Send validators. Default true. */
  validators?: boolean;
  /** Faults to inject (tests/reliability). */
  faults?: FaultPlan;
}

export interface FakeFeeds extends FakeServer {
  post(n: number): void;
  /** Responses by status code. */
  statuses: number[];
}

export async function startFakeFeeds(opts: FakeFeedsOptions): Promise<FakeFeeds> {
  let visible = opts.visible ?? opts.dropAfter ?? opts.seeds.length;
  let rateLimited = opts.rateLimit === undefined;
  let failNext = false;
  let failedOnce = false;
  const statuses: number[] = [];

  function body(atom: boolean): { xml: string; etag: string; modified: string } {
    const parts: string[] = [];
    opts.seeds.slice(0, visible).forEach((seed, i) => {
      if (i === opts.malformedBefore) {
        parts.push(atom ? '  <entry><title>Kapot <id>tag:broken</id></entry>\n' : '    <item><title>Kapot</item>\n');
      }
      parts.push(atom ? atomEntry(seed, i) : rssItem(seed, i));
    });
    parts.reverse(); // newest first
    const last = opts.seeds[visible - 1];
    const modified = new Date(last === undefined ? 0 : Date.parse(last.createdAt)).toUTCString();
    const etag = `W/"${atom ? 'a' : 'r'}${visible}"`;
    const xml = atom
      ? `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl">\n  <title>Reviews</title>\n  <id>tag:reviews.example.nl,2025:feed</id>\n  <updated>${last?.createdAt ?? ''}</updated>\n${parts.join('')}</feed>\n`
      : `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">\n  <channel>\n    <title>Reviews</title>\n    <link>https://reviews.example.nl/</link>\n    <description>Reviews</description>\n    <language>nl</language>\n${parts.join('')}  </channel>\n</rss>\n`;
    return { xml, etag, modified };
  }

  const fake = (await startServer((req, res, url) => {
    if (!rateLimited) {
      rateLimited = true;
      statuses.push(429);
      return tooMany(res, opts.rateLimit?.retryAfter ?? '1');
    }
    if (failNext) {
      failNext = false;
      visible = opts.seeds.length;
      res.socket?.destroy();
      return;
    }
    if (url.pathname !== '/feed.xml' && url.pathname !== '/atom.xml') {
      statuses.push(404);
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Not found</body></html>');
      return;
    }
    const { xml, etag, modified } = body(url.pathname === '/atom.xml');
    const validators = opts.validators !== false;
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    const notModified = validators && (inm !== undefined ? inm === etag : ims !== undefined && ims === modified);
    if (notModified) {
      statuses.push(304);
      res.writeHead(304, { etag, 'last-modified': modified }).end();
    } else {
      statuses.push(200);
      const headers: Record<string, string> = {
        'content-type':
          url.pathname === '/atom.xml' ? 'application/atom+xml; charset=utf-8' : 'application/rss+xml; charset=utf-8',
      };
      if (validators) {
        headers.etag = etag;
        headers['last-modified'] = modified;
      }
      res.writeHead(200, headers).end(xml);
    }
    if (opts.dropAfter !== undefined && !failedOnce) {
      failedOnce = true;
      failNext = true;
    }
  }, opts.faults)) as FakeFeeds;
  fake.statuses = statuses;
  fake.post = (n) => {
    visible = Math.min(opts.seeds.length, visible + n);
  };
  return fake;
}
