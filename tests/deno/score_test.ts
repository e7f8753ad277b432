/**
 * Run by `deno test` (see tests/deno.test.ts): the TypeScript source, unchanged, under real Deno.
 * Written against `node:test` and `node:assert`, which Deno maps onto its own test runner, so the
 * same file also type-checks with the project's tsc.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { WebcareError, createScorer, scoreMention } from '../../src/index.js';

describe('webcare under Deno: scoring', () => {
  test('this really is Deno', () => {
    assert.equal(typeof (globalThis as { Deno?: unknown }).Deno, 'object');
    assert.match(navigator.userAgent, /^Deno\//);
  });

  test('a Dutch outage complaint', () => {
    const a = scoreMention('Al 3 dagen storing en niemand neemt op. Nooit meer!');
    assert.equal(a.language, 'nl');
    assert.equal(a.complaint.isComplaint, true);
    assert.equal(a.sentiment.label, 'negative');
    assert.ok(a.reasons.length > 0);
  });

  test('English praise is not a complaint', () => {
    const a = scoreMention('Thanks for the quick help, great service!');
    assert.equal(a.language, 'en');
    assert.equal(a.complaint.isComplaint, false);
    assert.equal(a.sentiment.label, 'positive');
  });

  test('channel failure and identifiers', () => {
    const a = scoreMention('Al 3 keer gebeld over order 12345678, nog steeds geen internet');
    assert.equal(a.channelFailure.detected, true);
    assert.ok(a.identifiers.length > 0);
  });

  test('hostile text never throws', () => {
    for (const text of ['', '\u0000\u202e', '🙂'.repeat(10_000), 'a'.repeat(200_000), '\ud800']) {
      const a = scoreMention(text);
      assert.ok(['P1', 'P2', 'P3', 'P4'].includes(a.priority));
    }
  });

  test('bad configuration throws a WebcareError at construction', () => {
    assert.throws(
      () => createScorer({ brand: { names: [42 as unknown as string] } }),
      (e: unknown) => e instanceof WebcareError && e.code === 'INVALID_CONFIG',
    );
  });
});
