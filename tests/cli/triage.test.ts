import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareTriage, compareTriageFair, topReasons } from '../../src/cli/triage.js';
import { scoreMention } from '../../src/index.js';
import type { Assessment, Severity } from '../../src/types.js';

const root = resolve(__dirname, '../..');
const cli = join(root, 'dist', 'cli', 'main.js');
let dir: string;

beforeAll(() => {
  if (!existsSync(cli)) {
    const b = spawnSync('npx', ['tsup'], { cwd: root, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
  }
  dir = mkdtempSync(join(tmpdir(), 'webcare-cli-'));
});

function webcare(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: dir,
    encoding: 'utf8',
    input,
    env: { PATH: process.env.PATH ?? '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const FEED = [
  JSON.stringify({ id: 'a', text: 'Top geholpen door Sanne, dank jullie wel!', author: { followers: 80 } }),
  JSON.stringify({
    id: 'b',
    text: 'Al 3 keer gebeld, nog steeds geen internet en ik werk thuis. @ziggo doe iets!!',
    author: { handle: 'petra', followers: 40 },
  }),
  '{"id": "c", "text": ',
  JSON.stringify('Need a loan at 2%? Contact Mr Frank on WhatsApp +1 555 0100'),
  JSON.stringify({ id: 'd', text: 'Hoe laat gaat de winkel in Utrecht open?' }),
  JSON.stringify({ id: 'e', text: 42 }),
  '',
].join('\n');

describe('webcare triage', () => {
  it('prints a triage list, skips malformed lines with their number and counts them', () => {
    const file = join(dir, 'feed.jsonl');
    writeFileSync(file, FEED);
    const r = webcare(['triage', file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('line 3 skipped (INVALID_JSON');
    expect(r.stderr).toContain('line 6 skipped (INVALID_MENTION');
    expect(r.stderr).toContain('4 mentions scored, 2 skipped');
    // No colours when piped.
    expect(r.stdout).not.toContain('\x1b[');
    const rows = r.stdout.split('\n').filter((l) => /^ P[1-4] /.test(l));
    expect(rows).toHaveLength(4);
    // The channel-failure complaint comes before the loan scam.
    const firstOutage = r.stdout.indexOf('Al 3 keer gebeld');
    const scam = r.stdout.indexOf('Need a loan');
    expect(firstOutage).toBeGreaterThanOrEqual(0);
    expect(firstOutage).toBeLessThan(scam);
    expect(r.stdout.split('\n').find((l) => l.includes('Need a loan'))).toMatch(/^ P4 /);
  });

  it('reads stdin with "-" and prints JSON lines with --json, in triage order', () => {
    const r = webcare(['triage', '-', '--json'], FEED);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    const parsed = lines.map((l) => JSON.parse(l));
    const order = { P1: 0, P2: 1, P3: 2, P4: 3 } as Record<string, number>;
    for (let i = 1; i < parsed.length; i++) {
      expect(order[parsed[i].priority]).toBeGreaterThanOrEqual(order[parsed[i - 1].priority] ?? 0);
    }
    for (const a of parsed) {
      expect(a).toHaveProperty('pilloryRisk');
      expect(a).toHaveProperty('reasons');
    }
    expect(parsed.find((a) => a.mention.id === 'b').channelFailure.detected).toBe(true);
  });

  it('fails clearly on an unknown option, a bad policy and a missing file', () => {
    expect(webcare(['triage', '--colour']).stderr).toContain('unknown option --colour');
    expect(webcare(['triage', '--policy', 'unfair'], '').stderr).toContain('--policy must be');
    const missing = webcare(['triage', join(dir, 'nope.jsonl')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot read');
  });

  it('prints help and lists commands', () => {
    expect(webcare(['triage', '--help']).stdout).toContain('Usage: webcare triage');
    const top = webcare(['--help']);
    expect(top.stdout).toContain('triage');
    expect(webcare(['nonsense']).code).toBe(2);
  });
});

describe('triage order', () => {
  const base = scoreMention('hallo');
  const mk = (priority: Assessment['priority'], pilloryRisk: number, urgency: number, severity: Severity = 'none') => ({
    ...base,
    priority,
    pilloryRisk,
    urgency,
    complaint: { ...base.complaint, severity },
  });

  it('puts priority first, then the more pressing of pillory risk and urgency', () => {
    const homeWorker = mk('P1', 0.3, 0.8);
    const viral = mk('P1', 0.7, 0.1);
    const mild = mk('P1', 0.5, 0.2);
    const p2 = mk('P2', 0.99, 0.99);
    const sorted = [p2, mild, viral, homeWorker].sort(compareTriage);
    expect(sorted).toEqual([homeWorker, viral, mild, p2]);
  });

  it('under the fair policy ranks by urgency, then severity, never by pillory risk', () => {
    const urgent = mk('P1', 0.1, 0.9, 'disapproval');
    const blame = mk('P1', 0.1, 0.5, 'blame');
    const viralMild = mk('P1', 0.99, 0.5, 'disapproval');
    expect([viralMild, blame, urgent].sort(compareTriageFair)).toEqual([urgent, blame, viralMild]);
  });
});

describe('topReasons', () => {
  it('leads with the urgency reason when urgency is high, then pillory, never reach', () => {
    const a = scoreMention({
      text: '@KLM my connecting flight leaves in 1 hour and my bag never showed up. Worst airline ever, avoid!',
      author: { followers: 90000 },
    });
    expect(a.urgency).toBeGreaterThanOrEqual(0.5);
    const top = topReasons(a);
    expect(top.length).toBe(3);
    expect(top[0]?.target).toBe('urgency');
    expect(top.some((r) => r.target === 'reach')).toBe(false);
    expect(new Set(top.map((r) => r.message)).size).toBe(3);
  });
});
