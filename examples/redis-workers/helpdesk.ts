/**
 * The other end: a helpdesk that opens one case per escalation. It reads the `escalations` stream
 * through its own consumer group, so it too survives restarts without losing or repeating cases
 * (it acknowledges a case only after "creating" it; a real helpdesk would make case creation
 * idempotent on the `input` field, the id of the mention's entry).
 *
 *   npx tsx examples/redis-workers/helpdesk.ts redis://127.0.0.1:6390
 */
import { Redis } from 'ioredis';
import type { Assessment } from '../../src/index.js';

const r = new Redis(process.argv[2] ?? 'redis://127.0.0.1:6379');
const ac = new AbortController();
process.once('SIGTERM', () => ac.abort());
process.once('SIGINT', () => ac.abort());
await r.call('XGROUP', 'CREATE', 'escalations', 'helpdesk', '0', 'MKSTREAM').catch(() => undefined);

let cases = 0;
while (!ac.signal.aborted) {
  let reply: unknown[] | null;
  try {
    reply = (await r.call(
      'XREADGROUP',
      'GROUP',
      'helpdesk',
      'desk-1',
      'COUNT',
      100,
      'BLOCK',
      1000,
      'STREAMS',
      'escalations',
      '>',
    )) as unknown[] | null;
  } catch (e) {
    if (ac.signal.aborted) break;
    throw e;
  }
  // ioredis answers RESP3 maps flattened: [key, entries].
  const entries = (reply?.[1] ?? []) as [string, string[]][];
  for (const [id, list] of entries) {
    const fields = Object.fromEntries(list.flatMap((v, i) => (i % 2 === 0 ? [[v, list[i + 1]]] : [])));
    const a = JSON.parse(fields.assessment ?? '{}') as Assessment;
    cases += 1;
    console.log(
      `case #${cases} ${a.priority} within ${a.respondWithinMinutes} min → ${a.team ?? 'webcare'}: ${a.mention.text.slice(0, 70)} (entry ${fields.input})`,
    );
    await r.xack('escalations', 'helpdesk', id);
  }
}
r.disconnect();
