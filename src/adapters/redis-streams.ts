/**
 * `webcare/adapters/redis-streams`: scale-out on Redis Streams consumer groups.
 *
 * - the default export, {@link redisStreamsSource}, reads a stream through a consumer group,
 *   acknowledges an entry only after its assessment is written, takes over entries a dead worker
 *   left pending (`XAUTOCLAIM`) and moves entries that keep failing to a dead-letter stream;
 * - {@link redisStreamsSink} writes each assessment once per input entry (and escalations to
 *   their own stream), however often the entry is delivered;
 * - {@link RedisStore} is a {@link StateStore} shared by all workers;
 * - {@link runRedisWorker} ties them together (what `webcare worker` runs).
 *
 * Input entries carry a field `mention` holding JSON: a mention object (`{"text": ..., "id": ...,
 * "author": {...}}`, as `normalizeMention` accepts) or a JSON string. A bare `text` field also
 * works. ioredis is loaded lazily on first use; pass `redis` (a client) or `lib` to bring your own.
 * @module
 */
import { type RedisStreamsSource, type RedisStreamsSourceOptions, createSource } from './_redis-source.js';

export { entryToMention } from './_redis-source.js';
export type { DeadLetterInfo, RedisStreamsSource, RedisStreamsSourceOptions } from './_redis-source.js';
export type { RedisConnectionOptions, RedisLib, RedisLike } from './_redis-client.js';
export { RedisStore } from './_redis-store.js';
export type { RedisStoreOptions } from './_redis-store.js';
export { runRedisWorker } from './_redis-worker.js';
export type { RedisWorkerOptions, RedisWorkerStats } from './_redis-worker.js';
export type { InputRef, RedisStreamsSink, RedisStreamsSinkOptions } from './_redis-sink.js';
import { type RedisStreamsSink, type RedisStreamsSinkOptions, createSink } from './_redis-sink.js';
import type { StateStore } from '../monitor/store.js';

/**
 * A source reading a Redis stream through a consumer group. Options are validated here; the
 * connection opens on the first read.
 *
 * @example
 * ```ts
 * import redisStreamsSource from 'webcare/adapters/redis-streams';
 * const source = redisStreamsSource({ url: 'redis://127.0.0.1:6379', stream: 'mentions', group: 'webcare' });
 * const ac = new AbortController();
 * for await (const ev of source.stream({ signal: ac.signal })) {
 *   if (ev.type === 'mention') {
 *     console.log(ev.mention.text);
 *     await source.ack(ev); // only once the result is safely written
 *   }
 * }
 * await source.close();
 * ```
 */
export default function redisStreamsSource(options: RedisStreamsSourceOptions = {}): RedisStreamsSource {
  return createSource(options);
}

export { redisStreamsSource };

/**
 * A sink writing assessments to an output stream, at most once per input entry: a `SET NX`
 * marker (`<stream>:written:<input stream>:<entry id>`) and the `XADD`s run in one Lua script,
 * so a re-delivered entry writes no second assessment and no second escalation.
 *
 * @example
 * ```ts
 * import { scoreMention } from 'webcare';
 * import { redisStreamsSink } from 'webcare/adapters/redis-streams';
 * const sink = redisStreamsSink({ url: 'redis://127.0.0.1:6379', stream: 'assessments', escalations: 'escalations' });
 * const a = scoreMention('Al 3 dagen storing @KPN');
 * await sink.write(a, { id: '1700000000000-0', stream: 'mentions' }); // true
 * await sink.write(a, { id: '1700000000000-0', stream: 'mentions' }); // false: already written
 * await sink.close();
 * ```
 */
export function redisStreamsSink(options: RedisStreamsSinkOptions = {}): RedisStreamsSink {
  return createSink(options);
}

/** The store interface {@link RedisStore} implements, re-exported for convenience. */
export type { StateStore };
