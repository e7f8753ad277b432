/**
 * examples/crm-webhook.ts, run as a user runs it (tsx, environment variables), on a free port on
 * 127.0.0.1: signed Meta webhooks open and link cases in the JSON file, a bad signature gets 401,
 * and the file holds no personal data in clear. (The example is type-checked by `tsc -p .`:
 * `examples` is in tsconfig's include.)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { CrmFile } from '../../examples/crm-webhook.js';
import { createScorer } from '../../src/index.js';

const root = resolve(__dirname, '../..');
const SECRET = 'test-app-secret';
let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

let seq = 0;
function pageComment(authorId: string, name: string, message: string): string {
  seq++;
  return JSON.stringify({
    object: 'page',
    entry: [
      {
        id: '104000000000001',
        time: Math.floor(Date.now() / 1000),
        changes: [
          {
            field: 'feed',
            value: {
              from: { id: authorId, name },
              post_id: '104000000000001_900',
              comment_id: `900_${seq}`,
              created_time: Math.floor(Date.now() / 1000),
              item: 'comment',
              parent_id: '104000000000001_900',
              verb: 'add',
              message,
            },
          },
        ],
      },
    ],
  });
}

function instagramComment(userId: string, username: string, text: string): string {
  seq++;
  return JSON.stringify({
    object: 'instagram',
    entry: [
      {
        id: '17841400000000001',
        time: Math.floor(Date.now() / 1000),
        changes: [
          {
            field: 'comments',
            value: { from: { id: userId, username }, media: { id: '18000000000000009' }, id: `1790000000${seq}`, text },
          },
        ],
      },
    ],
  });
}

async function start(casesFile: string): Promise<string> {
  const proc = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'examples/crm-webhook.ts')], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      WEBCARE_APP_SECRET: SECRET,
      WEBCARE_VERIFY_TOKEN: 'verify-me',
      PORT: '0',
      HOST: '127.0.0.1',
      CASES_FILE: casesFile,
      BRAND: 'Ziggo',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let out = '';
  let err = '';
  proc.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  return new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line; stderr: ${err}`)), 30_000);
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m !== null) {
        clearTimeout(timer);
        resolveUrl(m[1] as string);
      }
    });
    proc.once('exit', (code) => reject(new Error(`exited with ${code}: ${err}`)));
  });
}

async function post(url: string, body: string, signature = sign(body)): Promise<number> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
    body,
  });
  await res.text();
  return res.status;
}

const read = (file: string): CrmFile =>
  existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as CrmFile) : { cases: [] };

async function until(file: string, ok: (crm: CrmFile) => boolean): Promise<CrmFile> {
  for (let i = 0; i < 200; i++) {
    const crm = read(file);
    if (ok(crm)) return crm;
    await delay(50);
  }
  throw new Error(`timed out; file: ${JSON.stringify(read(file))}`);
}

// The first complaint of Marieke: channel failure, an order number, a phone number, a threat to leave.
const FIRST =
  'Al 3 keer gebeld over ordernummer 55667788, al twee weken geen internet en niemand neemt op. Schande @Ziggo, ik stap over! Bel me op 06-12345678';
// Someone else (her partner, on Instagram) about the same order.
const SAME_ORDER = 'Wij wachten ook nog steeds, bestelnummer 55667788. Waarom reageren jullie niet?';
// Marieke again, a day later, calmer.
const AGAIN = 'Nog steeds niks gehoord. Wanneer komt de monteur?';
const THANKS = 'Dank jullie wel voor de snelle hulp gisteren, alles werkt weer!';
// A stranger with an outage and a plate, nothing in common with Marieke.
const OTHER =
  'Monteur zou vandaag komen, niemand gekomen, drie keer gebeld en nog steeds geen internet. Ik werk thuis! Zijn bus 12-ABC-3 stond gewoon in de straat. Schande @Ziggo';

describe('examples/crm-webhook.ts', () => {
  it('opens a case per P1/P2, links repeat contacts by author and by identifier, rejects a bad signature', async () => {
    // Precondition: the scorer treats the two complaints as escalations and the thanks as not.
    const score = createScorer({ brand: { names: ['Ziggo'], handles: ['ziggo'] } });
    for (const t of [FIRST, OTHER]) expect(['P1', 'P2']).toContain(score(t).priority);
    expect(['P1', 'P2']).not.toContain(score(THANKS).priority);

    const dir = mkdtempSync(join(tmpdir(), 'webcare-crm-'));
    const file = join(dir, 'cases.json');
    const url = await start(file);

    // Meta's GET challenge.
    const challenge = await fetch(`${url}?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=42`);
    expect(await challenge.text()).toBe('42');

    expect(await post(url, pageComment('7100000000000001', 'Marieke de Vries', FIRST))).toBe(200);
    await until(file, (c) => c.cases.length === 1);
    expect(await post(url, instagramComment('23000000000000001', 'tom.reist', SAME_ORDER))).toBe(200);
    await until(file, (c) => c.cases[0]?.contacts.length === 2);
    expect(await post(url, pageComment('7100000000000001', 'Marieke de Vries', AGAIN))).toBe(200);
    await until(file, (c) => c.cases[0]?.contacts.length === 3);
    expect(await post(url, pageComment('7100000000000099', 'Kees', THANKS))).toBe(200);
    // A forged request: signed with the wrong secret. Nothing of it may arrive.
    const forged = pageComment('7100000000000666', 'Mallory', `ZEBRASTREEPJE ${FIRST}`);
    expect(await post(url, forged, sign(forged, 'wrong-secret'))).toBe(401);
    expect(await post(url, forged, 'sha256=00')).toBe(401);
    expect(await post(url, pageComment('7100000000000077', 'Ans', OTHER))).toBe(200);
    await until(file, (c) => c.cases.length === 2);

    // Stop: the example drains the monitor and writes the file before it exits.
    const exited = new Promise<number | null>((r) => child?.once('exit', (code) => r(code)));
    child?.kill('SIGTERM');
    expect(await exited).toBe(0);
    child = undefined;

    const crm = read(file);
    expect(crm.cases).toHaveLength(2);
    const [first, second] = crm.cases;
    expect(first?.authors).toEqual(['facebook:7100000000000001', 'instagram:23000000000000001']);
    expect(first?.contacts.map((c) => c.linkedBy)).toEqual(['opened', 'identifier', 'author']);
    expect(first?.channelFailure).toBe(true);
    expect(first?.identifierTypes).toEqual(expect.arrayContaining(['order', 'phone']));
    expect(['P1', 'P2']).toContain(first?.priority);
    expect(first?.contacts[0]?.reasons.some((r) => r.includes('called 3 times'))).toBe(true);
    expect(second?.authors).toEqual(['facebook:7100000000000077']);
    expect(second?.contacts).toHaveLength(1);
    expect(second?.identifierTypes).toEqual(['licence-plate']);
    expect(crm.cases.some((c) => c.authors.includes('facebook:7100000000000099'))).toBe(false);

    // Stored text is redacted; identifiers are only kept as hashes.
    const raw = readFileSync(file, 'utf8');
    for (const pii of ['55667788', '06-12345678', '+31612345678', '12-ABC-3', 'ZEBRASTREEPJE']) {
      expect(raw).not.toContain(pii);
    }
    expect(first?.contacts[0]?.text).toContain('ordernummer [order]');
    expect(first?.contacts[0]?.text).toContain('[phone]');
    expect(first?.identifierKeys.every((k) => /^[0-9a-f]{24}$/.test(k))).toBe(true);
  }, 60_000);
});
