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
  close(): Promise<void>;
}

/**
 * SET NX on a per-input marker and the XADDs run in one script, so they happen together or not
 * at all: a worker killed between "written" and "acknowledged" leaves a marker, and the worker
 * that gets the entry again writes nothing and escalates nothing a second time.
 * KEYS: marker, output, escalations (optional). ARGV: marker ttl, maxlen ('' = none),
 * escalate ('1'/'0'), then field/value pairs.
 */
const WRITE_ONCE = new LuaScript(`
if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then return 0 end
local fields = {}
for i = 4, #ARGV do fields[#fields + 1] = ARGV[i] end
local function add(key)
  if ARGV[2] == '' then
    redis.call('XADD', key, '*', unpack(fields))
  else
    redis.call('XADD', key, 'MAXLEN', '~', ARGV[2], '*', unpack(fields))
  end
end
add(KEYS[2])
if ARGV[3] == '1' and KEYS[3] then add(KEYS[3]) end
return 1
`);

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

  // The marker shares the output key as prefix, so a `{hash tag}` in it keeps every key of one
  // write in the same Redis Cluster slot.
  const markerKey = (input: InputRef) => `${out}:written:${input.stream ?? ''}:${input.id}`;

  return {
    markerKey,
    async write(assessment: Assessment, input: InputRef): Promise<boolean> {
      const fields: (string | number)[] = ['input', input.id];
      if (input.stream !== undefined) fields.push('stream', input.stream);
      fields.push('priority', assessment.priority);
      for (const [k, v] of Object.entries(input.fields ?? {})) fields.push(k, v);
      fields.push('assessment', JSON.stringify(assessment));
      const keys = esc === undefined ? [markerKey(input), out] : [markerKey(input), out, esc];
      const escalate = esc !== undefined && escalateAt.has(assessment.priority) ? '1' : '0';
      try {
        return (await WRITE_ONCE.run(await conn.client(), keys, [ttl, maxLen, escalate, ...fields])) === 1;
      } catch (e) {
        throw storeError('write of an assessment', e);
      }
    },
    async close(): Promise<void> {
      await conn.release();
    },
  };
}
