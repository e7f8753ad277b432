/**
 * Executes examples/notebook.ipynb headlessly with the Deno Jupyter kernel, the way a data team
 * opens it: `jupyter nbconvert --to notebook --execute`. Fails if any cell errors, if the chart
 * cell shows no SVG, or if the tables are missing. The Deno kernel is installed when no working
 * one is registered. Without Jupyter the execution is skipped locally, and fails in CI. The
 * outputs saved in the file (so it reads on GitHub) are checked without Jupyter.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseMentionLine } from '../src/mention.js';
import type { Mention } from '../src/types.js';

const root = resolve(__dirname, '..');
const notebook = join(root, 'examples', 'notebook.ipynb');
const sample = join(root, 'examples', 'data', 'mentions.jsonl');
const sampleLines = () =>
  readFileSync(sample, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '').length;
const deno = join(root, 'node_modules', '.bin', 'deno');
const LONG = 300_000;

interface Output {
  output_type: 'stream' | 'display_data' | 'execute_result' | 'error';
  text?: string | string[];
  data?: Record<string, string | string[]>;
  ename?: string;
  evalue?: string;
}
interface Cell {
  cell_type: 'code' | 'markdown';
  metadata: { tags?: string[] };
  source: string | string[];
  outputs?: Output[];
}
interface Notebook {
  cells: Cell[];
  metadata: { kernelspec?: { name?: string } };
}

const joined = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join('') : (v ?? ''));
/** The plain text an output shows: printed lines or a displayed value's text/plain. */
const plain = (o: Output) => joined(o.text) + joined(o.data?.['text/plain']);

function hasJupyter(): boolean {
  const r = spawnSync('jupyter', ['nbconvert', '--version'], { encoding: 'utf8' });
  return r.status === 0;
}

/** The `deno` kernelspec, if one is registered and its executable exists. */
function workingDenoKernel(): boolean {
  const r = spawnSync('jupyter', ['--paths', '--json'], { encoding: 'utf8' });
  if (r.status !== 0) return false;
  const dirs = (JSON.parse(r.stdout) as { data: string[] }).data;
  for (const dir of dirs) {
    const spec = join(dir, 'kernels', 'deno', 'kernel.json');
    if (!existsSync(spec)) continue;
    const argv = (JSON.parse(readFileSync(spec, 'utf8')) as { argv?: string[] }).argv ?? [];
    // The first one found is the one Jupyter uses.
    return typeof argv[0] === 'string' && existsSync(argv[0]);
  }
  return false;
}

