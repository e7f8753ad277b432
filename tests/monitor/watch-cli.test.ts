import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// Runs the CLI from source through tsx, so the test does not depend on a fresh build.
const root = resolve(__dirname, '../..');
const main = join(root, 'src', 'cli', 'main.ts');
const nodeArgs = ['--import', 'tsx', main, 'watch'];
const env = { PATH: process.env.PATH ?? '', NO_COLOR: '1' };
const dir = mkdtempSync(join(tmpdir(), 'webcare-watch-'));

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

const FEED = [
  {
    id: '1',
    text: 'Al 3 dagen storing en niemand neemt op. Nooit meer @KPN! Ik stap over en bel Radar',
    author: { followers: 20000 },
  },
  { id: '2', text: 'Dank voor de snelle hulp vandaag' },
  '{"id": "broken"',
  { id: '3', text: 'Wat zijn de openingstijden van de winkel?' },
]
  .map((l) => (typeof l === 'string' ? l : JSON.stringify(l)))
  .join('\n');

describe('webcare watch', () => {
  it('reads a JSON Lines file, prints every mention with --all --json, reports the bad line', () => {
    const file = join(dir, 'feed.jsonl');
    writeFileSync(file, FEED);
    const r = spawnSync(
      process.execPath,
      [...nodeArgs, '--source', 'jsonl', '--file', file, '--all', '--json', '--brand', 'KPN'],
      {
        cwd: root,
        encoding: 'utf8',
        env,
      },
    );
    expect(r.status).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.assessment.mention.id)).toEqual(['1', '2', '3']);
    expect(lines.every((l) => ['mention', 'escalation'].includes(l.type) && l.source === 'jsonl')).toBe(true);
    expect(r.stderr).toContain('Line 3 skipped');
    expect(r.stderr).toContain('3 mentions assessed, 0 dropped, 1 errors');
  });

  it('prints only escalations by default, as triage rows', () => {
    const r = spawnSync(process.execPath, [...nodeArgs, '--source', 'jsonl', '--escalate', 'P1,P2,P3,P4'], {
      cwd: root,
      encoding: 'utf8',
      env,
      input: `${JSON.stringify('Storing in Utrecht, al uren geen internet')}\n`,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ P[1-4] /);
    expect(r.stdout).toContain('Storing in Utrecht');
  });

  it('runs a webhook receiver: a signed POST comes out as a line, Ctrl-C drains and exits 0', async () => {
    const secret = 'cli-secret';
    child = spawn(process.execPath, [...nodeArgs, '--source', 'webhook', '--port', '0', '--all', '--json'], {
      cwd: root,
      env: { ...env, WEBCARE_APP_SECRET: secret },
    });
    const proc = child;
    let stdout = '';
    let stderr = '';
    proc.stdout?.on('data', (d) => (stdout += d));
    const address = await new Promise<string>((resolveAddr, reject) => {
      proc.stderr?.on('data', (d) => {
        stderr += d;
        const m = /listening on (http:\/\/\S+)/.exec(stderr);
        if (m) resolveAddr(m[1] as string);
      });
      proc.once('exit', () => reject(new Error(`exited early: ${stderr}`)));
    });
    const body = JSON.stringify({ id: 'w1', text: 'Mijn pakket is kwijt en niemand helpt' });
    const sig = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    const res = await fetch(address, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': sig },
    });
    expect(res.status).toBe(200);
    const bad = await fetch(address, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=00' },
    });
    expect(bad.status).toBe(401);
    for (let i = 0; i < 200 && !stdout.includes('\n'); i++) await new Promise((r) => setTimeout(r, 10));
    proc.kill('SIGINT');
    const code = await new Promise<number | null>((r) => proc.once('exit', (c) => r(c)));
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.assessment.mention.id)).toEqual(['w1']);
    expect(stderr).toContain('1 mentions assessed');
  });

  it('loads any other adapter by name and hands it the remaining flags as options', () => {
    // The iterable adapter stands in for a platform adapter here: it is loaded by name and
    // rejects the options it got, which proves both the lookup and the pass-through.
    const r = spawnSync(
      process.execPath,
      [...nodeArgs, '--source', 'iterable', '--name', 'x', '--options', '{"input": 5}'],
      {
        cwd: root,
        encoding: 'utf8',
        env,
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('input must be an array, Iterable or AsyncIterable');
  });

  it('resumes from a --state file: a second run prints only what was appended', () => {
    const file = join(dir, 'resume.jsonl');
    const state = join(dir, 'state.json');
    writeFileSync(
      file,
      `${JSON.stringify({ id: 'r1', text: 'eerste bericht' })}\n${JSON.stringify({ id: 'r2', text: 'tweede bericht' })}\n`,
    );
    const run = () =>
      spawnSync(
        process.execPath,
        [...nodeArgs, '--source', 'jsonl', '--file', file, '--all', '--json', '--state', state],
        {
          cwd: root,
          encoding: 'utf8',
          env,
        },
      );
    const first = run();
    expect(first.status).toBe(0);
    expect(
      first.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).assessment.mention.id),
    ).toEqual(['r1', 'r2']);
    appendFileSync(file, `${JSON.stringify({ id: 'r3', text: 'derde bericht' })}\n`);
    const second = run();
    expect(second.status).toBe(0);
    expect(
      second.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).assessment.mention.id),
    ).toEqual(['r3']);
    expect(JSON.parse(readFileSync(state, 'utf8')).checkpoints.jsonl).toBe(
      String(Buffer.byteLength(readFileSync(file))),
    );
  });

  it('explains a missing or unknown source', () => {
    const none = spawnSync(process.execPath, nodeArgs, { cwd: root, encoding: 'utf8', env });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('--source is required');
    const unknown = spawnSync(process.execPath, [...nodeArgs, '--source', 'nosuch'], {
      cwd: root,
      encoding: 'utf8',
      env,
    });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('no adapter named "nosuch"');
    const typo = spawnSync(process.execPath, [...nodeArgs, '--source', 'jsonl', '--fiel', 'x'], {
      cwd: root,
      encoding: 'utf8',
      env,
    });
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('--fiel');
  });
});
