import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { webhook } from '../../src/adapters/webhook.js';
import { normalizeMention } from '../../src/mention.js';
import type { SourceEvent } from '../../src/source.js';

const SECRET = 'prop-secret';
const sign = (body: string) => `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;

async function drain(stream: AsyncIterable<SourceEvent>): Promise<SourceEvent[]> {
  const out: SourceEvent[] = [];
  const it = stream[Symbol.asyncIterator]();
  for (;;) {
    const r = await Promise.race([it.next(), new Promise<undefined>((r) => setTimeout(() => r(undefined), 1))]);
    if (r === undefined || r.done === true) break;
    out.push(r.value);
  }
  return out;
}

// Meta-shaped bodies with arbitrary values where the platform puts user data.
const metaBody = fc.record({
  object: fc.constantFrom('page', 'instagram'),
  entry: fc.array(
    fc.record({
      id: fc.string(),
      time: fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
      changes: fc.array(
        fc.record({
          field: fc.constantFrom('feed', 'comments', 'live_comments', 'mentions', 'other'),
          value: fc.oneof(
            fc.record({
              item: fc.constantFrom('comment', 'post', 'status', 'reaction', 'photo'),
              verb: fc.constantFrom('add', 'edited', 'remove'),
              message: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
              text: fc.oneof(fc.string(), fc.constant(undefined)),
              from: fc.oneof(fc.record({ id: fc.string(), name: fc.string(), username: fc.string() }), fc.string()),
              created_time: fc.oneof(fc.integer(), fc.string()),
              comment_id: fc.string(),
              post_id: fc.string(),
            }),
            fc.anything(),
          ),
        }),
        { maxLength: 4 },
      ),
      messaging: fc.array(fc.anything(), { maxLength: 3 }),
    }),
    { maxLength: 3 },
  ),
});

describe('webhook adapter on untrusted payloads', () => {
  it('answers 200 or 400 to any signed JSON, never throws, and emits only valid mentions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(metaBody, fc.jsonValue()), async (value) => {
        const hook = webhook({ appSecret: SECRET, now: () => Date.UTC(2026, 0, 1) });
        const body = JSON.stringify(value) ?? 'null';
        const res = await hook.fetch(
          new Request('http://x/', {
            method: 'POST',
            body,
            headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) },
          }),
        );
        expect([200, 400]).toContain(res.status);
        const events = await drain(hook.stream({ signal: new AbortController().signal }));
        for (const ev of events) {
          if (ev.type === 'mention') {
            expect(typeof ev.mention.text).toBe('string');
            expect(() => normalizeMention(ev.mention)).not.toThrow();
          } else {
            expect(ev.error.code).toMatch(/^[A-Z_]+$/);
          }
        }
        if (res.status === 400) expect(events).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
