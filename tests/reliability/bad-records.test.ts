/**
 * Bad records in a running monitor: malformed JSON, wrong types, missing text, absurd counts
 * (negative, NaN, Infinity, 1e300), impossible and future dates. Each becomes one `error` event
 * (phase `record`) carrying the record and a `WebcareError` with code, field, expected and
 * received; the stream goes on, and every good record around them is assessed exactly once:
 * delivered + errored == total, per source, in one monitor run over a JSON Lines file and an
 * iterable at once.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { iterable } from '../../src/adapters/iterable.js';
import { jsonl } from '../../src/adapters/jsonl.js';
import { createMonitor } from '../../src/monitor/monitor.js';
import type { MonitorError } from '../../src/monitor/options.js';

const FUTURE = new Date(Date.now() + 3 * 86_400_000).toISOString();

/** Bad records a JSON Lines file can hold: the line, and the field the error must name. */
const BAD_LINES: [line: string, code: 'INVALID_JSON' | 'INVALID_MENTION', field: string | undefined][] = [
  ['{"id": "b1", "text": ', 'INVALID_JSON', undefined],
  ['not json at all', 'INVALID_JSON', undefined],
  ['{"id": "b3", "text": 42}', 'INVALID_MENTION', 'text'],
  ['{"id": "b4"}', 'INVALID_MENTION', 'text'],
  ['[1, 2, 3]', 'INVALID_MENTION', 'mention'],
  ['null', 'INVALID_MENTION', 'mention'],
  ['{"id": "b7", "text": "Storing!", "author": {"followers": -5}}', 'INVALID_MENTION', 'author.followers'],
  ['{"id": "b8", "text": "Storing!", "author": {"followers": "NaN"}}', 'INVALID_MENTION', 'author.followers'],
  ['{"id": "b9", "text": "Storing!", "metrics": {"likes": 1e300}}', 'INVALID_MENTION', 'metrics.likes'],
  ['{"id": "b10", "text": "Storing!", "metrics": {"reposts": -1}}', 'INVALID_MENTION', 'metrics.reposts'],
  [`{"id": "b11", "text": "Storing!", "createdAt": "${FUTURE}"}`, 'INVALID_MENTION', 'createdAt'],
  ['{"id": "b12", "text": "Storing!", "createdAt": "gisteren"}', 'INVALID_MENTION', 'createdAt'],
  ['{"id": "b13", "text": "Storing!", "isPublic": "yes"}', 'INVALID_MENTION', 'isPublic'],
];

/** Bad values an iterable can carry (JSON cannot say NaN or Infinity). */
const BAD_VALUES: [value: unknown, field: string][] = [
  [{ id: 'v1', text: 42 }, 'text'],
  [{ id: 'v2' }, 'text'],
  [null, 'mention'],
  [7, 'mention'],
  [{ id: 'v5', text: 'Storing!', author: { followers: Number.NaN } }, 'author.followers'],
  [{ id: 'v6', text: 'Storing!', author: { followers: Number.POSITIVE_INFINITY } }, 'author.followers'],
  [{ id: 'v7', text: 'Storing!', author: { followers: -1 } }, 'author.followers'],
  [{ id: 'v8', text: 'Storing!', metrics: { views: 1e300 } }, 'metrics.views'],
  [{ id: 'v9', text: 'Storing!', createdAt: FUTURE }, 'createdAt'],
  [{ id: 'v10', text: 'Storing!', createdAt: new Date(Number.NaN) }, 'createdAt'],
  [{ id: 'v11', text: 'Storing!', author: 'jan' }, 'author'],
  [{ id: 'v12', text: 'Storing!', media: 'photo.jpg' }, 'media'],
];

function good(prefix: string, i: number): { id: string; text: string; createdAt: string } {
  return {
    id: `${prefix}-${i}`,
    text: `Mijn pakket ${prefix}${i} is al een week onderweg @Brand`,
    createdAt: new Date(Date.now() - (100 - i) * 60_000).toISOString(),
  };
}

describe('bad records in a monitor', () => {
  it('reports each bad record once with its record and field, and assesses every good one once', async () => {
    // Good and bad records interleaved: good, bad, good, bad, ..., good.
    const lines: string[] = [];
    const jsonlGood: string[] = [];
    BAD_LINES.forEach(([bad], i) => {
      const g = good('file', i);
      jsonlGood.push(g.id);
      lines.push(JSON.stringify(g), bad);
    });
    const last = good('file', BAD_LINES.length);
    jsonlGood.push(last.id);
    lines.push(JSON.stringify(last));
    const dir = mkdtempSync(join(tmpdir(), 'webcare-bad-'));
    const file = join(dir, 'mixed.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);

    const values: unknown[] = [];
    const iterGood: string[] = [];
    BAD_VALUES.forEach(([bad], i) => {
      const g = good('iter', i);
      iterGood.push(g.id);
      values.push(g, bad);
    });
    const lastValue = good('iter', BAD_VALUES.length);
    iterGood.push(lastValue.id);
    values.push(lastValue);

    const monitor = createMonitor({
      sources: [jsonl({ file, name: 'file' }), iterable({ input: values, name: 'iter' })],
      dedup: false,
      incidents: false,
      dropSpam: false,
    });
    const delivered: Record<string, string[]> = { file: [], iter: [] };
    const errors: MonitorError[] = [];
    monitor.on('mention', (a, meta) => {
      delivered[meta.source]?.push(a.mention.id ?? '?');
    });
    monitor.on('error', (e) => errors.push(e));
    await monitor.done();

    // Nothing lost, nothing twice, in order; every error is a record error.
    expect(delivered.file).toEqual(jsonlGood);
    expect(delivered.iter).toEqual(iterGood);
    expect(errors.every((e) => e.phase === 'record')).toBe(true);
    const fileErrors = errors.filter((e) => e.source === 'file');
    const iterErrors = errors.filter((e) => e.source === 'iter');
    expect((delivered.file?.length ?? 0) + fileErrors.length).toBe(lines.length);
    expect((delivered.iter?.length ?? 0) + iterErrors.length).toBe(values.length);
    console.log(
      `bad-records: jsonl ${lines.length} records, delivered ${delivered.file?.length}, errored ${fileErrors.length}; ` +
        `iterable ${values.length} records, delivered ${delivered.iter?.length}, errored ${iterErrors.length}; lost 0`,
    );

    // JSON Lines: the line number, the offending text, and the field inside it.
    BAD_LINES.forEach(([line, code, field], i) => {
      const e = fileErrors[i] as MonitorError;
      const lineNo = 2 * i + 2;
      expect(e.error.code).toBe(code);
      expect(e.error.message).toContain(`Line ${lineNo} skipped`);
      expect(e.error.field).toBe(field === undefined ? `line ${lineNo}` : `line ${lineNo}: ${field}`);
      expect(e.error.expected).toEqual(expect.any(String));
      expect(e.error.received).toEqual(expect.any(String));
      expect(e.record).toMatchObject({ line: lineNo, text: line });
    });

    // Iterable: the record itself, and a structured error.
    BAD_VALUES.forEach(([value, field], i) => {
      const e = iterErrors[i] as MonitorError;
      expect(e.error.code).toBe('INVALID_MENTION');
      expect(e.error.field).toBe(field);
      expect(e.error.expected).toEqual(expect.any(String));
      expect(e.error.received).toEqual(expect.any(String));
      expect(e.record).toBe(value);
    });
  });
});
