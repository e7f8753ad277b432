import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type DashboardServer, startDashboardServer } from '../../src/cli/dashboard-server.js';
import { type Board, type Card, createBoard } from '../../src/cli/dashboard-state.js';
import { scoreMention } from '../../src/score.js';
import { openEvents } from './helpers.js';

let server: DashboardServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(board: Board = createBoard()): Promise<{ board: Board; url: string }> {
  server = await startDashboardServer({ board, port: 0 });
  return { board, url: server.url };
}

/** A raw request, so tests can send the headers a browser would not. */
function raw(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('dashboard server', () => {
  it('serves the page and its assets with a strict Content-Security-Policy, and nothing else', async () => {
    const { url } = await start();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(url);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<script type="module" src="/app.js"');
    expect((await fetch(`${url}app.js`)).headers.get('content-type')).toContain('text/javascript');
    expect((await fetch(`${url}style.css`)).headers.get('content-type')).toContain('text/css');
    expect((await fetch(`${url}../package.json`)).status).toBe(404);
    expect((await fetch(`${url}%2e%2e/%2e%2e/package.json`)).status).toBe(404);
    expect((await fetch(`${url}nope`)).status).toBe(404);
  });

  it('replays the queue to a new client, then streams live cards, assignments and removals', async () => {
    const { board, url } = await start();
    board.add(scoreMention({ id: 'early', text: 'Al 3 dagen storing, niemand neemt op!' }));
    const es = await openEvents(`${url}events`);
    const snap = JSON.parse((await es.next((e) => e.event === 'snapshot')).data);
    expect(snap.cards.map((c: Card) => c.id)).toEqual(['early']);
    expect(snap.summary.totals.scored).toBe(1);
    expect(snap.status.state).toBe('starting');

    board.add(scoreMention({ id: 'live', text: 'Where is my parcel?' }));
    expect(JSON.parse((await es.next((e) => e.event === 'card')).data).id).toBe('live');

    const assigned = await post(`${url}api/cards/live/assign`, { assignee: 'Anna' });
    expect(assigned.status).toBe(200);
    expect(JSON.parse((await es.next((e) => e.event === 'assign')).data)).toMatchObject({
      id: 'live',
      assignee: 'Anna',
    });

    expect((await post(`${url}api/cards/live/done`, {})).status).toBe(200);
    expect(JSON.parse((await es.next((e) => e.event === 'remove')).data)).toEqual({ id: 'live', reason: 'done' });
    expect((await post(`${url}api/cards/live/done`, {})).status).toBe(404);
    expect(((await fetch(`${url}api/cards`).then((r) => r.json())) as Card[]).map((c: Card) => c.id)).toEqual([
      'early',
    ]);

    // The chart's summary follows within a second of new cards.
    const summary = JSON.parse((await es.next((e) => e.event === 'summary', 3000)).data);
    expect(summary.totals).toMatchObject({ scored: 2, done: 1, open: 1 });
    expect(server?.clients()).toBe(1);
    es.close();
  });

  it('forwards incidents and feed status to the stream', async () => {
    const { board, url } = await start();
    const es = await openEvents(`${url}events`);
    await es.next((e) => e.event === 'snapshot');
    board.incident({
      id: 'disruption-x',
      category: 'disruption',
      count: 6,
      threshold: 5,
      windowMinutes: 30,
      firstAt: '2026-03-02T08:00:00.000Z',
      lastAt: '2026-03-02T08:20:00.000Z',
      mentionIds: ['a'],
      detectedBy: 'monitor',
    });
    board.setStatus({ state: 'finished', read: 3, skipped: 1 });
    expect(JSON.parse((await es.next((e) => e.event === 'incident')).data).count).toBe(6);
    expect(JSON.parse((await es.next((e) => e.event === 'status')).data)).toEqual({
      state: 'finished',
      read: 3,
      skipped: 1,
    });
    expect(
      ((await fetch(`${url}api/summary`).then((r) => r.json())) as { incidents: unknown[] }).incidents,
    ).toHaveLength(1);
    es.close();
  });

  it('validates actions: JSON only, same origin only, local Host only, small bodies, known verbs', async () => {
    const { board, url } = await start();
    board.add(scoreMention({ id: 'k/1 ü', text: 'storing' }));
    const path = `${url}api/cards/${encodeURIComponent('k/1 ü')}`;
    // A cross-site HTML form can only send these content types.
    expect(
      (await raw(`${path}/done`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' })).status,
    ).toBe(415);
    expect(
      (await raw(`${path}/done`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }))
        .status,
    ).toBe(415);
    const cross = await raw(`${path}/done`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      body: '{}',
    });
    expect(cross.status).toBe(403);
    // DNS rebinding: a foreign name that resolves to 127.0.0.1.
    const port = new URL(url).port;
    expect((await raw(`${url}api/cards`, { headers: { Host: `evil.example:${port}` } })).status).toBe(403);
    expect((await raw(`${url}api/cards`, { headers: { Host: `localhost:${port}` } })).status).toBe(200);
    expect((await post(`${path}/assign`, { who: 'x' })).status).toBe(400);
    expect((await post(`${path}/assign`, { assignee: 'x'.repeat(5000) })).status).toBe(413);
    expect(
      (
        await fetch(`${path}/assign`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{nope',
        })
      ).status,
    ).toBe(400);
    expect((await fetch(`${path}/done`)).status).toBe(405);
    expect((await post(`${url}api/cards/%E0%A4%A/done`, {})).status).toBe(400);
    expect(board.cards()).toHaveLength(1);
    const ok = await post(`${path}/assign`, { assignee: 'Bo' });
    expect(await ok.json()).toMatchObject({ id: 'k/1 ü', assignee: 'Bo' });
    expect((await post(`${path}/done`, {})).status).toBe(200);
    expect(board.cards()).toHaveLength(0);
  });

  it('replaces a flood of events by one snapshot, so the page never inserts thousands of cards', async () => {
    const { board, url } = await start();
    const es = await openEvents(`${url}events`);
    await es.next((e) => e.event === 'snapshot');
    const base = scoreMention('Al 3 dagen storing!');
    for (let i = 0; i < 1000; i++) board.add({ ...base, mention: { ...base.mention, id: `f${i}` } });
    const snap = await es.next((e) => e.event === 'snapshot' && JSON.parse(e.data).cards.length === 1000);
    expect(JSON.parse(snap.data).summary.totals.scored).toBe(1000);
    expect(es.events.filter((e) => e.event === 'card')).toHaveLength(0);
    // Back to single events once the flood is over.
    board.add({ ...base, mention: { ...base.mention, id: 'after' } });
    expect(JSON.parse((await es.next((e) => e.event === 'card')).data).id).toBe('after');
    es.close();
  });

  it('serves the category chart drawn by the library once there are dated mentions', async () => {
    const { board, url } = await start();
    expect((await fetch(`${url}api/chart.svg`)).status).toBe(204);
    board.add(scoreMention({ id: 'u', text: 'Storing' }));
    expect((await fetch(`${url}api/chart.svg`)).status).toBe(204);
    for (let i = 0; i < 3; i++) {
      board.add(
        scoreMention({ id: `c${i}`, text: 'Al 3 dagen geen internet, storing!', createdAt: `2026-03-02T0${i}:10:00Z` }),
      );
    }
    const res = await fetch(`${url}api/chart.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const svg = await res.text();
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain('per hour');
  });

  it('close() ends open event streams and frees the port', async () => {
    const { url } = await start();
    const es = await openEvents(`${url}events`);
    await es.next((e) => e.event === 'snapshot');
    await server?.close();
    server = undefined;
    await expect(fetch(url)).rejects.toThrow();
    es.close();
  });
});
