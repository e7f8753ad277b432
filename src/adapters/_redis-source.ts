/**
 * The Redis Streams consumer-group source (private part of `webcare/adapters/redis-streams`).
 * @module
 */
import { hostname } from 'node:os';
import { WebcareError } from '../errors.js';
import { normalizeMention } from '../mention.js';
import type { Source, SourceEvent, SourceMention, StreamOptions } from '../source.js';
import type { Mention } from '../types.js';
import {
  ABANDONED,
  LazyConn,
  LuaScript,
  type RedisConnectionOptions,
  type StreamEntry,
  checkConnection,
  checkInt,
  checkKey,
  connect,
  connectBlocking,
  isDown,
  parseEntries,
  parseReadReply,
  storeError,
  unlessStopped,
} from './_redis-client.js';

/** Options of {@link redisStreamsSource}. */
export interface RedisStreamsSourceOptions extends RedisConnectionOptions {
  /** The input stream key. Default `mentions`. */
  stream?: string;
  /** Consumer group; created at the end of the stream (`$`, with MKSTREAM) when missing. Default `webcare`. */
  group?: string;
  /** Where a new group starts: `$` (only new entries) or `0` (the whole stream). Default `0`. */
  startId?: string;
  /** This consumer's name, unique per worker. Default `<hostname>-<pid>`. */
  consumer?: string;
  /** Entries per read (`COUNT`). Default 100. */
  count?: number;
  /** How long one blocking read waits (`BLOCK`), in ms. Bounds how fast an abort is noticed. Default 1000. */
  blockMs?: number;
  /** An entry pending this long (ms) in another consumer is taken over (`XAUTOCLAIM`). Default 60,000. */
  minIdleMs?: number;
  /** How often to look for such entries, in ms. Default `min(minIdleMs, 5000)`. */
  claimIntervalMs?: number;
  /** Deliveries after which a failing entry goes to the dead-letter stream. Default 3. */
  maxDeliveries?: number;
  /** Dead-letter stream key. Default `<stream>:dead`. */
  deadLetter?: string;
  /** Called when an entry is moved to the dead-letter stream. */
  onDeadLetter?: (info: DeadLetterInfo) => void;
}

/** An entry moved to the dead-letter stream. */
export interface DeadLetterInfo {
  /** Stream id of the entry in the input stream. */
  id: string;
  /** How often the entry was delivered before it was moved. */
  deliveries: number;
  /** The error recorded for its last failed delivery, or `'too many deliveries'` when none was. */
  error: string;
}

/** The Redis Streams source: a {@link Source} plus failure reporting and a view of its settings. */
export interface RedisStreamsSource extends Source {
  /** XACK the entry behind `event` (acks issued in the same tick share one command). */
  ack(event: SourceMention): Promise<void>;
  /** Leave the group if nothing is pending here, then close the connections webcare opened. */
  close(): Promise<void>;
  /** Report that handling `event` failed: the entry stays pending for a retry, or is dead-lettered after `maxDeliveries`. */
  fail(event: SourceMention, error: unknown): Promise<void>;
  /** The resolved key names and consumer (for logs and sinks). */
  readonly info: {
    /** The input stream key. */
    stream: string;
    /** The consumer group. */
    group: string;
    /** This consumer's name. */
    consumer: string;
    /** The dead-letter stream key. */
    deadLetter: string;
    /** Deliveries after which a failing entry is dead-lettered. */
    maxDeliveries: number;
  };
}

interface Inflight {
  fields: Record<string, string>;
  deliveries: number;
}

