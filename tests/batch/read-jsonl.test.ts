import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type JsonlRecord, WebcareError, isJsonlRecord, readJsonl } from '../../src/index.js';

async function all(it: AsyncIterable<JsonlRecord>): Promise<JsonlRecord[]> {
  const out: JsonlRecord[] = [];
  for await (const r of it) out.push(r);
  return out;
}

/** Split bytes at the given positions, as a network or pipe might deliver them. */
function chunks(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const c of [...at, bytes.length]) {
    out.push(bytes.subarray(prev, c));
    prev = c;
  }
  return out;
}

describe('readJsonl', () => {
  it('reads a file line by line with 1-based line numbers, skipping blank lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'webcare-jsonl-'));
    const file = join(dir, 'a.jsonl');
    writeFileSync(file, '{"text":"een"}\n\n"twee"\r\n{"text":"drie"}');
    const rows = await all(readJsonl(file));
    expect(rows.map((r) => [r.line, r.value])).toEqual([
      [1, { text: 'een' }],
      [3, 'twee'],
      [4, { text: 'drie' }],
    ]);
    expect(rows.every(isJsonlRecord)).toBe(true);
  });

  it('turns a malformed line into an error record and goes on', async () => {
    const rows = await all(readJsonl(Readable.from(['{"text":"ok"}\n{"text": broken\n{"text":"na"}\n'])));
    expect(rows[1]?.error?.code).toBe('INVALID_JSON');
    expect(rows[1]?.line).toBe(2);
    expect(rows[1]?.error?.message).not.toContain('broken'); // never echo user text in errors
    expect(rows[2]?.value).toEqual({ text: 'na' });
  });

  it('skips an over-long line without holding it, keeping later line numbers right', async () => {
    const long = `{"text":"${'x'.repeat(5000)}"}`;
    const parts = ['{"a":1}\n', long.slice(0, 2000), long.slice(2000, 4000), `${long.slice(4000)}\n`, '{"b":2}\n'];
    const rows = await all(readJsonl(Readable.from(parts), { maxLineLength: 1000 }));
    expect(rows.map((r) => [r.line, r.error?.code ?? r.value])).toEqual([
      [1, { a: 1 }],
      [2, 'INVALID_MENTION'],
      [3, { b: 2 }],
    ]);
  });

  it('reads a web ReadableStream (Deno.stdin.readable, fetch bodies)', async () => {
    const bytes = new TextEncoder().encode('{"text":"één"}\n{"text":"twee"}\n');
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.subarray(0, 11)); // cuts the two-byte é in half
        c.enqueue(bytes.subarray(11));
        c.close();
      },
    });
    const rows = await all(readJsonl(stream));
    expect(rows.map((r) => r.value)).toEqual([{ text: 'één' }, { text: 'twee' }]);
  });

  it('fails loudly (not per line) when the file cannot be opened', async () => {
    await expect(all(readJsonl('/nonexistent/webcare/x.jsonl'))).rejects.toMatchObject({
      code: 'SOURCE_FAILED',
    });
    expect(() => readJsonl('')).toThrow(WebcareError);
    expect(() => readJsonl(42 as unknown as string)).toThrow(/input/);
    expect(() => readJsonl('x', { maxLineLength: 0 })).toThrow(/maxLineLength/);
  });

  it('property: any values, any chunking, get back the same values in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.string(), fc.record({ text: fc.string(), n: fc.integer() })), { maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        async (values, cuts) => {
          const bytes = new TextEncoder().encode(values.map((v) => `${JSON.stringify(v)}\n`).join(''));
          const rows = await all(readJsonl(Readable.from(chunks(bytes, cuts))));
          expect(rows.map((r) => r.value)).toEqual(values);
          expect(rows.map((r) => r.line)).toEqual(values.map((_, i) => i + 1));
        },
      ),
      { numRuns: 150 },
    );
  });
});
