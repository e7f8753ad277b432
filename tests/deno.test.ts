/**
 * Drives Deno from the vitest suite: `deno check` of the source, the Deno test files in
 * tests/deno (run by `deno test`, Deno from the npm package in devDependencies), and the
 * examples in examples/deno. Fails when any of them fails.
 */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..');
const deno = join(root, 'node_modules', '.bin', 'deno');
const sample = join(root, 'examples', 'data', 'mentions.jsonl');
const fixture = join(root, 'tests', 'fixtures', 'batch', 'feed.jsonl');
const LONG = 180_000;

function run(args: string[]): SpawnSyncReturns<string> {
  return spawnSync(deno, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: LONG - 5_000,
  });
}

function explain(r: SpawnSyncReturns<string>): string {
  return `exit ${r.status}${r.error ? ` (${r.error.message})` : ''}\n${r.stdout}\n${r.stderr}`;
}

beforeAll(() => {
  if (!existsSync(deno)) throw new Error('deno is a devDependency: run npm install');
  if (!existsSync(join(root, 'dist', 'index.js'))) {
    const b = spawnSync('npx', ['tsup'], { cwd: root, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
  }
}, LONG);

describe('Deno', () => {
  it(
    'type-checks the source unchanged (deno.json: moduleResolution bundler, no sloppy-imports flag)',
    () => {
      const r = run(['check', 'src/index.ts', 'examples/deno/score.ts', 'examples/deno/summarize.ts']);
      expect(r.status, explain(r)).toBe(0);
    },
    LONG,
  );

  it(
    'passes the Deno test files (deno test tests/deno)',
    () => {
      const files = readdirSync(join(root, 'tests', 'deno')).filter((f) => f.endsWith('_test.ts'));
      expect(files.length).toBeGreaterThanOrEqual(2);
      const r = run(['test', `--allow-read=${root}`, 'tests/deno/']);
      expect(r.status, explain(r)).toBe(0);
      // Guard against a runner that finds nothing and reports success.
      const summary = r.stdout.match(/ok \| (\d+) passed \((\d+) steps\) \| 0 failed/);
      expect(summary, explain(r)).not.toBeNull();
      expect(Number(summary?.[1])).toBe(files.length);
      expect(Number(summary?.[2])).toBeGreaterThanOrEqual(11);
    },
    LONG,
  );

  it(
    'runs examples/deno/score.ts: triage top 10 from a JSON Lines feed',
    () => {
      const feed = existsSync(sample) ? sample : fixture;
      const r = run(['run', '--check', `--allow-read=${root}`, 'examples/deno/score.ts', feed]);
      expect(r.status, explain(r)).toBe(0);
      const scored = Number(r.stdout.match(/Scored (\d+) mentions/)?.[1]);
      expect(scored, explain(r)).toBeGreaterThan(0);
      expect(r.stdout).toContain('Triage top 10:');
      expect(r.stdout).toMatch(/│\s+0\s+│ ["']P[1-4]["']/);
    },
    LONG,
  );

  it(
    'reads standard input as a web stream (Deno.stdin.readable), with no permissions',
    () => {
      const r = spawnSync(deno, ['run', 'examples/deno/score.ts', '-'], {
        cwd: root,
        encoding: 'utf8',
        input: readFileSync(fixture),
        env: { ...process.env, NO_COLOR: '1' },
        timeout: LONG - 5_000,
      });
      expect(r.status, explain(r)).toBe(0);
      expect(r.stdout).toContain('Scored 25 mentions');
      expect(r.stderr).toContain('skipped line 6');
    },
    LONG,
  );

  it(
    'runs examples/deno/summarize.ts: daily table, incidents and two SVG charts',
    () => {
      const out = mkdtempSync(join(tmpdir(), 'webcare-deno-charts-'));
      const r = run([
        'run',
        '--check',
        `--allow-read=${root},${out}`,
        `--allow-write=${out}`,
        'examples/deno/summarize.ts',
        fixture,
        out,
      ]);
      expect(r.status, explain(r)).toBe(0);
      expect(r.stdout).toContain('2026-11-17');
      expect(r.stdout).toMatch(/1 incident\(s\):\n\s+2026-11-17 \d\d:\d\d-\d\d:\d\d UTC {2}disruption/);
      for (const f of ['complaints-by-category.svg', 'net-sentiment.svg']) {
        const svg = readFileSync(join(out, f), 'utf8');
        expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
        expect(svg.endsWith('</svg>')).toBe(true);
      }
    },
    LONG,
  );
});