/** Moves an entry to the dead-letter stream and acknowledges it, atomically and only once. */
const DEAD_LETTER = new LuaScript(`
if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
local err = ARGV[3]
if err == '' then
  err = redis.call('HGET', KEYS[3], ARGV[2]) or '{"code":"SOURCE_FAILED","message":"delivered too often without success (did its worker crash?)"}'
end
redis.call('HDEL', KEYS[3], ARGV[2])
redis.call('XADD', KEYS[2], '*', 'source-id', ARGV[2], 'source-stream', KEYS[1], 'group', ARGV[1],
  'consumer', ARGV[4], 'deliveries', ARGV[5], 'failed-at', ARGV[6], 'error', err, 'entry', ARGV[7])
return 1
`);

function errorJson(error: unknown): string {
  if (error instanceof WebcareError) {
    const o: Record<string, string> = { code: error.code, message: error.message };
    if (error.field !== undefined) o.field = error.field;
    return JSON.stringify(o);
  }
  return JSON.stringify({ code: 'SOURCE_FAILED', message: error instanceof Error ? error.message : String(error) });
}

/**
 * Turn stream entry fields into a mention. `mention` holds JSON (a mention object or a string);
 * a bare `text` field is accepted too, for producers that cannot write JSON.
 */
export function entryToMention(fields: Record<string, string>): Mention {
  const json = fields.mention;
  if (json !== undefined) {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch (e) {
      throw new WebcareError('INVALID_JSON', 'Stream entry field "mention" is not valid JSON', {
        field: 'mention',
        expected: 'a JSON mention object or string',
        received: `${json.length} characters that are not valid JSON`,
        cause: e,
      });
    }
    return normalizeMention(value);
  }
  if (fields.text !== undefined) return { text: fields.text };
  throw new WebcareError('INVALID_MENTION', 'Stream entry has neither a "mention" nor a "text" field', {
    field: 'mention',
    expected: 'a "mention" field with JSON, or a "text" field',
    received: `fields ${Object.keys(fields).slice(0, 5).join(', ') || '(none)'}`,
  });
}

