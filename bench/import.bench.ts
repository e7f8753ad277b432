/**
 * Cold start: time of `import('webcare')` from the built package (dist/) in a fresh Node
 * process, and of the first `scoreMention` call (which decodes the model and builds the word
 * table of the mention's language), beside the peers' import time. Median of 5 fresh processes.
 * Needs `npm run build` first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url);
if (!existsSync(new URL('dist/index.js', root))) {
  console.log('dist/index.js is missing: run `npm run build` first');
  process.exit(1);
}

function fresh(code: string): Record<string, number> {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as Record<string, number>;
}

const ours = `
const t0 = performance.now();
const m = await import('webcare');
const t1 = performance.now();
m.scoreMention('Al 3 dagen storing en niemand neemt op. Nooit meer @KPN!');
const t2 = performance.now();
m.scoreMention('@united lost my bag again, two hours on hold');
const t3 = performance.now();
console.log(JSON.stringify({ import: t1 - t0, first: t2 - t1, secondLanguage: t3 - t2 }));`;

const peer = (name: string, call: string) => `
import { createRequire } from 'node:module';
const require = createRequire(process.cwd() + '/');
const t0 = performance.now();
const m = require('${name}');
const t1 = performance.now();
${call};
const t2 = performance.now();
console.log(JSON.stringify({ import: t1 - t0, first: t2 - t1 }));`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
function measure(code: string): Record<string, number> {
  const runs = Array.from({ length: 5 }, () => fresh(code));
  const out: Record<string, number> = {};
  for (const k of Object.keys(runs[0] ?? {})) out[k] = median(runs.map((r) => r[k] as number));
  return out;
}

const w = measure(ours);
console.log(
  `webcare: import ${w.import?.toFixed(1)} ms + first call ${w.first?.toFixed(1)} ms = ${((w.import ?? 0) + (w.first ?? 0)).toFixed(1)} ms (goal < 150 ms); first call in the other language ${w.secondLanguage?.toFixed(1)} ms`,
);
for (const [name, call] of [
  ['sentiment', "new m().analyze('this is great')"],
  ['wink-sentiment', "m('this is great')"],
  ['vader-sentiment', "m.SentimentIntensityAnalyzer.polarity_scores('this is great')"],
] as const) {
  const p = measure(peer(name, call));
  console.log(`${name}: import ${p.import?.toFixed(1)} ms + first call ${p.first?.toFixed(1)} ms`);
}
