/**
 * Webhook security: timestamped signatures with a replay window, exact replays, secret rotation,
 * and secret comparisons that never depend on (or throw on) lengths. The body limit (413),
 * content type (415), Meta signatures, `maxAgeMs` and unsigned follower counts are covered in
 * tests/adapters/webhook.test.ts.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type WebhookSource,
  signTimestamped,
  verifyMetaSignature,
  verifyTimestampedSignature,
  webhook,
} from '../../src/adapters/webhook.js';
import type { SourceEvent } from '../../src/source.js';

const SECRET = 'whsec-test-1';
const NOW = Date.parse('2026-03-01T12:00:00Z');
const body = JSON.stringify({ id: 'c1', text: 'Al 3 keer gebeld, nog geen monteur', author: { followers: 12_000 } });

function post(hook: WebhookSource, raw: string, headers: Record<string, string>): Promise<Response> {
  return hook.fetch(
    new Request('http://localhost/hook', {
      method: 'POST',
      body: raw,
      headers: { 'content-type': 'application/json', ...headers },
    }),
  );
}

async function drain(hook: WebhookSource): Promise<SourceEvent[]> {
  const controller = new AbortController();
  const out: SourceEvent[] = [];
  setTimeout(() => controller.abort(), 20);
  for await (const ev of hook.stream({ signal: controller.signal })) out.push(ev);
  return out;
}

describe('timestamped signatures (t=...,v1=...)', () => {
  it('accepts a fresh signature and keeps its counts (signed)', async () => {
    const hook = webhook({ signingSecret: SECRET, now: () => NOW });
    const res = await post(hook, body, { 'x-webhook-signature': signTimestamped(body, SECRET, NOW - 30_000) });
    expect(res.status).toBe(200);
    const [ev] = await drain(hook);
    expect(ev).toMatchObject({ type: 'mention', mention: { author: { followers: 12_000 }, raw: { signed: true } } });
  });

  it('refuses a wrong secret, a changed body, a missing signature and a timestamp outside the window', async () => {
    const hook = webhook({ signingSecret: SECRET, maxSkewMs: 60_000, now: () => NOW });
    const h = (sig: string) => ({ 'x-webhook-signature': sig });
    const cases: [string, Record<string, string>, string][] = [
      ['wrong secret', h(signTimestamped(body, 'other', NOW)), 'does not match'],
      ['changed body', h(signTimestamped(body.replace('12000', '99000'), SECRET, NOW)), 'does not match'],
      ['missing', {}, 'missing signature'],
      ['garbage', h('t=abc,v1=zz'), 'does not match'],
      ['too old', h(signTimestamped(body, SECRET, NOW - 61_000)), 'replay'],
      ['future', h(signTimestamped(body, SECRET, NOW + 61_000)), 'replay'],
    ];
    for (const [what, headers, msg] of cases) {
      const res = await post(hook, body, headers);
      expect(res.status, what).toBe(401);
      expect(await res.text(), what).toContain(msg);
    }
    expect(await drain(hook)).toEqual([]);
  });

  it('acknowledges an exact replay inside the window without emitting it twice', async () => {
    const hook = webhook({ signingSecret: SECRET, now: () => NOW });
    const sig = signTimestamped(body, SECRET, NOW);
    expect((await post(hook, body, { 'x-webhook-signature': sig })).status).toBe(200);
    const again = await post(hook, body, { 'x-webhook-signature': sig });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ received: 0, duplicate: true });
    // A new delivery (new timestamp) of the same body is a new request: accepted.
    expect((await post(hook, body, { 'x-webhook-signature': signTimestamped(body, SECRET, NOW + 1000) })).status).toBe(
      200,
    );
    expect((await drain(hook)).filter((e) => e.type === 'mention')).toHaveLength(2);
  });

  it('a refused body does not poison its signature: the corrected resend is not a "replay"', async () => {
    const hook = webhook({ signingSecret: SECRET, now: () => NOW, maxQueued: 1 });
    const sig = signTimestamped(body, SECRET, NOW);
    const other = JSON.stringify({ id: 'c0', text: 'vol' });
    expect((await post(hook, other, { 'x-webhook-signature': signTimestamped(other, SECRET, NOW) })).status).toBe(200);
    expect((await post(hook, body, { 'x-webhook-signature': sig })).status).toBe(503); // queue full
    await drain(hook);
    expect((await post(hook, body, { 'x-webhook-signature': sig })).status).toBe(200);
    expect((await drain(hook)).map((e) => e.type === 'mention' && e.mention.id)).toEqual(['c1']);
  });

  it('accepts every secret of a rotation, and several v1 values', async () => {
    const hook = webhook({ signingSecret: ['new', 'old'], now: () => NOW });
    expect((await post(hook, body, { 'x-webhook-signature': signTimestamped(body, 'old', NOW) })).status).toBe(200);
    const t = Math.floor(NOW / 1000);
    const mac = (s: string) => createHmac('sha256', s).update(`${t}.${body}`).digest('hex');
    const both = `t=${t},v1=${mac('unknown')},v1=${mac('new')}`;
    expect((await post(hook, body, { 'x-webhook-signature': both })).status).toBe(200);
  });

  it('checks the window only after the signature: a forged fresh timestamp does not pass', () => {
    const old = signTimestamped(body, SECRET, NOW - 3_600_000);
    const forged = old.replace(/^t=\d+/, `t=${Math.floor(NOW / 1000)}`);
    expect(verifyTimestampedSignature(Buffer.from(body), old, [SECRET], NOW, 300_000)).toBe('outside-window');
    expect(verifyTimestampedSignature(Buffer.from(body), forged, [SECRET], NOW, 300_000)).toBe('bad-signature');
  });
});

describe('secret comparisons', () => {
  it('never throw on lengths and accept only the exact value (shared secret, Meta, timestamped)', async () => {
    const hook = webhook({ sharedSecret: 'exactly-this' });
    for (const given of ['', 'e', 'exactly-thi', 'exactly-this!', 'exactly-this'.repeat(40), 'éxactly-this']) {
      expect((await post(hook, body, { 'x-webhook-secret': given })).status).toBe(401);
    }
    expect((await post(hook, body, { 'x-webhook-secret': 'exactly-this' })).status).toBe(200);
    fc.assert(
      fc.property(fc.string(), fc.string(), (header, secret) => {
        const raw = Buffer.from(body);
        expect(typeof verifyMetaSignature(raw, header, [secret || 's'])).toBe('boolean');
        expect(verifyTimestampedSignature(raw, header, [secret || 's'], NOW, 1000)).not.toBe('ok');
      }),
      { numRuns: 300 },
    );
  });
});