/** Build the source; see {@link RedisStreamsSourceOptions}. */
export function createSource(options: RedisStreamsSourceOptions = {}): RedisStreamsSource {
  checkConnection(options);
  const key = checkKey(options.stream ?? 'mentions', 'stream');
  const group = checkKey(options.group ?? 'webcare', 'group');
  const consumer = checkKey(options.consumer ?? `${hostname()}-${process.pid}`, 'consumer');
  const startId = checkKey(options.startId ?? '0', 'startId');
  const count = checkInt(options.count, 'count', 100);
  const blockMs = checkInt(options.blockMs, 'blockMs', 1000);
  const minIdleMs = checkInt(options.minIdleMs, 'minIdleMs', 60_000);
  const claimIntervalMs = checkInt(options.claimIntervalMs, 'claimIntervalMs', Math.min(minIdleMs, 5000));
  const maxDeliveries = checkInt(options.maxDeliveries, 'maxDeliveries', 3);
  const deadLetter = checkKey(options.deadLetter ?? `${key}:dead`, 'deadLetter');
  const errorsKey = `${key}:${group}:errors`;

  const main = new LazyConn(() => connect(options));
  const blocking = new LazyConn(() => connectBlocking(options));
  const inflight = new Map<string, Inflight>();
  // Acks issued in the same tick go out as one XACK with many ids.
  let ackBatch: { ids: string[]; done: Promise<void> } | undefined;

  const cmd = () => main.client();

  async function deadLetterEntry(id: string, fields: Record<string, string>, deliveries: number, error: string) {
    const c = await cmd();
    const moved = await DEAD_LETTER.run(
      c,
      [key, deadLetter, errorsKey],
      [group, id, error, consumer, deliveries, new Date().toISOString(), JSON.stringify(fields)],
    );
    if (moved === 1) options.onDeadLetter?.({ id, deliveries, error: error === '' ? 'too many deliveries' : error });
  }

  async function failEntry(id: string, fields: Record<string, string>, deliveries: number, error: unknown) {
    inflight.delete(id);
    const text = errorJson(error);
    if (deliveries >= maxDeliveries) {
      await deadLetterEntry(id, fields, deliveries, text);
    } else {
      // Left pending: XAUTOCLAIM hands it to a worker again after minIdleMs; the dead-letter
      // record will carry this error if every retry fails.
      await (await cmd()).call('HSET', errorsKey, id, text);
    }
  }

  async function deliveryCounts(entries: StreamEntry[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    const first = entries[0];
    const last = entries[entries.length - 1];
    if (first === undefined || last === undefined) return counts;
    // Extended XPENDING: [id, consumer, idle ms, times delivered] per pending entry of ours, by
    // pages: our pending entries in the range are more than these (the ones being handled here,
    // those left pending after a failure), so one page of entries.length could miss some.
    const wanted = new Set(entries.map((e) => e.id));
    const page = Math.max(100, entries.length);
    let from = first.id;
    for (;;) {
      const rows = await (await cmd()).call('XPENDING', key, group, from, last.id, page, consumer);
      if (!Array.isArray(rows)) break;
      let lastId = '';
      for (const r of rows) {
        if (!Array.isArray(r)) continue;
        lastId = String(r[0]);
        if (wanted.has(lastId)) counts.set(lastId, Number(r[3]));
      }
      if (rows.length < page || counts.size === wanted.size || lastId === '') break;
      from = `(${lastId}`;
    }
    return counts;
  }

  async function* deliver(
    entries: StreamEntry[],
    counts: Map<string, number> | undefined,
  ): AsyncGenerator<SourceEvent> {
    for (const { id, fields } of entries) {
      if (fields === null) {
        // Trimmed or deleted after it was delivered: nothing left to process.
        await (await cmd()).call('XACK', key, group, id);
        continue;
      }
      if (counts !== undefined && inflight.has(id)) continue; // already being handled here
      const deliveries = counts?.get(id) ?? 1;
      if (counts !== undefined && !counts.has(id)) continue; // acked by its old owner meanwhile
      if (deliveries > maxDeliveries) {
        await deadLetterEntry(id, fields, deliveries, '');
        continue;
      }
      let mention: Mention;
      try {
        mention = entryToMention(fields);
      } catch (e) {
        const error = e instanceof WebcareError ? e : new WebcareError('INVALID_MENTION', 'Invalid stream entry');
        await failEntry(id, fields, deliveries, error);
        yield { type: 'error', error, record: { id, fields } };
        continue;
      }
      if (mention.source === undefined) mention.source = 'redis-streams';
      inflight.set(id, { fields, deliveries });
      yield { type: 'mention', mention, ackId: id };
    }
  }

  async function ensureGroup(): Promise<void> {
    try {
      await (await cmd()).call('XGROUP', 'CREATE', key, group, startId, 'MKSTREAM');
    } catch (e) {
      if (!String((e as Error)?.message).includes('BUSYGROUP')) throw storeError('XGROUP CREATE', e);
    }
  }

  async function* stream({ signal }: StreamOptions): AsyncGenerator<SourceEvent> {
    const c = await cmd();
    if ((await unlessStopped(ensureGroup(), c, signal)) === ABANDONED) return;
    // 1. After a restart under the same name, our own pending entries come first (ID 0 = history).
    let from = '0';
    while (!signal.aborted) {
      const history = await unlessStopped(
        c.call('XREADGROUP', 'GROUP', group, consumer, 'COUNT', count, 'STREAMS', key, from),
        c,
        signal,
      );
      if (history === ABANDONED) return;
      const entries = parseReadReply(history);
      const last = entries[entries.length - 1];
      if (last === undefined) break;
      from = last.id;
      yield* deliver(entries, await deliveryCounts(entries));
    }
    const reader = await blocking.client();
    let claimCursor = '0-0';
    let nextClaim = 0;
    while (!signal.aborted) {
      let entries: StreamEntry[];
      let counts: Map<string, number> | undefined;
      try {
        entries = [];
        // 2. Take over entries another (dead or stuck) consumer left pending too long.
        if (Date.now() >= nextClaim) {
          const reply = await unlessStopped(
            c.call('XAUTOCLAIM', key, group, consumer, minIdleMs, claimCursor, 'COUNT', count),
            c,
            signal,
          );
          if (reply === ABANDONED) return;
          claimCursor = Array.isArray(reply) ? String(reply[0]) : '0-0';
          // Keep claiming without a pause while a scan of the pending list is mid-way.
          nextClaim = claimCursor === '0-0' ? Date.now() + claimIntervalMs : 0;
          // Entries being handled here right now (scored, written or acknowledged) are claimed
          // too once they are older than minIdleMs; they are dropped now, on the reply: an
          // acknowledgement may land while the rest of the batch is handed out, and a check
          // made then would see the entry gone from the in-flight list and score it again.
          entries = Array.isArray(reply) ? parseEntries(reply[1]).filter((e) => !inflight.has(e.id)) : [];
          if (entries.length > 0) counts = await deliveryCounts(entries);
        }
        // 3. New entries (each delivered for the first time).
        if (entries.length === 0) {
          const wait = Math.min(blockMs, claimIntervalMs);
          const reply = await unlessStopped(
            reader.call('XREADGROUP', 'GROUP', group, consumer, 'COUNT', count, 'BLOCK', wait, 'STREAMS', key, '>'),
            reader,
            signal,
          );
          if (reply === ABANDONED) return;
          entries = parseReadReply(reply);
        }
      } catch (e) {
        const error = storeError('read from the stream', e);
        yield { type: 'error', error };
        if (String((e as Error)?.message).includes('NOGROUP')) await ensureGroup().catch(() => undefined);
        else await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      // Entries read are already ours (pending): hand them out even when aborted meanwhile.
      yield* deliver(entries, counts);
    }
  }

  function flushAcks(): Promise<void> {
    if (ackBatch !== undefined) return ackBatch.done;
    const batch: { ids: string[]; done: Promise<void> } = { ids: [], done: Promise.resolve() };
    batch.done = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      ackBatch = undefined;
      await (await cmd()).call('XACK', key, group, ...batch.ids);
    });
    ackBatch = batch;
    return batch.done;
  }

  return {
    name: 'redis-streams',
    info: { stream: key, group, consumer, deadLetter, maxDeliveries },
    stream,
    async ack(event: SourceMention): Promise<void> {
      const id = event.ackId;
      if (id === undefined) return;
      const state = inflight.get(id);
      const done = flushAcks();
      ackBatch?.ids.push(id);
      // Still ours until the XACK has landed: a claim scan that reads the entry before that
      // must not hand it out again (it would be scored twice).
      try {
        await done;
      } finally {
        inflight.delete(id);
      }
      // Only an entry that failed before (so was delivered more than once) can have a stored error.
      if (state !== undefined && state.deliveries > 1) await (await cmd()).call('HDEL', errorsKey, id);
    },
    async fail(event: SourceMention, error: unknown): Promise<void> {
      const id = event.ackId;
      if (id === undefined) return;
      const state = inflight.get(id);
      if (state === undefined) return;
      await failEntry(id, state.fields, state.deliveries, error);
    },
    async close(): Promise<void> {
      if (ackBatch !== undefined) await ackBatch.done;
      try {
        // A consumer with nothing pending leaves the group, so per-process names do not pile up.
        const c = main.opened ? await cmd() : undefined;
        // Not while Redis is down: the commands would wait for it to come back.
        if (c !== undefined && !isDown(c)) {
          const mine = await c.call('XPENDING', key, group, '-', '+', 1, consumer);
          if (Array.isArray(mine) && mine.length === 0) await c.call('XGROUP', 'DELCONSUMER', key, group, consumer);
        }
      } catch {
        // Best effort: a consumer left behind is harmless.
      }
      await blocking.release();
      await main.release();
    },
  };
}
