import { existsSync, readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

// Entries come from package.json's exports map, so the two cannot disagree
// (tests/package.test.ts checks jsr.json against the same map).
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { exports: Record<string, unknown> };
const entry: Record<string, string> = { index: 'src/index.ts' };
for (const key of Object.keys(pkg.exports)) {
  if (!key.startsWith('./adapters/')) continue;
  const name = key.slice(2);
  const file = `src/${name}.ts`;
  if (existsSync(file)) entry[name] = file;
}

export default defineConfig([
  {
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    target: 'node20',
    platform: 'node',
    clean: true,
    splitting: true,
    sourcemap: false,
    treeshake: true,
  },
  {
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
    sourcemap: false,
  },
]);
