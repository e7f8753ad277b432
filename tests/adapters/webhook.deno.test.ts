import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The webhook's Fetch API handler is meant for Deno.serve and other Fetch runtimes: run it in
// Deno on the same TypeScript source (as hono's runtime tests do), signing with WebCrypto.
const root = resolve(__dirname, '../..');
const deno = join(root, 'node_modules', '.bin', 'deno');

const PROBE = (src: string) => `
import { webhook } from ${JSON.stringify(src)};
const secret = 'deno-secret';
const hook = webhook({ appSecret: secret, verifyToken: 'tok' });
const body = JSON.stringify({ object: 'instagram', entry: [{ id: '1', time: 1763800100, changes: [{ field: 'comments',
  value: { id: 'c1', text: 'Mijn koffer is kwijt', from: { id: 'u1', username: 'sanne' }, media: { id: 'm1' } } }] }] });
const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(body)));
const sig = 'sha256=' + [...mac].map((b) => b.toString(16).padStart(2, '0')).join('');
const post = (s) => hook.fetch(new Request('http://x/hook', { method: 'POST', body,
  headers: { 'content-type': 'application/json', 'x-hub-signature-256': s } }));
const ok = await post(sig);
const bad = await post('sha256=' + '0'.repeat(64));
const ch = await hook.fetch(new Request('http://x/hook?hub.mode=subscribe&hub.verify_token=tok&hub.challenge=99'));
const ctl = new AbortController();
setTimeout(() => ctl.abort(), 20);
const ids = [];
for await (const ev of hook.stream({ signal: ctl.signal })) if (ev.type === 'mention') ids.push(ev.mention.id);
console.log(JSON.stringify({ ok: ok.status, bad: bad.status, challenge: await ch.text(), ids }));
`;

describe('webhook adapter in Deno', () => {
  it('verifies, accepts and rejects through fetch(Request) on the TypeScript source', () => {
    if (!existsSync(deno)) throw new Error('deno is a devDependency and must be installed');
    const dir = mkdtempSync(join(tmpdir(), 'webcare-deno-webhook-'));
    const script = join(dir, 'probe.ts');
    writeFileSync(script, PROBE(join(root, 'src', 'adapters', 'webhook.ts')));
    const r = spawnSync(
      deno,
      ['run', '--quiet', '--unstable-sloppy-imports', '--allow-read', '--config', join(root, 'deno.json'), script],
      { cwd: dir, encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout.trim())).toEqual({ ok: 200, bad: 401, challenge: '99', ids: ['c1'] });
  });
});
