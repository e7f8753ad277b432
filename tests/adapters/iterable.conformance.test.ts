import { WebcareError } from '../../src/errors.js';
import { iterable } from '../../src/adapters/iterable.js';
import { type ConformanceScenario, runConformance } from './conformance.js';

/**
 * The iterable adapter has no wire: the "fake" is an AsyncIterable over the seeds (as mention
 * objects, the seed kept as `raw`) that can carry a malformed record and fail once mid-way, the
 * way a host's own async generator over a queue might.
 */
function records(scenario: ConformanceScenario): unknown[] {
  const out: unknown[] = [];
  scenario.seeds.forEach((seed, i) => {
    if (scenario.malformedBefore === i) out.push({ id: 'bad', text: 42 });
    out.push({ id: seed.key, text: seed.text, createdAt: seed.createdAt, raw: seed });
  });
  return out;
}

runConformance('iterable', {
  capabilities: { rateLimit: false },
  settleMs: 50,
  async start(scenario) {
    const recs = records(scenario);
    const failAt = scenario.dropAfter === undefined ? -1 : scenario.dropAfter;
    return {
      source() {
        let failed = false;
        // Re-iterable (each iterator starts over), and each iterator can fail once and go on.
        const input: AsyncIterable<unknown> = {
          [Symbol.asyncIterator]() {
            let i = 0;
            return {
              async next() {
                if (i === failAt && !failed) {
                  failed = true;
                  throw new WebcareError('SOURCE_FAILED', 'upstream queue went away');
                }
                return i < recs.length ? { value: recs[i++], done: false } : { value: undefined, done: true };
              },
            };
          },
        };
        return iterable(input);
      },
      async close() {},
    };
  },
});
