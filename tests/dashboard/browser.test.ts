// The dashboard in real headless Chromium (Debian `chromium` driven by playwright-core): the page
// loads, cards stream in in triage order, assign and done reach every open page, hostile text
// stays text, incidents show as banners. Saves tests/artifacts/dashboard.png.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMonitorFeed } from '../../src/cli/dashboard-monitor.js';
import { type DashboardServer, startDashboardServer } from '../../src/cli/dashboard-server.js';
import { type Board, createBoard } from '../../src/cli/dashboard-state.js';
import { createScorer } from '../../src/score.js';
import { FEED_LINES, FEED_PATH } from './helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) {
  throw new Error(`${CHROMIUM} is missing: CI must install the Debian package "chromium" for the dashboard test`);
}
if (!available) {
  console.warn(
    `dashboard browser test skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`,
  );
}

const ARTIFACTS = resolve(__dirname, '../artifacts');
const POLL = { timeout: 45_000, interval: 50 };
const cardCount = (page: Page) => page.locator('#queue .card').count();

describe.skipIf(!available)('dashboard in headless Chromium', () => {
  let browser: Browser;
  let server: DashboardServer;
  let board: Board;
  const feedStop = new AbortController();
  let feed: Promise<void> | undefined;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    board = createBoard();
    server = await startDashboardServer({ board, port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 90_000);

  afterAll(async () => {
    feedStop.abort();
    await feed;
    await browser?.close();
    await server?.close();
  });

  async function open(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Two cores shared with other test files: be patient rather than flaky.
    page.setDefaultTimeout(45_000);
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await page.goto(server.url);
    // Connected and the snapshot applied (the status line then counts what was read).
    await page.locator('#status.ok').waitFor();
    return page;
  }

  const domOrder = (page: Page) =>
    page.locator('#queue .card').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id') ?? ''));

  it('loads, then shows cards in triage order as mentions stream in', async () => {
    const page = await open();
    expect(await page.title()).toBe('webcare · live triage');
    expect(await page.locator('#empty').isVisible()).toBe(true);

    // The CLI's default path: the jsonl adapter through the monitor (spam and repeats dropped).
    feed = runMonitorFeed({
      input: { file: FEED_PATH },
      score: createScorer({ brand: { names: ['Ziggo'], handles: ['ziggo'] } }),
      board,
      rate: 5,
      signal: feedStop.signal,
    }).then(() => undefined);
    // Part of the feed is on the page while the rest is still coming, already in triage order.
    await expect.poll(() => cardCount(page), POLL).toBeGreaterThanOrEqual(3);
    const partial = await domOrder(page);
    const shown = new Set(partial);
    expect(partial).toEqual(
      board
        .cards()
        .map((c) => c.id)
        .filter((id) => shown.has(id)),
    );
    await page.locator('#status', { hasText: 'feed finished' }).waitFor();
    const total = board.cards().length;
    expect(partial.length).toBeLessThan(total);
    expect(total).toBeGreaterThanOrEqual(FEED_LINES.length - 2);
    await expect.poll(() => cardCount(page), POLL).toBe(total);
    // The page's order is the server's, which is the CLI's triage order (tests/dashboard/state.test.ts).
    expect(await domOrder(page)).toEqual(board.cards().map((c) => c.id));
    const priorities = await page
      .locator('#queue .card')
      .evaluateAll((n) => n.map((x) => x.getAttribute('data-priority') ?? ''));
    expect([...priorities].sort()).toEqual(priorities);
    const top = board.cards()[0];
    expect(await page.locator('#queue .card').first().locator('.badge').textContent()).toBe(top?.priority);
    // Each card has its gauges, advice, reasons and actions.
    const first = page.locator('#queue .card').first();
    expect(await first.locator('.gauge').count()).toBe(2);
    expect(await first.locator('[role=meter]').first().getAttribute('aria-valuenow')).toBe(top?.pilloryRisk.toFixed(2));
    expect(await first.locator('.advice').textContent()).not.toBe('');
    expect(await first.locator('button.assign').count()).toBe(1);
    expect(await first.locator('button.done').count()).toBe(1);
    // The chart drew bars for the feed's time span.
    await page.locator('#chart rect.bar-mentions').first().waitFor();
    // The category chart comes from the library's chart(), as an image.
    await page.locator('#category-panel').waitFor();
    const width = await page
      .locator('#category-chart')
      .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
    expect(width).toBeGreaterThan(0);
    await page.close();
  }, 90_000);

  it('shows hostile text as text: no script runs, no markup, no javascript: link', async () => {
    const page = await open();
    const card = page.locator('#queue .card[data-id="d04"]');
    expect(await card.locator('.text').textContent()).toBe(
      "<script>alert('pwned')</script> storing weer?? <img src=x onerror=alert(1)>",
    );
    expect(await card.locator('.who').textContent()).toContain('@<b>evil</b>');
    expect(await page.locator('#queue script, #queue img, #queue b, #queue i').count()).toBe(0);
    expect(await card.locator('a').count()).toBe(0);
    // The safe link of another card is there, and opens in a new tab without a referrer.
    const link = page.locator('#queue .card[data-id="d05"] a');
    expect(await link.getAttribute('href')).toBe('https://example.org/status/5');
    expect(await link.getAttribute('rel')).toContain('noopener');
    expect(dialogs).toEqual([]);
    await page.close();
  }, 90_000);

  it('renders any text, author and link exactly as text (property test)', async () => {
    const hostile = createBoard();
    const hostileServer = await startDashboardServer({ board: hostile, port: 0 });
    try {
      const snippet = fc.oneof(
        fc.constantFrom(
          '<script>alert(1)</script>',
          '<img src=x onerror=alert(1)>',
          '<svg onload=alert(1)>',
          '&lt;b&gt;',
          '"><a href="javascript:alert(1)">x</a>',
          '</p><p>',
          '<!--',
          '\u202e',
          '{{constructor.constructor("alert(1)")()}}',
        ),
        fc.string({ unit: 'grapheme', maxLength: 12 }),
      );
      const text = fc.array(snippet, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
      const samples = fc.sample(fc.tuple(text, text, fc.webUrl()), { numRuns: 40, seed: 7 });
      const expected = new Map<string, { text: string; handle: string }>();
      const score = createScorer();
      samples.forEach(([t, h, url], i) => {
        const mention = { id: `h${i}`, text: t.trim() === '' ? `x${t}` : t, author: { handle: h, name: h }, url };
        expected.set(mention.id, { text: mention.text, handle: h });
        hostile.add(score(mention));
      });
      const page = await browser.newPage();
      page.setDefaultTimeout(45_000);
      const errors: string[] = [];
      page.on('dialog', (d) => {
        errors.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(hostileServer.url);
      await expect.poll(() => cardCount(page), POLL).toBe(samples.length);
      const rendered = await page.locator('#queue .card').evaluateAll((nodes) =>
        nodes.map((n) => ({
          id: n.getAttribute('data-id') ?? '',
          text: n.querySelector('.text')?.textContent ?? '',
          who: n.querySelector('.who')?.textContent ?? '',
          textChildren: n.querySelector('.text')?.children.length ?? -1,
        })),
      );
      for (const r of rendered) {
        const want = expected.get(r.id);
        expect(r.text).toBe(want?.text);
        expect(r.textChildren).toBe(0);
        if (want?.handle.trim()) expect(r.who).toContain(want.handle.replace(/^@/, ''));
      }
      // Only the page's own elements exist: nothing from the data became markup.
      expect(
        await page.locator('#queue script, #queue img, #queue svg, #queue iframe, #queue b, #queue p > p').count(),
      ).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await hostileServer.close();
    }
  }, 90_000);

  it('"assign" marks the card on every open page; "done" removes it everywhere', async () => {
    const a = await open();
    const b = await open();
    const target = board.cards()[0]?.id as string;
    await a.fill('#me', 'Anna');
    await a.locator(`#queue .card[data-id="${target}"] button.assign`).click();
    for (const p of [a, b]) {
      await expect
        .poll(() => p.locator(`#queue .card[data-id="${target}"] .assignee`).textContent(), POLL)
        .toBe('assigned to Anna');
    }
    expect(board.cards().find((c) => c.id === target)?.assignee).toBe('Anna');

    // Close a different card, so the assigned one stays for the screenshot.
    const closing = board.cards().at(-1)?.id as string;
    const before = await cardCount(a);
    await b.locator(`#queue .card[data-id="${closing}"] button.done`).click();
    for (const p of [a, b]) {
      await p.locator(`#queue .card[data-id="${closing}"]`).waitFor({ state: 'detached' });
      expect(await p.locator('#queue .card').count()).toBe(before - 1);
    }
    expect(board.cards().some((c) => c.id === closing)).toBe(false);
    // A page opened later does not get the closed card back.
    const c = await open();
    await expect.poll(() => cardCount(c), POLL).toBe(before - 1);
    await Promise.all([a.close(), b.close(), c.close()]);
  }, 90_000);

  it('keeps up with a flood: the queue is capped and stays in order', async () => {
    const flood = createBoard({ maxCards: 300 });
    const floodServer = await startDashboardServer({ board: flood, port: 0 });
    try {
      const page = await browser.newPage();
      page.setDefaultTimeout(45_000);
      await page.goto(floodServer.url);
      await page.locator('#status.ok').waitFor();
      const score = createScorer();
      const texts = FEED_LINES.map((l) => JSON.parse(l) as { text: string });
      for (let i = 0; i < 3000; i++)
        flood.add(score({ id: `f${i}`, text: (texts[i % texts.length] as { text: string }).text }));
      await expect.poll(() => cardCount(page), POLL).toBe(300);
      await expect.poll(() => domOrder(page), POLL).toEqual(flood.cards().map((c) => c.id));
      expect(await page.locator('#totals').textContent()).toContain('dropped (queue full)');
      await page.close();
    } finally {
      await floodServer.close();
    }
  }, 90_000);

  it('shows incident banners and takes a readable screenshot', async () => {
    const page = await open();
    board.incident({
      id: 'disruption-test',
      category: 'disruption',
      count: 7,
      threshold: 5,
      windowMinutes: 30,
      firstAt: '2026-03-02T08:01:00.000Z',
      lastAt: '2026-03-02T08:18:00.000Z',
      mentionIds: ['d02', 'd07', 'd08'],
      detectedBy: 'monitor',
    });
    // The dashboard's own burst detector may have found one in the fixture as well.
    const banner = page.locator('#incidents .incident[data-id="disruption-test"]');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Possible incident: disruption');
    expect(await banner.textContent()).toContain('7 complaints');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.fill('#me', 'Anna');
    await page.screenshot({ path: resolve(ARTIFACTS, 'dashboard.png'), fullPage: false });
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 90_000);
});
