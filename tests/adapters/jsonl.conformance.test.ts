import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { jsonl } from '../../src/adapters/jsonl.js';
import { type ConformanceScenario, runConformance } from './conformance.js';

/**
 * JSON Lines has no server: the "wire" is a file (read once, or followed) or a stream. A dropped
 * connection is a stream that breaks mid-way (a pipe from another process dying); the adapter
 * resumes by reopening it and skipping the bytes it had read.
 */
const dir = mkdtempSync(join(tmpdir(), 'webcare-jsonl-cf-'));
let n = 0;

function lines(scenario: ConformanceScenario): string[] {
  const out: string[] = [];
  scenario.seeds.forEach((seed, i) => {
    if (scenario.malformedBefore === i) out.push('{"id": "bad", "text": ');
    out.push(JSON.stringify({ id: seed.key, text: seed.text, createdAt: seed.createdAt }));
  });
  return out;
}

for (const follow of [false, true]) {
  runConformance(follow ? 'jsonl (follow)' : 'jsonl', {
    sourceName: 'jsonl',
    capabilities: { rateLimit: false },
    settleMs: follow ? 150 : 50,
    async start(scenario) {
      const all = lines(scenario);
      const content = all.map((l) => `${l}\n`).join('');
      const file = join(dir, `cf${n++}.jsonl`);
      writeFileSync(file, content);
      if (scenario.dropAfter === undefined) {
        return { source: () => jsonl({ file, follow, pollIntervalMs: 20 }), close: async () => {} };
      }
      // A pipe that breaks once, after `dropAfter` lines.
      let opened = 0;
      const head = all
        .slice(0, scenario.dropAfter)
        .map((l) => `${l}\n`)
        .join('');
      const open = () => {
        const first = opened++ === 0;
        return Readable.from(
          (async function* () {
            if (!first) {
              yield Buffer.from(content);
              return;
            }
            yield Buffer.from(head);
            throw new Error('EPIPE: the writer went away');
          })(),
        );
      };
      return { source: () => jsonl({ input: open }), close: async () => {} };
    },
  });
}
