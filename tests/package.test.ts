/**
 * One public entry plus one subpath per adapter, declared three times: package.json's exports map
 * (Node), tsup's entries (the build, derived from that map in tsup.config.ts) and jsr.json (Deno /
 * JSR, which publishes the TypeScript source). They must agree, and every entry's source file must
 * exist: a subpath whose file is missing is a broken promise to users, so this fails until it exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import tsupConfig from '../tsup.config.js';

const root = resolve(__dirname, '..');
const readJson = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8'));

interface Conditions {
  import: { types: string; default: string };
  require: { types: string; default: string };
}
const pkg = readJson('package.json') as {
  name: string;
  version: string;
  exports: Record<string, Conditions | string>;
  main: string;
  module: string;
  types: string;
};
const jsr = readJson('jsr.json') as {
  name: string;
  version: string;
  exports: Record<string, string>;
  compilerOptions: Record<string, unknown>;
};
const deno = readJson('deno.json') as { compilerOptions: Record<string, unknown> };

/** `.` and `./adapters/<name>`: the subpaths that are code (not `./package.json`). */
const codeSubpaths = Object.keys(pkg.exports).filter((k) => k !== './package.json');
/** `index` for `.`, `adapters/<name>` for a subpath: the file stem in src/ and dist/. */
const stem = (subpath: string) => (subpath === '.' ? 'index' : subpath.slice(2));

function tsupEntries(): Record<string, string> {
  const configs = Array.isArray(tsupConfig) ? tsupConfig : [tsupConfig];
  const entry = (configs[0] as { entry: Record<string, string> }).entry;
  return entry;
}

describe('package.json exports', () => {
  it('has only the root entry and adapter subpaths', () => {
    expect(codeSubpaths[0]).toBe('.');
    for (const k of codeSubpaths.slice(1)) expect(k).toMatch(/^\.\/adapters\/[a-z0-9-]+$/);
  });

  it.each(codeSubpaths)('%s points at dist files named after the subpath, ESM and CJS with types', (subpath) => {
    const c = pkg.exports[subpath] as Conditions;
    const s = stem(subpath);
    expect(c).toEqual({
      import: { types: `./dist/${s}.d.ts`, default: `./dist/${s}.js` },
      require: { types: `./dist/${s}.d.cts`, default: `./dist/${s}.cjs` },
    });
  });

  it('main, module and types agree with the root entry', () => {
    expect(pkg.main).toBe('./dist/index.cjs');
    expect(pkg.module).toBe('./dist/index.js');
    expect(pkg.types).toBe('./dist/index.d.ts');
  });
});

describe('every export has its source file', () => {
  it.each(codeSubpaths)('%s', (subpath) => {
    const file = `src/${stem(subpath)}.ts`;
    expect(existsSync(join(root, file)), `${file} is exported but does not exist`).toBe(true);
  });
});

describe('tsup builds exactly the exported entries', () => {
  it('one entry per export, from src/<stem>.ts', () => {
    const expected = Object.fromEntries(codeSubpaths.map((k) => [stem(k), `src/${stem(k)}.ts`]));
    expect(tsupEntries()).toEqual(expected);
  });
});

describe('jsr.json', () => {
  it('has the package version and a scoped name', () => {
    expect(jsr.version).toBe(pkg.version);
    expect(jsr.name).toMatch(/^@[a-z0-9-]+\/webcare$/);
  });

  it('exports the same subpaths as package.json, pointing at the TypeScript source', () => {
    const expected = Object.fromEntries(codeSubpaths.map((k) => [k, `./src/${stem(k)}.ts`]));
    expect(jsr.exports).toEqual(expected);
  });

  it('resolves `.js` imports to `.ts` the same way deno.json does (moduleResolution bundler)', () => {
    expect(jsr.compilerOptions).toEqual(deno.compilerOptions);
    expect(deno.compilerOptions.moduleResolution).toBe('bundler');
  });
});
