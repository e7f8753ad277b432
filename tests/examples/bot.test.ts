import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createScorer } from '../../src/index.js';

const root = resolve(__dirname, '../..');

function bot(input: string, args: string[] = []) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', resolve(root, 'examples/bot.ts'), ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const MESSAGES = [
  'Al 3 keer gebeld en nog steeds geen internet. Ik werk thuis! Schande @ziggo, ik ga overstappen.',
  'Thanks for the quick help yesterday, all sorted now.',
  JSON.stringify({
    text: 'Mijn pakket is kwijt, ordernummer 558812. Waar blijft het?',
    author: { name: 'Eva', followers: 30 },
  }),
  'Need a loan at 2%? Contact Mr Frank on WhatsApp +1 555 0100',
];

describe('examples/bot.ts', () => {
  it('answers every message with priority, pillory risk, urgency, advice and reasons, in input order', () => {
    const r = bot(`${MESSAGES.join('\n')}\n\n`, ['--brand', 'Ziggo']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const answers = r.out.trim().split('\n\n');
    expect(answers).toHaveLength(MESSAGES.length);
    const score = createScorer({ brand: { names: ['Ziggo'], handles: ['ziggo'] } });
    MESSAGES.forEach((m, i) => {
      const a = score(m.startsWith('{') ? JSON.parse(m) : m);
      const answer = answers[i] as string;
      expect(answer).toContain(`${a.priority}, reply within`);
      expect(answer).toContain(`pillory risk ${a.pilloryRisk.toFixed(2)}`);
      expect(answer).toContain(`urgency ${a.urgency.toFixed(2)}`);
      expect(answer).toMatch(/advice: \w/);
      expect(answer).toMatch(/why: \S/);
    });
    // The JSON mention's author name makes the advice personal.
    expect(answers[2]).toContain('address Eva by name');
    // The outage complaint ranks at least as high as the thank-you.
    const p = (s: string) => Number(/P(\d)/.exec(s)?.[1]);
    expect(p(answers[0] as string)).toBeLessThanOrEqual(p(answers[1] as string));
  });

  it('answers a malformed mention object and keeps going', () => {
    const r = bot(`${JSON.stringify({ text: 'hoi', author: { followers: -5 } })}\nStoring in Utrecht?\n`);
    expect(r.code).toBe(0);
    const answers = r.out.trim().split('\n\n');
    expect(answers[0]).toMatch(/^Cannot tell: Invalid mention: author\.followers/);
    expect(answers[1]).toMatch(/P[1-4], reply within/);
  });
});
