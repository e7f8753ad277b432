import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Server, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type WebhookSource, verifyMetaSignature, webhook } from '../../src/adapters/webhook.js';
import { createMonitor } from '../../src/monitor/monitor.js';
import type { SourceEvent } from '../../src/source.js';
import type { Assessment } from '../../src/types.js';
import { fakeScorer } from '../monitor/helpers.js';

const SECRET = 'app-secret-for-tests';
const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/webhook', name), 'utf8');
const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

let server: Server | undefined;
afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

async function serve(hook: WebhookSource): Promise<string> {
  const s = createServer(hook.handler);
  server = s;
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}/hook`;
}

/** Take what the source has queued (the stream waits for more when empty, so abort after a tick). */
async function drain(hook: WebhookSource): Promise<SourceEvent[]> {
  const controller = new AbortController();
  const out: SourceEvent[] = [];
  setTimeout(() => controller.abort(), 30);
  for await (const ev of hook.stream({ signal: controller.signal })) out.push(ev);
  return out;
}

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

describe('webhook adapter over node:http', () => {
  it('answers the GET verification challenge only with the right token', async () => {
    const url = await serve(webhook({ appSecret: SECRET, verifyToken: 'tok-123' }));
    const ok = await fetch(`${url}?hub.mode=subscribe&hub.verify_token=tok-123&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const bad = await fetch(`${url}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1158201444`);
    expect(bad.status).toBe(403);
    expect(await bad.text()).not.toContain('1158201444');
  });

  it('accepts a signed page feed payload and emits the comment, not the reaction', async () => {
    const hook = webhook({ appSecret: SECRET });
    const url = await serve(hook);
    const body = fixture('page-feed-comment.json');
    const res = await post(url, body, { 'x-hub-signature-256': sign(body) });
    expect(res.status).toBe(200);
    const events = await drain(hook);
    expect(events).toHaveLength(1);
    const ev = events[0];
    if (ev?.type !== 'mention') throw new Error('expected a mention');
    expect(ev.mention).toMatchObject({
      id: '555_9001',
      source: 'facebook',
      author: { id: '7100000000000001', name: 'Marieke de Vries' },
      inReplyTo: '104000000000001_555',
      isPublic: true,
      addressesBrand: true,
    });
    expect(ev.mention.text).toContain('geen internet');
    expect(ev.mention.createdAt?.toISOString()).toBe(new Date(1763800000 * 1000).toISOString());
    expect(ev.mention.raw).toMatchObject({ signed: true, payload: { field: 'feed' } });
    expect(hook.stats()).toMatchObject({ accepted: 1, mentions: 1, ignored: 1 });
  });

  it('maps Instagram comments and Messenger messages; skips echoes, deliveries and id-only pings', async () => {
    const hook = webhook({ appSecret: [SECRET, 'old-secret'] });
    const url = await serve(hook);
    const ig = fixture('instagram-comment.json');
    const dm = fixture('messenger-message.json');
    expect((await post(url, ig, { 'x-hub-signature-256': sign(ig) })).status).toBe(200);
    // Signed with the old secret during a rotation: still accepted.
    expect((await post(url, dm, { 'x-hub-signature-256': sign(dm, 'old-secret') })).status).toBe(200);
    const mentions = (await drain(hook)).flatMap((e) => (e.type === 'mention' ? [e.mention] : []));
    expect(mentions.map((m) => [m.source, m.id, m.isPublic])).toEqual([
      ['instagram', '17900000000000001', true],
      ['facebook', 'm_AbCdEf0123456789', false],
    ]);
    expect(mentions[0]).toMatchObject({ author: { handle: 'sanne.reist' }, inReplyTo: '18000000000000001' });
    expect(mentions[1]?.createdAt?.getTime()).toBe(1763800199000);
    expect(hook.stats().ignored).toBe(3);
  });

  it('rejects a bad signature with 401 and emits nothing', async () => {
    const hook = webhook({ appSecret: SECRET });
    const url = await serve(hook);
    const body = fixture('page-feed-comment.json');
    const forged = body.replace('Marieke', 'Mallory');
    expect((await post(url, forged, { 'x-hub-signature-256': sign(body) })).status).toBe(401);
    expect((await post(url, body, { 'x-hub-signature-256': sign(body, 'wrong-secret') })).status).toBe(401);
    expect((await post(url, body, { 'x-hub-signature-256': 'sha256=zz' })).status).toBe(401);
    expect((await post(url, body)).status).toBe(401); // missing
    expect(await drain(hook)).toEqual([]);
    expect(hook.stats()).toMatchObject({ accepted: 0, rejected: 4, queued: 0 });
  });

  it('rejects an oversized body with 413, declared or streamed, and emits nothing', async () => {
    const hook = webhook({ maxBodyBytes: 1024 });
    const url = await serve(hook);
    const big = JSON.stringify({ text: 'x'.repeat(4000) });
    expect((await post(url, big)).status).toBe(413);
    // Without a Content-Length (chunked), the limit is enforced while reading.
    const port = Number(new URL(url).port);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path: '/hook', method: 'POST', headers: { 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write(big.slice(0, 2000));
      req.end(big.slice(2000));
    });
    expect(status).toBe(413);
    expect(await drain(hook)).toEqual([]);
  });

  it('rejects a wrong content type with 415 and other methods with 405', async () => {
    const hook = webhook();
    const url = await serve(hook);
    const res = await fetch(url, {
      method: 'POST',
      body: 'text=hallo',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
    expect(
      (await fetch(url, { method: 'PUT', body: '{}', headers: { 'content-type': 'application/json' } })).status,
    ).toBe(405);
    expect(await drain(hook)).toEqual([]);
  });

  it('takes plain JSON mentions with a shared secret, and tells the sender what is wrong', async () => {
    const hook = webhook({ sharedSecret: 's3cret', name: 'crm' });
    const url = await serve(hook);
    const one = JSON.stringify({ id: 'p1', text: 'Waar blijft mijn bestelling?', author: { followers: 5000 } });
    expect((await post(url, one, { 'x-webhook-secret': 's3cret' })).status).toBe(200);
    expect((await post(url, one, { 'x-webhook-secret': 'nope' })).status).toBe(401);
    expect((await post(url, one)).status).toBe(401);
    const bad = await post(url, JSON.stringify([{ text: 'ok' }, { text: 7 }]), { 'x-webhook-secret': 's3cret' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: 'INVALID_MENTION',
      message: expect.stringContaining('mention[1]'),
    });
    expect((await post(url, '{"text": ', { 'x-webhook-secret': 's3cret' })).status).toBe(400);
    const events = await drain(hook);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'mention',
      mention: { id: 'p1', source: 'crm', author: { followers: 5000 }, raw: { signed: true } },
    });
  });

  it('does not trust follower counts from unauthenticated payloads', async () => {
    const hook = webhook();
    const url = await serve(hook);
    const forged = JSON.stringify({
      text: 'Schandalig!',
      author: { handle: 'x', followers: 9_000_000, verified: true },
      metrics: { reposts: 50_000 },
    });
    expect((await post(url, forged)).status).toBe(200);
    const [ev] = await drain(hook);
    if (ev?.type !== 'mention') throw new Error('expected a mention');
    expect(ev.mention.author).toEqual({ handle: 'x' });
    expect(ev.mention.metrics).toBeUndefined();
    expect(ev.mention.raw).toMatchObject({
      signed: false,
      claimed: { followers: 9_000_000, verified: true, metrics: { reposts: 50_000 } },
    });
  });

  it('refuses a body a parser already consumed, unless the raw bytes were kept', async () => {
    const hook = webhook({ appSecret: SECRET });
    const body = fixture('instagram-comment.json');
    const s = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        // What a JSON body parser does: read everything first.
        if (req.url === '/raw') Object.assign(req, { rawBody: Buffer.concat(chunks) });
        hook.handler(req, res);
      });
    });
    server = s;
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
    const parsed = await post(`${base}/parsed`, body, { 'x-hub-signature-256': sign(body) });
    expect(parsed.status).toBe(400);
    expect(await parsed.text()).toContain('before any body parser');
    expect((await post(`${base}/raw`, body, { 'x-hub-signature-256': sign(body) })).status).toBe(200);
    expect((await drain(hook)).map((e) => e.type === 'mention' && e.mention.id)).toEqual(['17900000000000001']);
  });

  it('says in the reasons when a payload was unsigned and its counts were ignored', async () => {
    const hook = webhook();
    const url = await serve(hook);
    const monitor = createMonitor({ sources: [hook], scorer: fakeScorer });
    const got: Assessment[] = [];
    monitor.on('mention', (a) => {
      got.push(a);
    });
    await monitor.start();
    await post(url, JSON.stringify({ text: 'P1 schande', author: { followers: 2_000_000 } }));
    for (let i = 0; i < 200 && got.length < 1; i++) await new Promise((r) => setTimeout(r, 5));
    await monitor.stop();
    expect(got[0]?.mention.author?.followers).toBeUndefined();
    expect(got[0]?.reasons).toContainEqual(
      expect.objectContaining({
        code: 'unverified-source',
        message: expect.stringContaining('followers'),
        target: 'reach',
      }),
    );
  });

  it('answers 503 with Retry-After when its queue is full', async () => {
    const hook = webhook({ maxQueued: 2 });
    const url = await serve(hook);
    for (let i = 0; i < 2; i++) expect((await post(url, JSON.stringify({ text: `m${i}` }))).status).toBe(200);
    const busy = await post(url, JSON.stringify({ text: 'm2' }));
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('1');
    expect(await drain(hook)).toHaveLength(2);
  });

  it('feeds a monitor: signed comments are scored as they arrive', async () => {
    const hook = webhook({ appSecret: SECRET });
    const url = await serve(hook);
    const monitor = createMonitor({ sources: [hook], scorer: fakeScorer });
    const got: Assessment[] = [];
    monitor.on('mention', (a) => {
      got.push(a);
    });
    await monitor.start();
    const body = fixture('page-feed-comment.json');
    await post(url, body, { 'x-hub-signature-256': sign(body) });
    await post(url, body, { 'x-hub-signature-256': sign(body) }); // Meta retries: deduplicated by id
    for (let i = 0; i < 100 && got.length < 1; i++) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20));
    await monitor.stop();
    expect(got).toHaveLength(1);
    expect(got[0]?.mention.id).toBe('555_9001');
    expect(monitor.stats().dropped).toBe(1);
  });
});

