/**
 * The docs must not lie about the repository: links, anchors, `npm run` scripts and `webcare/...`
 * subpaths in README.md and docs/ resolve (scripts/check-docs.ts), and every public export of
 * src/index.ts carries a JSDoc `@example`, and every public example compiles against the source
 * (scripts/check-examples.ts). Each checker is tested on a throwaway tree first, so a checker that
 * silently stopped finding things would fail here too.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { anchorsOf, checkDocs, exportsWithoutExample, githubSlug, markdownFiles } from '../scripts/check-docs.js';
import { typecheckExamples } from '../scripts/check-examples.js';

const root = resolve(__dirname, '..');

describe('githubSlug', () => {
  it('follows GitHub: lower case, punctuation dropped, each space a hyphen, underscores kept', () => {
    expect(githubSlug('Getting started')).toBe('getting-started');
    expect(githubSlug('Speed (`npm run bench -- score import`)')).toBe('speed-npm-run-bench----score-import');
    expect(githubSlug('Channel failure (kanaalsturing)')).toBe('channel-failure-kanaalsturing');
    expect(githubSlug('What goes in and what comes out')).toBe('what-goes-in-and-what-comes-out');
    expect(githubSlug('`respond_within`: the SLA')).toBe('respond_within-the-sla');
    expect(githubSlug('**Bold** and [a link](x.md)')).toBe('bold-and-a-link');
    expect(githubSlug('Één klacht, twee risico’s')).toBe('één-klacht-twee-risicos');
    expect(githubSlug('P1 & P2: answer now')).toBe('p1--p2-answer-now');
  });

  it('numbers repeated headings, ignores headings in code fences, reads setext and explicit ids', () => {
    const md = [
      '# Usage',
      '## Example',
      '```sh',
      '# not a heading',
      '```',
      '## Example',
      'Setext title',
      '------------',
      '<a id="custom-anchor"></a>',
    ].join('\n');
    const anchors = anchorsOf(md);
    expect([...anchors].sort()).toEqual(['custom-anchor', 'example', 'example-1', 'setext-title', 'usage']);
  });
});

describe('checkDocs on a throwaway tree', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'webcare-docs-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const write = (rel: string, text: string): void => {
    mkdirSync(dirname(join(tmp, rel)), { recursive: true });
    writeFileSync(join(tmp, rel), text);
  };
  write(
    'package.json',
    JSON.stringify({
      name: 'webcare',
      scripts: { test: 'vitest', docs: 'typedoc' },
      exports: { '.': './dist/index.js', './adapters/rss': './dist/adapters/rss.js' },
    }),
  );
  write('typedoc.json', JSON.stringify({ out: 'docs/api' }));
  write('src/a.ts', 'export const a = 1;\n');
  write('docs/api/ignored.md', '[nowhere](nowhere.md)\n');
  write('docs/guide.md', '# Guide\n\n## Set up\n\nText.\n');
  write('docs/adapters/rss.md', '# RSS\n\nBack to [the guide](../guide.md#set-up).\n');

  it('passes a tree whose references all resolve', () => {
    write(
      'README.md',
      [
        '# Demo',
        'See [the guide](docs/guide.md), [setup](./docs/guide.md#set-up), [code](src/a.ts#L1),',
        '[top](#demo), [the folder](docs/adapters/), [home](https://example.com/x.md), [api](docs/api/index.html).',
        '',
        '```sh',
        'npm run docs && npm test',
        '[not a link](missing-in-code.md)',
        '```',
        "`[inline code](missing.md)` and `import x from 'webcare/adapters/<name>'`",
        "```ts\nimport { rssSource } from 'webcare/adapters/rss';\n```",
        '[ref]: docs/guide.md',
      ].join('\n'),
    );
    expect(checkDocs(tmp)).toEqual([]);
    expect(markdownFiles(tmp)).toEqual(['README.md', 'docs/adapters/rss.md', 'docs/guide.md']);
  });

  it('reports missing files, missing anchors, unknown scripts and unknown subpaths with their lines', () => {
    write(
      'README.md',
      [
        '# Demo',
        'A [missing page](docs/nope.md) and a [bad anchor](docs/guide.md#install).',
        '',
        '```sh',
        'npm run --silent docs:check',
        '```',
        "import { x } from 'webcare/adapters/fax';",
        '<img src="docs/missing.png">',
        '[up](../outside.md) [self](#nowhere)',
        '[ref]: docs/gone.md',
      ].join('\n'),
    );
    const found = checkDocs(tmp).map((p) => `${p.file}:${p.line}: ${p.message}`);
    expect(found).toEqual([
      'README.md:2: link docs/nope.md: missing file docs/nope.md',
      'README.md:2: link docs/guide.md#install: no heading #install in docs/guide.md',
      'README.md:8: link docs/missing.png: missing file docs/missing.png',
      'README.md:9: link ../outside.md: points outside the repository',
      'README.md:9: link #nowhere: no heading #nowhere in README.md',
      'README.md:10: link docs/gone.md: missing file docs/gone.md',
      'README.md:5: npm run docs:check: no such script in package.json',
      'README.md:7: webcare/adapters/fax: not in package.json exports',
    ]);
  });
});

describe('the docs of this repository', () => {
  it('have no broken links, anchors, scripts or adapter subpaths (npm run docs:links)', () => {
    const problems = checkDocs(root).map((p) => `${p.file}:${p.line}: ${p.message}`);
    expect(problems).toEqual([]);
  });
});

interface Allowlist {
  comment?: string;
  'to document'?: string[];
}

describe('public exports of webcare', () => {
  it('every export of src/index.ts has a JSDoc block with an @example', () => {
    const allowFile = join(root, 'tests/docs-allowlist.json');
    const allow = new Set(
      existsSync(allowFile) ? ((JSON.parse(readFileSync(allowFile, 'utf8')) as Allowlist)['to document'] ?? []) : [],
    );
    const missing = exportsWithoutExample(root);
    const stale = [...allow].filter((name) => !missing.some((m) => m.name === name));
    if (stale.length > 0) console.warn(`tests/docs-allowlist.json: now documented, remove: ${stale.join(', ')}`);
    const offenders = missing.filter((m) => !allow.has(m.name)).map((m) => `${m.file}: ${m.name} (${m.problem})`);
    expect(offenders).toEqual([]);
  }, 30_000);

  it('the export check sees a missing @example', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'webcare-exports-'));
    try {
      mkdirSync(join(tmp, 'src'));
      writeFileSync(
        join(tmp, 'src/index.ts'),
        [
          "export { documented, bare } from './a.js';",
          "export type { Shape } from './a.js';",
          '/** Local, with an example.\n * @example\n * ```ts\n * local();\n * ```\n */',
          'export function local(): void {}',
        ].join('\n'),
      );
      writeFileSync(
        join(tmp, 'src/a.ts'),
        [
          '/**\n * Says hi.\n * @example\n * ```ts\n * documented();\n * ```\n */',
          'export const documented = (): string => "hi";',
          'export const bare = 1;',
          '/** A shape, but no example. */',
          'export interface Shape { x: number }',
        ].join('\n'),
      );
      expect(exportsWithoutExample(tmp)).toEqual([
        { name: 'bare', file: 'src/a.ts', problem: 'no JSDoc' },
        { name: 'Shape', file: 'src/a.ts', problem: 'no @example' },
      ]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('the @example type-checker (npm run docs:examples)', () => {
  it('compiles each example against the source and reports the ones that do not, with their lines', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'webcare-examples-'));
    try {
      mkdirSync(join(tmp, 'src/adapters'), { recursive: true });
      writeFileSync(
        join(tmp, 'package.json'),
        JSON.stringify({
          name: 'webcare',
          type: 'module',
          exports: { '.': './dist/index.js', './adapters/feed': './x' },
        }),
      );
      writeFileSync(
        join(tmp, 'src/index.ts'),
        [
          '/**',
          ' * Doubles.',
          ' * @example',
          ' * ```ts',
          " * import { double } from 'webcare';",
          ' * const n: number = double(2);',
          ' * ```',
          ' */',
          'export function double(n: number): number {',
          '  return n * 2;',
          '}',
          '/**',
          ' * Wrong on purpose.',
          ' * @example',
          ' * ```ts',
          " * import { double } from 'webcare';",
          " * const s: string = double('2');",
          ' * ```',
          ' */',
          'export const twice = double;',
        ].join('\n'),
      );
      writeFileSync(
        join(tmp, 'src/adapters/feed.ts'),
        [
          '/**',
          ' * A feed.',
          ' * @example',
          ' * ```ts',
          " * import { feed } from 'webcare/adapters/feed';",
          ' * const f = feed();',
          ' * f.missing;',
          ' * ```',
          ' */',
          "export function feed(): { name: string } { return { name: 'feed' }; }",
        ].join('\n'),
      );
      const { checked, problems } = typecheckExamples(tmp);
      expect(checked).toBe(3);
      expect(problems.map((p) => `${p.file}:${p.line} ${p.name}`)).toEqual([
        'src/adapters/feed.ts:7 feed',
        'src/index.ts:17 twice',
        'src/index.ts:17 twice',
      ]);
      expect(problems[0]?.message).toMatch(/missing/);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 30_000);

  it('every @example of the public API (webcare and webcare/adapters/*) compiles against the source', () => {
    const { checked, problems } = typecheckExamples(root);
    expect(checked).toBeGreaterThan(100);
    expect(problems.map((p) => `${p.file}:${p.line} (${p.name}): ${p.message}`)).toEqual([]);
  }, 30_000);
});
