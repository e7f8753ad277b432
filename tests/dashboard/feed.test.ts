import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fileLines, runFeed, streamLines } from '../../src/cli/dashboard-feed.js';
import { runMonitorFeed } from '../../src/cli/dashboard-monitor.js';
import { createBoard } from '../../src/cli/dashboard-state.js';
import type { WebcareError } from '../../src/errors.js';
import { createScorer } from '../../src/score.js';
import { FEED_LINES, FEED_PATH } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'webcare-dash-'));

async function collect(it: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const l of it) out.push(l);
  return out;
}

describe('dashboard feed', () => {
  it('reads every line of a file, CRLF and a last line without newline included, across chunk boundaries', async () => {
    const file = join(dir, 'lines.jsonl');
    const long = 'é'.repeat(70_000); // multi-byte characters straddle the 64 KiB read chunks
    writeFileSync(file, `a\r\n${long}\nb\nlast`);
    const lines = await collect(fileLines(file, { signal: new AbortController().signal }));
    expect(lines).toEqual(['a', long, 'b', 'last']);
  });

  it('follows a growing file until aborted, and starts over when it is truncated', async () => {
    const file = join(dir, 'grow.jsonl');
    writeFileSync(file, 'one\n');
    const ctrl = new AbortController();
    const seen: string[] = [];
    const done = (async () => {
      for await (const l of fileLines(file, { signal: ctrl.signal, follow: true, pollMs: 20 })) seen.push(l);
    })();
    await waitFor(() => seen.length === 1);
    appendFileSync(file, 'two\nthr');
    await waitFor(() => seen.length === 2);
    appendFileSync(file, 'ee\n');
    await waitFor(() => seen.length === 3);
    writeFileSync(file, 'new\n');
    await waitFor(() => seen.length === 4);
    ctrl.abort();
    await done;
    expect(seen).toEqual(['one', 'two', 'three', 'new']);
  });

  it('scores the fixture into the board, skips bad lines with their numbers, and reports status', async () => {
    const board = createBoard();
    const skipped: Array<[number, string]> = [];
    const input = Readable.from([
      `${FEED_LINES.slice(0, 3).join('\n')}\n{"text": \n\n{"text": 7}\n${FEED_LINES.slice(3).join('\n')}\n`,
    ]);
    await runFeed({
      lines: streamLines(input),
      score: createScorer(),
      board,
      rate: 0,
      signal: new AbortController().signal,
      onSkip: (n, e: WebcareError) => skipped.push([n, e.code]),
    });
    expect(skipped).toEqual([
      [4, 'INVALID_JSON'],
      [6, 'INVALID_MENTION'],
    ]);
    expect(board.cards()).toHaveLength(FEED_LINES.length);
    expect(board.status()).toEqual({ state: 'finished', read: FEED_LINES.length + 2, skipped: 2 });
  });

  it('paces a file at the given rate and stops when aborted', async () => {
    const board = createBoard();
    const ctrl = new AbortController();
    const arrivals: number[] = [];
    board.subscribe((e) => {
      if (e.type === 'card') arrivals.push(Date.now());
    });
    const t0 = Date.now();
    const run = runFeed({
      lines: fileLines(FEED_PATH, { signal: ctrl.signal }),
      score: createScorer(),
      board,
      rate: 20,
      signal: ctrl.signal,
    });
    await waitFor(() => arrivals.length >= 4);
    ctrl.abort();
    await run;
    // Line k is never scored before start + k × 50 ms (a lower bound, so a slow machine cannot fail it).
    const n = arrivals.length;
    // Measured from before the feed started: a slow first line lets later ones catch up.
    expect((arrivals[n - 1] as number) - t0).toBeGreaterThanOrEqual((n - 1) * 50 - 2);
    expect(n).toBeLessThan(FEED_LINES.length);
    expect(board.status().state).toBe('finished');
  });
});

describe('dashboard feed through the monitor', () => {
  it('drops spam and repeats, reports bad lines, and says so in the status', async () => {
    const file = join(dir, 'monitor.jsonl');
    writeFileSync(file, `${FEED_LINES.join('\n')}\n${FEED_LINES[1]}\nnot json\n`);
    const board = createBoard();
    const errors: string[] = [];
    const drops = await runMonitorFeed({
      input: { file },
      score: createScorer(),
      board,
      rate: 0,
      signal: new AbortController().signal,
      onSkip: (e) => errors.push(e.code),
    });
    expect(drops).toEqual({ spam: 1, 'duplicate-id': 1 });
    expect(errors).toEqual(['INVALID_JSON']);
    expect(board.cards()).toHaveLength(FEED_LINES.length - 1);
    expect(board.status()).toEqual({
      state: 'finished',
      read: FEED_LINES.length + 2,
      skipped: 1,
      message: 'dropped 1 spam, 1 duplicate-id',
    });
  });

  it('paces mentions and stops when aborted', async () => {
    const board = createBoard();
    const ctrl = new AbortController();
    const t0 = Date.now();
    const arrivals: number[] = [];
    board.subscribe((e) => {
      if (e.type === 'card') arrivals.push(Date.now());
    });
    const run = runMonitorFeed({
      input: { file: FEED_PATH },
      score: createScorer(),
      board,
      rate: 20,
      signal: ctrl.signal,
    });
    await waitFor(() => arrivals.length >= 3);
    ctrl.abort();
    await run;
    expect(arrivals.length).toBeLessThan(FEED_LINES.length - 1);
    expect((arrivals.at(-1) as number) - t0).toBeGreaterThanOrEqual((arrivals.length - 1) * 50 - 2);
  });
});

async function waitFor(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
