/**
 * Batch scoring, JSON Lines reading, summaries and charts under real Deno: files through Deno's
 * `node:fs`, and a web stream from Deno's `fetch` of a `file:` URL.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type Assessment,
  type BatchError,
  chart,
  incidentsOf,
  readJsonl,
  scoreBatch,
  summarize,
} from '../../src/index.js';

const feed = new URL('../fixtures/batch/feed.jsonl', import.meta.url);

async function scoreFeed(): Promise<{ assessments: Assessment[]; errors: BatchError[] }> {
  const errors: BatchError[] = [];
  const { assessments } = await scoreBatch(readJsonl(feed), { onError: (e) => errors.push(e) }).collect();
  return { assessments, errors };
}

describe('webcare under Deno: batch', () => {
  test('scoreBatch over readJsonl(file URL) scores valid lines and reports bad ones', async () => {
    const progress: number[] = [];
    const run = scoreBatch(readJsonl(feed), { progressEvery: 10, onProgress: (p) => progress.push(p.read) });
    let n = 0;
    for await (const a of run) {
      assert.equal(typeof a.priority, 'string');
      n++;
    }
    assert.equal(n, 25);
    assert.deepEqual(progress, [10, 20, 27]);
    assert.equal(run.stats.failed, 2);
    const { errors } = await scoreFeed();
    assert.deepEqual(
      errors.map((e) => [e.line, e.error.code]),
      [
        [6, 'INVALID_JSON'],
        [10, 'INVALID_MENTION'],
      ],
    );
  });

  test('readJsonl reads a web ReadableStream (a fetch body of a file: URL)', async () => {
    const res = await fetch(feed);
    assert.ok(res.body);
    const { stats } = await scoreBatch(readJsonl(res.body)).collect();
    assert.equal(stats.scored, 25);
  });

  test('summarize by day in a time zone, with the outage burst as an incident', async () => {
    const { assessments } = await scoreFeed();
    const rows = summarize(assessments, { by: 'day', timeZone: 'Europe/Amsterdam', incidents: { threshold: 4 } });
    assert.deepEqual(
      rows.map((r) => r.period),
      ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19'],
    );
    assert.equal(
      rows.reduce((n, r) => n + r.count, 0),
      24,
    ); // one mention has no createdAt
    const incidents = incidentsOf(rows);
    assert.equal(incidents.length, 1);
    assert.equal(incidents[0]?.category, 'disruption');
    for (const r of rows) assert.ok(r.netSentiment >= -100 && r.netSentiment <= 100);
  });

  test('chart returns an SVG with one bar segment per category and day', async () => {
    const { assessments } = await scoreFeed();
    const rows = summarize(assessments);
    const svg = chart(rows, { kind: 'stacked-bar', title: 'Klachten per dag' });
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const bars = [...svg.matchAll(/<rect class="bar"[^>]*data-value="(\d+)"/g)].map((m) => Number(m[1]));
    const complaints = rows.reduce((n, r) => n + r.complaints, 0);
    assert.equal(
      bars.reduce((a, b) => a + b, 0),
      complaints,
    );
  });

  test('the built ESM bundle (dist/index.js) imports and works too', async () => {
    const dist = new URL('../../dist/index.js', import.meta.url);
    // Built by `npm test` before the suite; the vitest driver builds it when missing.
    const mod = (await import(dist.href)) as typeof import('../../src/index.js');
    const { assessments } = await mod.scoreBatch(['Storing!', { text: 'Top!' }]).collect();
    assert.equal(assessments.length, 2);
    assert.equal(typeof mod.chart(mod.summarize(assessments, { undated: new Date(0) })), 'string');
  });
});
