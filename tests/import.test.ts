/**
 * Importing webcare must print nothing, leave process.env alone (natural's root import would run
 * dotenv), open no connection and stay fast. Runs against the BUILT package (dist/), the way a
 * host loads it, in fresh processes whose working directory holds a `.env` file as bait.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..');
const dist = join(root, 'dist');
let cwd: string;

beforeAll(() => {
  if (!existsSync(join(dist, 'index.js'))) {
    const b = spawnSync('npx', ['tsup'], { cwd: root, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
  }
  cwd = mkdtempSync(join(tmpdir(), 'webcare-import-'));
  writeFileSync(join(cwd, '.env'), 'WEBCARE_BAIT_SECRET=leaked\nNODE_ENV=bait\n');
});

// Records any attempt to reach the network while the module loads.
const TRAP = `
const net = require('node:net'); const dns = require('node:dns');
globalThis.__calls = [];
for (const [mod, name] of [[net, 'connect'], [net, 'createConnection'], [dns, 'lookup']]) {
  const orig = mod[name]; mod[name] = (...a) => { globalThis.__calls.push(name); return orig.apply(mod, a); };
}
const origFetch = globalThis.fetch; globalThis.fetch = (...a) => { globalThis.__calls.push('fetch'); return origFetch(...a); };
const before = JSON.stringify(process.env);
`;
const REPORT = `
const after = JSON.stringify(process.env);
process.stderr.write('@@' + JSON.stringify({ envSame: before === after, calls: globalThis.__calls, ms }) + '\\n');
`;

function run(
  code: string,
  type: 'cjs' | 'esm',
): { stdout: string; report: { envSame: boolean; calls: string[]; ms: number } } {
  const file = join(cwd, type === 'cjs' ? 'probe.cjs' : 'probe.mjs');
  writeFileSync(file, code);
  const r = spawnSync(process.execPath, [file], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  const line = r.stderr.split('\n').find((l) => l.startsWith('@@'));
  if (r.status !== 0 || line === undefined) throw new Error(`probe failed: ${r.stderr}`);
  const rest = r.stderr
    .split('\n')
    .filter((l) => !l.startsWith('@@') && l.trim() !== '')
    .join('\n');
  return { stdout: r.stdout + rest, report: JSON.parse(line.slice(2)) };
}

describe('importing webcare', () => {
  it('require() of the CJS build prints nothing, leaves env alone, opens no connection', () => {
    const { stdout, report } = run(
      `${TRAP}
const t0 = performance.now();
const w = require(${JSON.stringify(join(dist, 'index.cjs'))});
if (typeof w.scoreMention !== 'function') throw new Error('no scoreMention');
const ms = performance.now() - t0;
${REPORT}`,
      'cjs',
    );
    expect(stdout).toBe('');
    expect(report.envSame).toBe(true);
    expect(report.calls).toEqual([]);
    console.log(`require('webcare'): ${report.ms.toFixed(1)} ms`);
  });

  it('import() of the ESM build prints nothing, leaves env alone, opens no connection', () => {
    const { stdout, report } = run(
      `import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);
${TRAP}
const t0 = performance.now();
const w = await import(${JSON.stringify(join(dist, 'index.js'))});
w.scoreMention('Al 3 dagen storing');
const ms = performance.now() - t0;
${REPORT}`,
      'esm',
    );
    expect(stdout).toBe('');
    expect(report.envSame).toBe(true);
    expect(report.calls).toEqual([]);
    console.log(`import('webcare') + first call: ${report.ms.toFixed(1)} ms`);
  });

  it('the package resolves by name through its exports map (self-reference)', () => {
    const r = spawnSync(
      process.execPath,
      ['-e', "const w = require('webcare'); process.stdout.write(typeof w.createScorer)"],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(r.stdout).toBe('function');
  });

  it('runs under Deno from the built ESM entry with no permissions at all', () => {
    const deno = join(root, 'node_modules', '.bin', 'deno');
    if (!existsSync(deno)) throw new Error('deno is a devDependency and must be installed');
    const script = join(cwd, 'deno-probe.mjs');
    writeFileSync(
      script,
      `import { scoreMention } from ${JSON.stringify(`file://${join(dist, 'index.js')}`)};
const a = scoreMention('Al 3 keer gebeld, nog steeds geen internet');
console.log(a.language, a.channelFailure.detected);`,
    );
    // The probe lives outside the package, as a user's script would; the package's deno.json
    // (nodeModulesDir: manual) tells Deno to resolve dist's bare imports from node_modules.
    const r = spawnSync(deno, ['run', '--quiet', '--config', join(root, 'deno.json'), script], {
      cwd,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('nl true');
  });
});
