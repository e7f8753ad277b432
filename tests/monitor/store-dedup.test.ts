import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createBackoff } from '../../src/monitor/backoff.js';
import { fingerprintTokens, isRetweet, textFingerprint } from '../../src/monitor/dedup.js';
import { MemoryStore } from '../../src/monitor/memory-store.js';
import { FileStore } from '../../src/monitor/file-store.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('MemoryStore', () => {
  it('remembers keys for their TTL only', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    try {
      const s = new MemoryStore();
      expect(await s.markSeen('k', 1000)).toBe(true);
      expect(await s.markSeen('k', 1000)).toBe(false);
      vi.advanceTimersByTime(1001);
      expect(await s.markSeen('k', 1000)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('counts events within a sliding window, out-of-order ones included', async () => {
    const s = new MemoryStore();
    expect(await s.countInWindow('w', 1000, 100)).toBe(1);
    expect(await s.countInWindow('w', 1050, 100)).toBe(2);
    expect(await s.countInWindow('w', 1040, 100)).toBe(2); // late: counts 1000 and itself, not 1050
    expect(await s.countInWindow('w', 1120, 100)).toBe(3); // 1000 left the window
    expect(await s.countInWindow('w', 5000, 100)).toBe(1);
    expect(await s.recordContact('petra', 1000, 50)).toBe(1);
    expect(await s.recordContact('petra', 1010, 50)).toBe(2);
    expect(await s.countInWindow('petra', 1010, 50)).toBe(1); // authors and windows do not mix
  });

  it('stays bounded: caps keys, windows and timestamps per window', async () => {
    const s = new MemoryStore({ maxKeys: 100, maxWindows: 10, maxPerWindow: 50 });
    for (let i = 0; i < 1000; i++) await s.markSeen(`k${i}`, 60_000);
    for (let i = 0; i < 100; i++) await s.countInWindow(`w${i}`, i, 1000);
    let last = 0;
    for (let i = 0; i < 5000; i++) last = await s.countInWindow('busy', i, 1_000_000);
    expect(last).toBe(50);
    const size = s.size();
    expect(size.seen).toBe(100);
    expect(size.windows).toBe(10);
    // The newest keys survive the cap.
    expect(await s.markSeen('k999', 60_000)).toBe(false);
    expect(() => new MemoryStore({ maxKeys: 0 })).toThrow(/maxKeys/);
  });

  it('keeps checkpoints per source', async () => {
    const s = new MemoryStore();
    expect(await s.getCheckpoint('a')).toBeUndefined();
    await s.setCheckpoint('a', '42');
    expect(await s.getCheckpoint('a')).toBe('42');
  });
});

describe('FileStore', () => {
  it('keeps checkpoints across instances, atomically, and refuses a foreign file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'webcare-state-'));
    const path = join(dir, 'state.json');
    const a = await FileStore.open(path);
    expect(await a.getCheckpoint('jsonl')).toBeUndefined();
    await Promise.all([a.setCheckpoint('jsonl', '10'), a.setCheckpoint('jsonl', '20'), a.setCheckpoint('x', 'abc')]);
    await a.close();
    const b = await FileStore.open(path);
    expect(await b.getCheckpoint('jsonl')).toBe('20');
    expect(await b.getCheckpoint('x')).toBe('abc');
    expect(await b.getCheckpoint('toString')).toBeUndefined();
    expect(await b.markSeen('k', 1000)).toBe(true); // the rest is the MemoryStore
    const foreign = join(dir, 'package.json');
    writeFileSync(foreign, '{"name": "not-state"}');
    await expect(FileStore.open(foreign)).rejects.toThrow(/Cannot use .* as a state file/);
  });
});

describe('near-duplicate fingerprints', () => {
  const base = 'Pas op: deze winkel levert kapotte laptops en geeft nooit geld terug';
  it('are shared by retweets and copies with other links, handles, case, accents or punctuation', () => {
    const fp = textFingerprint(base);
    expect(fp).toMatch(/^[0-9a-f]{16}$/);
    for (const copy of [
      `RT @anna_b: ${base}`,
      `rt @anna: ${base}`,
      `${base.toUpperCase()}!!! https://t.co/AbC123`,
      `@winkel ${base.replaceAll(' ', '  ')} www.example.com/x`,
      base.replace('geeft', 'gééft'),
    ]) {
      expect(textFingerprint(copy)).toBe(fp);
    }
  });

  it('differ for different texts, and are not made for short ones', () => {
    expect(textFingerprint('Pas op: deze winkel levert kapotte telefoons en geeft nooit geld terug')).not.toBe(
      textFingerprint(base),
    );
    expect(textFingerprint('terug geld nooit geeft en laptops kapotte levert winkel deze op pas')).not.toBe(
      textFingerprint(base),
    );
    expect(textFingerprint('Storing?')).toBeUndefined();
    expect(textFingerprint('Weer storing bij de NS')).toBeUndefined();
    expect(textFingerprint('RT @a: Storing?')).toBe(textFingerprint('RT @b: storing!'));
    expect(isRetweet('RT @jan: hoi')).toBe(true);
    expect(isRetweet('Art @jan')).toBe(false);
  });

  it('tokenise without links, handles and accents', () => {
    expect(fingerprintTokens('RT @jan: Storing bij @KPN! https://t.co/x Café e-mail')).toEqual([
      'storing',
      'bij',
      'cafe',
      'e',
      'mail',
    ]);
  });

  it('never throw and are deterministic on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const a = textFingerprint(s, 1);
        expect(textFingerprint(s, 1)).toBe(a);
        if (a !== undefined) expect(a).toMatch(/^[0-9a-f]{16}$/);
      }),
      { numRuns: 500 },
    );
  });
});

describe('backoff', () => {
  it('grows exponentially under a cap, with full jitter, and never undercuts Retry-After', () => {
    const top = createBackoff({ baseMs: 100, maxMs: 1000, random: () => 0.999999 });
    expect([0, 1, 2, 3, 4, 10].map((a) => top.delay(a))).toEqual([99, 199, 399, 799, 999, 999]);
    const bottom = createBackoff({ baseMs: 100, random: () => 0 });
    expect(bottom.delay(5)).toBe(0);
    expect(bottom.delay(5, 3000)).toBe(3000);
    expect(() => createBackoff({ baseMs: -1 })).toThrow(/reconnect.baseMs/);
  });
});
