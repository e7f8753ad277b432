import { describe, expect, it } from 'vitest';
import { WebcareError, normalizeMention, parseMentionLine, safeNormalizeMention } from '../src/index.js';

function errorOf(fn: () => unknown): WebcareError {
  try {
    fn();
  } catch (e) {
    if (e instanceof WebcareError) return e;
    throw e;
  }
  throw new Error('expected a WebcareError');
}

describe('normalizeMention', () => {
  it('accepts a string', () => {
    expect(normalizeMention('hoi')).toEqual({ text: 'hoi' });
  });

  it('keeps every known field and converts dates', () => {
    const m = normalizeMention({
      text: 'Waar blijft mijn pakket?',
      id: 'm1',
      source: 'mastodon',
      url: 'https://example.social/@a/1',
      createdAt: '2026-11-01T10:00:00Z',
      author: { id: 'u1', handle: 'anna', name: 'Anna', followers: 12, verified: false },
      metrics: { reposts: 1, replies: 2, likes: 3, quotes: 0, views: 100 },
      media: [{ type: 'image', url: 'https://example.com/a.jpg' }],
      isPublic: true,
      inReplyTo: 'm0',
      addressesBrand: true,
      lang: 'nl',
      raw: { any: 'thing' },
    });
    expect(m.createdAt).toBeInstanceOf(Date);
    expect(m.createdAt?.toISOString()).toBe('2026-11-01T10:00:00.000Z');
    expect(m.author?.followers).toBe(12);
    expect(m.media?.[0]?.type).toBe('image');
    expect(m.raw).toEqual({ any: 'thing' });
  });

  it('accepts epoch milliseconds and numeric ids', () => {
    const m = normalizeMention({ text: 'x', createdAt: 1_700_000_000_000, id: 12345 as unknown as string });
    expect(m.id).toBe('12345');
    expect(m.createdAt?.getTime()).toBe(1_700_000_000_000);
  });

  it.each([
    [null, 'mention'],
    [42, 'mention'],
    [[], 'mention'],
    [{}, 'text'],
    [{ text: 5 }, 'text'],
    [{ text: 'x', author: 'anna' }, 'author'],
    [{ text: 'x', author: { followers: -1 } }, 'author.followers'],
    [{ text: 'x', author: { followers: Number.NaN } }, 'author.followers'],
    [{ text: 'x', author: { followers: 1e300 } }, 'author.followers'],
    [{ text: 'x', author: { followers: '12' } }, 'author.followers'],
    [{ text: 'x', author: { verified: 'yes' } }, 'author.verified'],
    [{ text: 'x', metrics: { reposts: -3 } }, 'metrics.reposts'],
    [{ text: 'x', metrics: { views: Number.POSITIVE_INFINITY } }, 'metrics.views'],
    [{ text: 'x', createdAt: 'not a date' }, 'createdAt'],
    [{ text: 'x', createdAt: '2999-01-01T00:00:00Z' }, 'createdAt'],
    [{ text: 'x', createdAt: { y: 2020 } }, 'createdAt'],
    [{ text: 'x', media: 'photo' }, 'media'],
    [{ text: 'x', media: [{ type: 'hologram' }] }, 'media[0].type'],
    [{ text: 'x', isPublic: 'no' }, 'isPublic'],
  ])('rejects %j naming field %s', (input, field) => {
    const e = errorOf(() => normalizeMention(input));
    expect(e.code).toBe('INVALID_MENTION');
    expect(e.field).toBe(field);
    expect(e.expected).toBeTruthy();
    expect(e.received).toBeTruthy();
    expect(e.message).toContain(field);
  });

  it('never echoes the text of the record in an error', () => {
    const e = errorOf(() => normalizeMention({ text: 'x', author: { name: { secret: 'geheim wachtwoord' } } }));
    expect(e.message).not.toContain('geheim');
    expect(e.received).toBe('an object');
  });

  it('has a safe variant', () => {
    const bad = safeNormalizeMention({ text: 1 });
    expect(bad.success).toBe(false);
    const good = safeNormalizeMention({ text: 'ok' });
    expect(good.success && good.output.text).toBe('ok');
  });
});

describe('parseMentionLine', () => {
  it('parses objects and strings', () => {
    expect(parseMentionLine('{"text":"a"}').text).toBe('a');
    expect(parseMentionLine('"b"').text).toBe('b');
  });
  it('reports malformed JSON as INVALID_JSON', () => {
    expect(errorOf(() => parseMentionLine('{"text": ')).code).toBe('INVALID_JSON');
  });
});
