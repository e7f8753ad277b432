/**
 * The worker loop (private part of `webcare/adapters/redis-streams`): read through the consumer
 * group, assess, write once, then acknowledge. The scorer is handed in, so this adapter imports
 * only the core's types.
 * @module
 */
import type { WebcareError } from '../errors.js';
import type { SourceMention } from '../source.js';
import type { Assessment, Mention, MentionInput } from '../types.js';
import { checkInt } from './_redis-client.js';
import type { RedisStreamsSink } from './_redis-sink.js';
import type { RedisStreamsSource } from './_redis-source.js';
import type { RedisStore } from './_redis-store.js';

/** Options of {@link runRedisWorker}. */
export interface RedisWorkerOptions {
  /** Where the mentions come from (and where they are acknowledged or failed). */
  source: RedisStreamsSource;
  /** Where the assessments are written, once per input entry. */
  sink: RedisStreamsSink;
  /** The scoring function, e.g. `createScorer({ brand: { names: ['KPN'] } })`. */
  score: (input: MentionInput) => Assessment;
  /** Shared state for dedup and author history; without it neither is done. */
  store?: RedisStore;
  /** Stops reading; the loop finishes the mentions in flight, then resolves. */
  signal: AbortSignal;
  /** Mentions in flight at once (scored, being written or acknowledged). Default 256. */
  concurrency?: number;
  /** Drop a mention whose id was already assessed within this many ms (0 = no dedup). Default 24 h. */
  dedupWindowMs?: number;
  /** Window for counting an author's contacts, written as `contacts`. Default 7 days. */
  repeatWindowMs?: number;
  /** Every failure: malformed entries, scoring or write errors. The loop goes on. */
  onError?: (error: WebcareError | Error, record?: unknown) => void;
  /** Called after each acknowledged mention. */
  onAssessed?: (assessment: Assessment, written: boolean) => void;
}

/** What a worker did. */
export interface RedisWorkerStats {
  /** Mentions assessed and acknowledged. */
  assessed: number;
  /** Of those, how many were already written by an earlier delivery (nothing written twice). */
  alreadyWritten: number;
  /** Mentions dropped as duplicates of an earlier mention id. */
  duplicates: number;
  /** Entries that failed (left pending for a retry, or dead-lettered). */
  failed: number;
}

function authorKey(m: Mention): string | undefined {
  const a = m.author?.id ?? m.author?.handle?.replace(/^@/, '').toLowerCase();
  return a === undefined || a === '' ? undefined : `${m.source ?? 'unknown'}:${a}`;
}

/**
 * Run one worker until `signal` aborts, then drain and resolve its statistics. Every entry is
 * acknowledged only after its assessment is written, so a crash loses nothing: the entry is
 * delivered again (here after a restart, or to another worker via XAUTOCLAIM) and the sink's
 * write-once marker keeps the output free of duplicates.
 *
 * @example
 * ```ts
 * import { createScorer } from 'webcare';
 * import redisStreamsSource, { RedisStore, redisStreamsSink, runRedisWorker } from 'webcare/adapters/redis-streams';
 * const ac = new AbortController();
 * process.once('SIGTERM', () => ac.abort());
 * const stats = await runRedisWorker({
 *   source: redisStreamsSource({ url: 'redis://127.0.0.1:6379', stream: 'mentions', group: 'webcare' }),
 *   sink: redisStreamsSink({ url: 'redis://127.0.0.1:6379', stream: 'assessments', escalations: 'escalations' }),
 *   store: new RedisStore({ url: 'redis://127.0.0.1:6379' }),
 *   score: createScorer({ brand: { names: ['KPN'] } }),
 *   signal: ac.signal,
 * });
 * console.log(stats.assessed);
 * ```
 */
export async function runRedisWorker(options: RedisWorkerOptions): Promise<RedisWorkerStats> {
  const { source, sink, store, score, signal } = options;
  const concurrency = checkInt(options.concurrency, 'concurrency', 256);
  const dedupWindowMs = checkInt(options.dedupWindowMs, 'dedupWindowMs', 24 * 3600 * 1000, 0);
  const repeatWindowMs = checkInt(options.repeatWindowMs, 'repeatWindowMs', 7 * 24 * 3600 * 1000);
  const stats: RedisWorkerStats = { assessed: 0, alreadyWritten: 0, duplicates: 0, failed: 0 };
  const stream = source.info.stream;
  const inflight = new Set<Promise<void>>();

  async function handle(ev: SourceMention): Promise<void> {
    const id = ev.ackId as string;
    const m = ev.mention;
    try {
      if (store !== undefined && dedupWindowMs > 0 && m.id !== undefined) {
        const fresh = await store.markSeenBy(`id:${m.source ?? 'unknown'}:${m.id}`, `${stream}:${id}`, dedupWindowMs);
        if (!fresh) {
          await source.ack(ev);
          stats.duplicates += 1;
          return;
        }
      }
      const fields: Record<string, number> = {};
      const author = authorKey(m);
      if (store !== undefined && author !== undefined) {
        const at = m.createdAt?.getTime() ?? Date.now();
        // The entry id as member: a re-delivered entry is one contact, not two.
        fields.contacts = await store.recordContact(author, at, repeatWindowMs, `${stream}:${id}`);
      }
      const assessment = score(m);
      const written = await sink.write(assessment, { id, stream, fields });
      await source.ack(ev);
      stats.assessed += 1;
      if (!written) stats.alreadyWritten += 1;
      options.onAssessed?.(assessment, written);
    } catch (e) {
      stats.failed += 1;
      options.onError?.(e as Error, { id });
      try {
        await source.fail(ev, e);
      } catch (e2) {
        // Could not even record the failure: the entry stays pending and is claimed again.
        options.onError?.(e2 as Error, { id });
      }
    }
  }

  try {
    for await (const ev of source.stream({ signal })) {
      if (ev.type === 'error') {
        if (ev.record !== undefined) stats.failed += 1;
        options.onError?.(ev.error, ev.record);
        continue;
      }
      const p: Promise<void> = handle(ev).finally(() => inflight.delete(p));
      inflight.add(p);
      if (inflight.size >= concurrency) await Promise.race(inflight);
    }
  } finally {
    await Promise.all(inflight);
  }
  return stats;
}
