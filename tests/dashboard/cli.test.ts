import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Card } from '../../src/cli/dashboard-state.js';
import { FEED_LINES, FEED_PATH, cliCommand } from './helpers.js';

const root = resolve(__dirname, '../..');
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

interface Running {
  child: ChildProcessWithoutNullStreams;
  url: string;
  stderr: () => string;
  exit: Promise<number | null>;
}

async function launch(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [...cliCommand(), 'dashboard', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '' },
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const m = /webcare dashboard: (http:\/\/\S+)/.exec(out);
      if (m) resolveUrl(m[1] as string);
    });
    exit.then((code) => reject(new Error(`exited with ${code} before printing a URL: ${err}`)));
  });
  return { child, url, stderr: () => err, exit };
}

async function cardsWhen(url: string, cond: (cards: Card[]) => boolean): Promise<Card[]> {
  const end = Date.now() + 15_000;
  for (;;) {
    const cards = (await fetch(`${url}api/cards`).then((r) => r.json())) as Card[];
    if (cond(cards)) return cards;
    if (Date.now() > end) throw new Error(`gave up with ${cards.length} cards`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('webcare dashboard (CLI)', () => {
  it('prints a localhost URL, streams the file through the monitor, and exits 0 on SIGTERM', async () => {
    const r = await launch([FEED_PATH, '--rate', '0', '--brand', 'Ziggo']);
    expect(r.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    await cardsWhen(r.url, () => r.stderr().includes('feed finished'));
    const cards = await cardsWhen(r.url, () => true);
    // The monitor drops the loan scam (spam); every other line is a card.
    expect(r.stderr()).toContain('dropped 1 spam');
    expect(cards.map((c) => c.id).sort()).toEqual(
      FEED_LINES.map((l) => (JSON.parse(l) as { id: string }).id)
        .filter((id) => id !== 'd06')
        .sort(),
    );
    expect((await fetch(r.url)).status).toBe(200);
    r.child.kill('SIGTERM');
    expect(await r.exit).toBe(0);
    expect(r.stderr()).toContain('stopped');
  });

  it('--raw scores every line, spam included', async () => {
    const r = await launch([FEED_PATH, '--rate', '0', '--raw']);
    const cards = await cardsWhen(r.url, (c) => c.length === FEED_LINES.length);
    expect(cards.some((c) => c.id === 'd06' && c.priority === 'P4')).toBe(true);
    r.child.kill('SIGTERM');
    expect(await r.exit).toBe(0);
  });

  it('reads stdin with "-", drops a repeated mention, reports a bad line, and stops cleanly on SIGINT', async () => {
    const r = await launch(['-', '--rate', '0']);
    r.child.stdin.write(`${FEED_LINES[0]}\n{broken\n${FEED_LINES[4]}\n${FEED_LINES[4]}\n`);
    r.child.stdin.end();
    await cardsWhen(r.url, () => r.stderr().includes('feed finished'));
    const cards = await cardsWhen(r.url, () => true);
    expect(cards.map((c) => c.id).sort()).toEqual(['d01', 'd05']);
    expect(r.stderr()).toMatch(/INVALID_JSON: Line 2 skipped/);
    expect(r.stderr()).toContain('dropped 1 duplicate-id');
    r.child.kill('SIGINT');
    expect(await r.exit).toBe(0);
  });

  it('--follow picks up lines appended to the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'webcare-dash-cli-'));
    const file = join(dir, 'live.jsonl');
    writeFileSync(file, `${FEED_LINES[0]}\n`);
    const r = await launch([file, '--follow', '--rate', '0']);
    await cardsWhen(r.url, (c) => c.length === 1);
    appendFileSync(file, `${FEED_LINES[4]}\n`);
    const cards = await cardsWhen(r.url, (c) => c.length === 2);
    expect(cards[0]?.id).toBe('d05');
    expect(r.stderr()).not.toContain('feed finished');
    r.child.kill('SIGTERM');
    expect(await r.exit).toBe(0);
  });

  it('rejects bad options and unreadable files before serving anything', async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number | null; err: string }>((done) => {
        const c = spawn(process.execPath, [...cliCommand(), 'dashboard', ...args], { cwd: root });
        let err = '';
        c.stderr.on('data', (d) => (err += d));
        c.on('exit', (code) => done({ code, err }));
      });
    expect(await run(['--rate', 'fast'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('--rate must be a number'),
    });
    expect(await run(['--port', '70000'])).toMatchObject({ code: 2 });
    expect(await run(['--bogus'])).toMatchObject({ code: 2, err: expect.stringContaining('unknown option --bogus') });
    expect(await run(['-', '--follow'])).toMatchObject({ code: 2 });
    expect(await run(['/nonexistent/feed.jsonl'])).toMatchObject({
      code: 1,
      err: expect.stringContaining('cannot read'),
    });
  });
});
