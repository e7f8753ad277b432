/**
 * `npm run bench`: runs every `bench/*.bench.ts` in name order, each in its own process so one
 * benchmark's heap and JIT state cannot colour the next. `npm run bench -- score` runs only the
 * files whose name contains "score".
 */
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { readdirSync } from 'node:fs';

const filter = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort();
const cpu = cpus()[0];
console.log(
  `machine: ${cpu?.model ?? 'unknown cpu'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
);
let failed = 0;
for (const f of files) {
  console.log(`\n## ${f}`);
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', `bench/${f}`, ...process.argv.slice(2).filter((a) => a.startsWith('-'))],
    {
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) failed += 1;
}
process.exit(failed > 0 ? 1 : 0);
