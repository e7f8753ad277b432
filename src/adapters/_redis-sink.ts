/**
 * The idempotent assessment sink (private part of `webcare/adapters/redis-streams`).
 * @module
 */
import { invalidConfig } from '../errors.js';
import type { Assessment, Priority } from '../types.js';
import {
  LazyConn,
  LuaScript,
  type RedisConnectionOptions,
  checkConnection,
  checkInt,
  checkKey,
  connect,
  storeError,
} from './_redis-client.js';

/** Options of {@link redisStreamsSink}. */
export interface RedisStreamsSinkOptions extends RedisConnectionOptions {
  /** Output stream for every assessment. Default `assessments`. */
  stream?: string;
  /** Stream for escalations (the priorities in `escalateAt`); none when omitted. */
  escalations?: string;
  /** Priorities that also go to `escalations`. Default `['P1', 'P2']`. */
  escalateAt?: Priority[];
  /**
   * How long the "already written" marker of an input entry lives, in ms. A re-delivery later
   * than this would write a second assessment. Default 7 days.
   */
  markerTtlMs?: number;
  /** Trim the output streams to about this many entries (`MAXLEN ~`). Default: no trimming. */
  maxLen?: number;
}

/** Where an assessment came from: the input entry it answers. */
export interface InputRef {
  /** The input stream entry id (the idempotency key). */
  id: string;
  /** The input stream key, written to the output and part of the marker key. */
  stream?: string;
  /** Extra string fields to write with the assessment (e.g. `contacts`). */
  fields?: Record<string, string | number>;
}

/** A sink writing assessments to Redis streams, once per input entry. */
export interface RedisStreamsSink {
  /** Write one assessment; resolves `false` when this input entry was already written (nothing written). */
  write(assessment: Assessment, input: InputRef): Promise<boolean>;
  /** The marker key that records `input` as written (for inspection and tests). */
  markerKey(input: InputRef): string;
  /** Flush the writes queued in this tick, then close the connection if webcare opened it. */
  close(): Promise<void>;
}

/**
 * SET NX on a per-input marker and the XADDs run in one script, so they happen together or not
 * at all: a worker killed between "written" and "acknowledged" leaves a marker, and the worker
 * that gets the entry again writes nothing and escalates nothing a second time. One call writes
 * a batch (the writes issued in the same tick), which saves a round trip and a command per
 * mention; the script still decides item by item.
 * KEYS: output, escalations (or the output again), one marker per item.
 * ARGV: marker ttl, maxlen ('' = none), then per item: escalate ('1'/'0'), field count, fields.
 * Returns one 1 (written) or 0 (already written) per item.
 */
const WRITE_ONCE = new LuaScript(`
local function add(key, fields)
  if ARGV[2] == '' then
    redis.call('XADD', key, '*', unpack(fields))
  else
    redis.call('XADD', key, 'MAXLEN', '~', ARGV[2], '*', unpack(fields))
  end
end
local res = {}
local i = 3
local k = 3
while i <= #ARGV do
  local escalate = ARGV[i]
  local n = tonumber(ARGV[i + 1])
  local fields = {}
  for j = 1, n do fields[j] = ARGV[i + 1 + j] end
  i = i + 2 + n
  if redis.call('SET', KEYS[k], '1', 'NX', 'PX', ARGV[1]) then
    add(KEYS[1], fields)
    if escalate == '1' then add(KEYS[2], fields) end
    res[#res + 1] = 1
  else
    res[#res + 1] = 0
  end
  k = k + 1
end
return res
`);

/** Most writes per script call: bounds how long one call holds the server. */
const MAX_BATCH = 200;

interface Pending {
  marker: string;
  escalate: '1' | '0';
  fields: (string | number)[];
  resolve(written: boolean): void;
  reject(e: unknown): void;
}

const PRIORITIES = new Set(['P1', 'P2', 'P3', 'P4']);

/** Build the sink; see {@link RedisStreamsSinkOptions}. */
export function createSink(options: RedisStreamsSinkOptions = {}): RedisStreamsSink {
  checkConnection(options);
  const out = checkKey(options.stream ?? 'assessments', 'stream');
  const esc = options.escalations === undefined ? undefined : checkKey(options.escalations, 'escalations');
  const escalateAt = new Set<string>(options.escalateAt ?? ['P1', 'P2']);
  for (const p of escalateAt) if (!PRIORITIES.has(p)) throw invalidConfig('escalateAt', 'a list of P1, P2, P3, P4', p);
  const ttl = checkInt(options.markerTtlMs, 'markerTtlMs', 7 * 24 * 3600 * 1000);
  const maxLen = options.maxLen === undefined ? '' : String(checkInt(options.maxLen, 'maxLen', 1));
  const conn = new LazyConn(() => connect(options));
  let queue: Pending[] = [];
  let scheduled = false;

  // The marker shares the output key as prefix, so a `{hash tag}` in it keeps every key of one
  // write in the same Redis Cluster slot.
  const markerKey = (input: InputRef) => `${out}:written:${input.stream ?? ''}:${input.id}`;

  async function send(items: Pending[]): Promise<void> {
    const keys = [out, esc ?? out];
    const args: (string | number)[] = [ttl, maxLen];
    for (const it of items) {
      keys.push(it.marker);
      args.push(it.escalate, it.fields.length, ...it.fields);
    }
    try {
      const res = await WRITE_ONCE.run(await conn.client(), keys, args);
      const flags = Array.isArray(res) ? res : [];
      for (const [i, it] of items.entries()) it.resolve(Number(flags[i]) === 1);
    } catch (e) {
      const err = storeError('write of assessments', e);
      for (const it of items) it.reject(err);
    }
  }

  function flush(): void {
    scheduled = false;
    const items = queue;
    queue = [];
    for (let i = 0; i < items.length; i += MAX_BATCH) void send(items.slice(i, i + MAX_BATCH));
  }

  return {
    markerKey,
    write(assessment: Assessment, input: InputRef): Promise<boolean> {
      const fields: (string | number)[] = ['input', input.id];
      if (input.stream !== undefined) fields.push('stream', input.stream);
      fields.push('priority', assessment.priority);
      for (const [k, v] of Object.entries(input.fields ?? {})) fields.push(k, v);
      fields.push('assessment', JSON.stringify(assessment));
      const escalate = esc !== undefined && escalateAt.has(assessment.priority) ? '1' : '0';
      return new Promise<boolean>((resolve, reject) => {
        queue.push({ marker: markerKey(input), escalate, fields, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    async close(): Promise<void> {
      if (queue.length > 0) flush();
      await conn.release();
    },
  };
}
