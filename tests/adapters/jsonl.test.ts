import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { jsonl } from '../../src/adapters/jsonl.js';
import { MemoryStore } from '../../src/monitor/memory-store.js';
import { createMonitor } from '../../src/monitor/monitor.js';
import type { SourceEvent } from '../../src/source.js';

const dir = mkdtempSync(join(tmpdir(), 'webcare-jsonl-'));
let n = 0;
function file(content: string): string {
  const p = join(dir, `f${n++}.jsonl`);
  writeFileSync(p, content);
  return p;
}

async function collect(it: AsyncIterable<SourceEvent>, max = Number.POSITIVE_INFINITY): Promise<SourceEvent[]> {
  const out: SourceEvent[] = [];
  for await (const ev of it) {
    out.push(ev);
    if (out.length >= max) break;
  }
  return out;
}

const LINES = [
  JSON.stringify({ id: 'a', text: 'Pakket is al een week zoek', author: { handle: 'piet', followers: 12 } }),
  JSON.stringify('Storing in Amsterdam?'),
  '{"id": "broken", "text": ',
  JSON.stringify({ id: 'd', text: 42 }),
  '',
  JSON.stringify({ id: 'e', text: 'Héél blij met de snelle hulp 👍' }),
];

describe('jsonl adapter', () => {
  it('delivers every good line and reports a malformed one with its line number', async () => {
    const src = jsonl({ file: file(`${LINES.join('\n')}\n`) });
    const events = await collect(src.stream({ signal: new AbortController().signal }));
    const good = events.filter((e) => e.type === 'mention');
    const bad = events.filter((e) => e.type === 'error');
    expect(good.map((e) => e.mention.text)).toEqual([
      'Pakket is al een week zoek',
      'Storing in Amsterdam?',
      'Héél blij met de snelle hulp 👍',
    ]);
    expect(good[0]?.type === 'mention' && good[0].mention.author?.followers).toBe(12);
    expect(good[0]?.type === 'mention' && good[0].mention.source).toBe('jsonl');
    expect(bad.map((e) => e.type === 'error' && [e.error.code, e.error.message])).toEqual([
      ['INVALID_JSON', 'Line 3 skipped: Malformed JSON line'],
      ['INVALID_MENTION', expect.stringContaining('Line 4 skipped')],
    ]);
    expect(bad[1]?.type === 'error' && bad[1].error.field).toBe('line 4: text');
    expect(bad[0]?.type === 'error' && bad[0].record).toMatchObject({ line: 3, text: '{"id": "broken", "text": ' });
  });

  it('uses the byte offset after each line as its cursor and resumes from it', async () => {
    const content = `${LINES.join('\n')}\n`;
    const path = file(content);
    const all = (await collect(jsonl({ file: path }).stream({ signal: new AbortController().signal }))).filter(
      (e) => e.type === 'mention',
    );
    const second = all[1];
    if (second?.type !== 'mention') throw new Error('expected a mention');
    // The cursor is where the next line starts, in bytes (the text has multi-byte characters).
    expect(Number(second.cursor)).toBe(Buffer.byteLength(`${LINES[0]}\n${LINES[1]}\n`));
    const rest = await collect(
      jsonl({ file: path }).stream({ signal: new AbortController().signal, cursor: second.cursor as string }),
    );
    expect(rest.map((e) => (e.type === 'mention' ? e.mention.text : e.error.message))).toEqual([
      'Line 3 skipped: Malformed JSON line',
      expect.stringContaining('Line 4 skipped'),
      'Héél blij met de snelle hulp 👍',
    ]);
  });

  it('reads a last line without a newline, CRLF endings, and a stream such as stdin', async () => {
    const text = `${JSON.stringify('een')}\r\n${JSON.stringify('twee')}\r\n${JSON.stringify('drie')}`;
    const fromFile = await collect(jsonl({ file: file(text) }).stream({ signal: new AbortController().signal }));
    expect(fromFile.map((e) => e.type === 'mention' && e.mention.text)).toEqual(['een', 'twee', 'drie']);
    // Chunks split mid-line and mid-character must not matter.
    const bytes = Buffer.from(text.replace('twee', 'twéé'));
    const chunks = [bytes.subarray(0, 5), bytes.subarray(5, 16), bytes.subarray(16)];
    const fromStream = await collect(
      jsonl({ input: Readable.from(chunks), name: 'stdin' }).stream({ signal: new AbortController().signal }),
    );
    expect(fromStream.map((e) => e.type === 'mention' && [e.mention.text, e.mention.source])).toEqual([
      ['een', 'stdin'],
      ['twéé', 'stdin'],
      ['drie', 'stdin'],
    ]);
  });

  it('skips and reports a line over maxLineBytes without holding it in memory', async () => {
    const long = JSON.stringify({ text: 'x'.repeat(5000) });
    const path = file(`${JSON.stringify('voor')}\n${long}\n${JSON.stringify('na')}\n`);
    const events = await collect(
      jsonl({ file: path, maxLineBytes: 100 }).stream({ signal: new AbortController().signal }),
    );
    expect(events.map((e) => (e.type === 'mention' ? e.mention.text : e.error.message))).toEqual([
      'voor',
      expect.stringMatching(/^Line 2 skipped: longer than 100 bytes/),
      'na',
    ]);
  });

  it('follows a growing file and picks up appended lines, a half-written line once complete', async () => {
    const path = file(`${JSON.stringify('eerste')}\n`);
    const controller = new AbortController();
    const src = jsonl({ file: path, follow: true, pollIntervalMs: 20 });
    const seen: string[] = [];
    const done = (async () => {
      for await (const ev of src.stream({ signal: controller.signal })) {
        if (ev.type === 'mention') seen.push(ev.mention.text);
        if (seen.length === 3) controller.abort();
      }
    })();
    await waitFor(() => seen.length === 1);
    appendFileSync(path, `${JSON.stringify('tweede')}\n{"text": "der`);
    await waitFor(() => seen.length === 2);
    await new Promise((r) => setTimeout(r, 60));
    expect(seen).toEqual(['eerste', 'tweede']); // the half line waits for its newline
    appendFileSync(path, 'de"}\n');
    await done;
    expect(seen).toEqual(['eerste', 'tweede', 'derde']);
  });

  it('runs in a monitor: a restart resumes after the last handled line', async () => {
    const path = file(
      `${Array.from({ length: 50 }, (_, i) => JSON.stringify({ id: `m${i}`, text: `bericht ${i}` })).join('\n')}\n`,
    );
    const store = new MemoryStore();
    const first = createMonitor({ sources: [jsonl({ file: path })], store });
    const ids: string[] = [];
    first.on('mention', (a) => {
      ids.push(a.mention.id as string);
    });
    await first.done();
    appendFileSync(path, `${JSON.stringify({ id: 'm50', text: 'nieuw' })}\n`);
    const second = createMonitor({ sources: [jsonl({ file: path })], store });
    second.on('mention', (a) => {
      ids.push(a.mention.id as string);
    });
    await second.done();
    expect(ids).toEqual(Array.from({ length: 51 }, (_, i) => `m${i}`));
  });

  it('rejects bad options at construction', () => {
    expect(() => jsonl({})).toThrow(/exactly one/);
    expect(() => jsonl({ input: Readable.from([]), follow: true })).toThrow(/follow/);
  });
});

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}
