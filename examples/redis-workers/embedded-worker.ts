/**
 * A worker embedded in your own service, instead of the `webcare worker` CLI: the same loop, with
 * your brand configuration and your own hooks. Start as many copies as you like.
 *
 *   npx tsx examples/redis-workers/embedded-worker.ts redis://127.0.0.1:6390 worker-a
 *
 * In your own project import from 'webcare' and 'webcare/adapters/redis-streams' instead of the
 * relative paths.
 */
import redisStreamsSource, { RedisStore, redisStreamsSink, runRedisWorker } from '../../src/adapters/redis-streams.js';
import { createScorer } from '../../src/index.js';

const url = process.argv[2] ?? 'redis://127.0.0.1:6379';
const consumer = process.argv[3] ?? `embedded-${process.pid}`;
const ac = new AbortController();
process.once('SIGTERM', () => ac.abort());
process.once('SIGINT', () => ac.abort());

const source = redisStreamsSource({ url, stream: 'mentions', group: 'webcare', consumer, minIdleMs: 10_000 });
const sink = redisStreamsSink({ url, stream: 'assessments', escalations: 'escalations' });
const store = new RedisStore({ url });
const score = createScorer({
  brand: { names: ['KPN'], handles: ['kpn', 'kpnwebcare'] },
  routing: { disruption: 'noc', billing: 'finance' },
});

let p1 = 0;
const stats = await runRedisWorker({
  source,
  sink,
  store,
  score,
  signal: ac.signal,
  onAssessed: (a, written) => {
    // `written` is false when an earlier delivery already wrote this entry: do side effects once.
    if (written && a.priority === 'P1') p1 += 1;
  },
  onError: (e) => console.error(`${consumer}: ${e.message}`),
});
await Promise.all([source.close(), sink.close(), store.close()]);
console.error(`${consumer}: assessed ${stats.assessed}, of which P1 ${p1}; failed ${stats.failed}`);