describe('webhook adapter over the Fetch API', () => {
  it('verifies, accepts, rejects and limits exactly like the node handler', async () => {
    const hook = webhook({ appSecret: SECRET, verifyToken: 'tok', maxBodyBytes: 4096 });
    const base = 'https://example.test/hook';
    const challenge = await hook.fetch(new Request(`${base}?hub.mode=subscribe&hub.verify_token=tok&hub.challenge=42`));
    expect([challenge.status, await challenge.text()]).toEqual([200, '42']);
    const body = fixture('instagram-comment.json');
    const req = (b: string, h: Record<string, string>) =>
      new Request(base, {
        method: 'POST',
        body: b,
        headers: { 'content-type': 'application/json; charset=utf-8', ...h },
      });
    expect((await hook.fetch(req(body, { 'x-hub-signature-256': sign(body) }))).status).toBe(200);
    expect((await hook.fetch(req(body, { 'x-hub-signature-256': sign(`${body} `) }))).status).toBe(401);
    const big = JSON.stringify({ text: 'y'.repeat(5000) });
    expect((await hook.fetch(req(big, { 'x-hub-signature-256': sign(big) }))).status).toBe(413);
    const xml = new Request(base, { method: 'POST', body: '<x/>', headers: { 'content-type': 'text/xml' } });
    expect((await hook.fetch(xml)).status).toBe(415);
    const events = await drain(hook);
    expect(events.map((e) => e.type === 'mention' && e.mention.id)).toEqual(['17900000000000001']);
  });

  it('drops replayed Meta entries older than maxAgeMs', async () => {
    const now = 1763800100 * 1000 + 10 * 60_000; // ten minutes after the fixture's entry.time
    const hook = webhook({ appSecret: SECRET, maxAgeMs: 5 * 60_000, now: () => now });
    const body = fixture('instagram-comment.json');
    const res = await hook.fetch(
      new Request('https://example.test/', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) },
      }),
    );
    expect(res.status).toBe(200);
    const events = await drain(hook);
    expect(events.map((e) => e.type)).toEqual(['error']);
  });
});

describe('verifyMetaSignature', () => {
  it('needs the exact body, the exact secret and the sha256= form', () => {
    const raw = Buffer.from('{"a":1}');
    expect(verifyMetaSignature(raw, sign('{"a":1}'), [SECRET])).toBe(true);
    expect(verifyMetaSignature(raw, sign('{"a":1}').toUpperCase().replace('SHA256', 'sha256'), [SECRET])).toBe(true);
    expect(verifyMetaSignature(raw, sign('{"a":2}'), [SECRET])).toBe(false);
    expect(verifyMetaSignature(raw, sign('{"a":1}').slice(7), [SECRET])).toBe(false);
    expect(verifyMetaSignature(raw, 'sha1=abc', [SECRET])).toBe(false);
  });
});