describe('examples/data/mentions.jsonl, the notebook input', () => {
  const lines = readFileSync(sample, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const mentions: Mention[] = lines.map((l) => parseMentionLine(l, { now: Date.parse('2026-11-15T00:00:00Z') }));
  const iso = (m: Mention) => m.createdAt?.toISOString() ?? '';

  it('is valid JSON Lines, one mention per line, unique ids, in time order over 1-14 November 2026', () => {
    expect(mentions.length).toBeGreaterThanOrEqual(200);
    expect(new Set(mentions.map((m) => m.id)).size).toBe(mentions.length);
    expect(mentions.every((m, i) => i === 0 || iso(m) >= iso(mentions[i - 1] as Mention))).toBe(true);
    expect(iso(mentions[0] as Mention).slice(0, 10)).toBe('2026-11-01');
    expect(iso(mentions.at(-1) as Mention).slice(0, 10)).toBe('2026-11-14');
    // The README's count is the file's.
    expect(readFileSync(join(root, 'examples', 'data', 'README.md'), 'utf8')).toContain(`${mentions.length} invented`);
  });

  it('holds the scenarios its README promises', () => {
    const burst = mentions.filter(
      (m) => /ziggo/i.test(m.text) && m.source !== 'rss' && iso(m) >= '2026-11-04T08:00' && iso(m) < '2026-11-04T10:00',
    );
    expect(burst.length).toBeGreaterThanOrEqual(25);
    expect(new Set(burst.map((m) => m.author?.handle)).size).toBeGreaterThanOrEqual(20);
    const home = mentions.find(
      (m) => m.text === '@Ziggo al 3 keer gebeld, nog steeds geen internet en ik moet thuiswerken',
    );
    expect(home?.author?.followers).toBe(40);
    expect(mentions.some((m) => m.inReplyTo === home?.id && m.author?.handle === home?.author?.handle)).toBe(true);
    const dms = mentions.filter((m) => m.isPublic === false);
    expect(dms.length).toBeGreaterThanOrEqual(3);
    expect(dms.every((m) => m.source === 'webhook')).toBe(true);
    expect(mentions.some((m) => (m.metrics?.reposts ?? 0) >= 3000 && m.media !== undefined)).toBe(true);
    expect(mentions.some((m) => m.author?.followers === 250_000 && m.author.verified === true)).toBe(true);
    expect(mentions.filter((m) => m.author === undefined).length).toBeGreaterThanOrEqual(5);
    expect(mentions.filter((m) => m.source === 'rss').length).toBeGreaterThanOrEqual(5);
    expect(mentions.filter((m) => m.text.startsWith('RT @')).length).toBeGreaterThanOrEqual(2);
    const all = mentions.map((m) => m.text).join('\n');
    for (const s of [
      'bestelnummer 40512345678',
      '06-12345678',
      '@Radar',
      '@kassa',
      '@Consumentenbond',
      'BKR',
      '$5,000',
    ]) {
      expect(all).toContain(s);
    }
  });

  it('invents every link and address: hosts under .example, mail at example.com', () => {
    const all = mentions.map((m) => m.text).join('\n');
    for (const host of all.match(/https?:\/\/[a-z0-9.-]+/gi) ?? []) expect(host).toMatch(/\.example$/);
    const urls = [...mentions.map((m) => m.url), ...mentions.flatMap((m) => m.media?.map((d) => d.url) ?? [])];
    for (const url of urls) if (url !== undefined) expect(new URL(url).hostname).toMatch(/\.example$/);
    for (const mail of all.match(/[\w.-]+@[\w-]+(\.[\w-]+)+/g) ?? []) expect(mail).toMatch(/@example\.com$/);
  });
});

describe('examples/notebook.ipynb as saved', () => {
  const saved = JSON.parse(readFileSync(notebook, 'utf8')) as Notebook;
  const code = saved.cells.filter((c) => c.cell_type === 'code');

  it('reads the bundled sample feed, not a test fixture', () => {
    const sources = code.map((c) => joined(c.source)).join('\n');
    expect(sources).toContain("readJsonl('data/mentions.jsonl')");
    expect(sources).not.toContain('tests/fixtures');
  });

  it('carries the outputs of one full run, without errors, so it reads without Jupyter', () => {
    expect(code.map((c) => (c as { execution_count?: number }).execution_count)).toEqual(code.map((_, i) => i + 1));
    const outputs = code.flatMap((c) => c.outputs ?? []);
    expect(outputs.filter((o) => o.output_type === 'error')).toEqual([]);
    const text = outputs.map(plain).join('');
    expect(text).toContain(`${sampleLines()} mentions scored, 0 skipped`);
    expect(outputs.filter((o) => o.data?.['image/svg+xml'] !== undefined)).toHaveLength(2);
  });
});

const available = hasJupyter();
if (!available && process.env.CI) {
  describe('notebook', () => {
    it('needs jupyter nbconvert in CI (Debian: jupyter-nbconvert python3-nbclient python3-ipykernel)', () => {
      expect.fail('jupyter nbconvert is not installed');
    });
  });
} else if (!available) {
  describe.skip('notebook (skipped: jupyter nbconvert is not installed; apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel)', () => {
    it('executes', () => undefined);
  });
} else {
  describe('examples/notebook.ipynb', () => {
    let executed: Notebook;

    beforeAll(() => {
      if (!existsSync(join(root, 'dist', 'index.js'))) {
        const b = spawnSync('npx', ['tsup'], { cwd: root, encoding: 'utf8' });
        if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
      }
      if (!workingDenoKernel()) {
        // --force replaces a kernelspec whose deno binary is gone (a deleted checkout).
        const r = spawnSync(deno, ['jupyter', '--install', '--force'], { encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`deno jupyter --install failed: ${r.stderr}`);
      }
      const out = mkdtempSync(join(tmpdir(), 'webcare-notebook-'));
      const r = spawnSync(
        'jupyter',
        [
          'nbconvert',
          '--to',
          'notebook',
          '--execute',
          '--ExecutePreprocessor.timeout=240',
          '--ExecutePreprocessor.kernel_name=deno',
          '--output-dir',
          out,
          '--output',
          'executed.ipynb',
          notebook,
        ],
        { cwd: root, encoding: 'utf8', timeout: LONG - 10_000, env: { ...process.env, NO_COLOR: '1' } },
      );
      const file = join(out, 'executed.ipynb');
      // nbconvert stops at the first failing cell and writes nothing; say which cell it was.
      if (r.status !== 0 || !existsSync(file)) {
        throw new Error(`nbconvert failed (exit ${r.status}):\n${r.stderr.slice(-4000)}`);
      }
      executed = JSON.parse(readFileSync(file, 'utf8')) as Notebook;
    }, LONG);

    const code = () => executed.cells.filter((c) => c.cell_type === 'code');
    const tagged = (tag: string) => {
      const cell = code().find((c) => c.metadata.tags?.includes(tag));
      if (cell === undefined) throw new Error(`no cell tagged ${tag}`);
      return cell;
    };

    it('uses the Deno kernel and imports the built ESM', () => {
      expect(executed.metadata.kernelspec?.name).toBe('deno');
      expect(joined(code()[0]?.source)).toContain("from '../dist/index.js'");
    });

    it('runs every cell without an error', () => {
      const errors = code()
        .flatMap((c) => c.outputs ?? [])
        .filter((o) => o.output_type === 'error')
        .map((o) => `${o.ename}: ${o.evalue}`);
      expect(errors).toEqual([]);
      for (const c of code()) expect((c as { execution_count?: number }).execution_count).toBeGreaterThan(0);
    });

    it('scores the feed', () => {
      const text = code()
        .flatMap((c) => c.outputs ?? [])
        .map(plain)
        .join('');
      // Every line of the sample feed is a valid mention.
      expect(text).toContain(`${sampleLines()} mentions scored, 0 skipped`);
      expect(text).toMatch(/languages: en \d+, nl \d+/);
    });

    it('shows the triage top 10 and the daily summary as tables', () => {
      const html = (tag: string) =>
        joined(tagged(tag).outputs?.find((o) => o.data?.['text/html'])?.data?.['text/html']);
      expect(html('triage').match(/<tr>/g)?.length).toBe(11); // header + 10 rows
      expect(html('summary')).toMatch(/<td>\d{4}-\d\d-\d\d<\/td>/);
      expect(html('triage')).not.toMatch(/<script/i);
    });

    it('displays the category chart as inline SVG with bars', () => {
      const svg = joined(tagged('chart').outputs?.find((o) => o.data?.['image/svg+xml'])?.data?.['image/svg+xml']);
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(svg).toContain('class="bar"');
      expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    });

    it('shows the Ziggo outage of 4 November as a disruption incident, with its complaints', () => {
      const html = (tag: string) =>
        joined(tagged(tag).outputs?.find((o) => o.data?.['text/html'])?.data?.['text/html']);
      // The sample feed has ~25 outage complaints between 08:00 and 10:00 UTC on 2026-11-04.
      expect(html('incidents')).toMatch(/<tr><td>2026-11-04<\/td><td>disruption<\/td><td>0[89]:\d\d UTC<\/td>/);
      const detail = html('incident-detail');
      const rows = detail.match(/<tr>/g)?.length ?? 0;
      expect(rows - 1).toBeGreaterThanOrEqual(5);
      expect(detail.match(/ziggo/gi)?.length ?? 0).toBeGreaterThanOrEqual(rows - 1);
      expect(detail).not.toMatch(/<script/i);
    });
  });
}
