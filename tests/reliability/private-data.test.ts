/**
 * Private data: with `redactPII` a monitor fed with texts full of personal data emits none of it,
 * in any event (mention, escalation, incident, drop, error: messages and causes included), and
 * neither does the CLI under `--redact`; validation errors never echo a mention's text.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import iterable from '../../src/adapters/iterable.js';
import jsonl from '../../src/adapters/jsonl.js';
import { WebcareError, createMonitor, normalizeMention, parseMentionLine, safeScoreMention } from '../../src/index.js';

// Personal data as written, and the forms a normaliser could turn it into.
const PII = {
  emails: ['jan.jansen@example.nl', 'Anna.B+orders@mail.example.com', 'p.devries@voorbeeld.nl'],
  phones: ['06-12345678', '+31 6 2345 6789', '0031698765432', '020-7654321', '+44 20 7946 0958', '06 11 22 33 44'],
  ibans: ['NL91 ABNA 0417 1643 00', 'BE68539007547034', 'DE89 3704 0044 0532 0130 00'],
  postcodes: ['1234 AB 12', '3511AB 7a'],
  numbers: ['bestelnummer 55667788', 'klantnummer: 9988776', 'dossiernummer 2026-00451', 'order #A7733921'],
  plates: ['12-ABC-3', 'XK-123-Z'],
};
const FORBIDDEN = [
  ...PII.emails,
  ...PII.emails.map((e) => e.toLowerCase()),
  ...PII.phones,
  '+31612345678',
  '+31623456789',
  '+31698765432',
  '0612345678',
  '612345678',
  '7654321',
  '79460958',
  ...PII.ibans,
  'NL91ABNA0417164300',
  '0417164300',
  '0532013000',
  '1234 AB 12',
  '1234AB 12',
  '3511AB 7',
  '55667788',
  '9988776',
  '2026-00451',
  'A7733921',
  ...PII.plates,
  '12ABC3',
];

const TEMPLATES = [
  (p: string) => `Al 3 keer gebeld over de storing, bel me terug op ${p}. Nooit meer @KPN!`,
  (p: string) => `Storing in Utrecht sinds vanochtend, geen internet. Mijn gegevens: ${p}`,
  (p: string) => `Third day without internet, nobody answers the phone. Reach me at ${p} #fail`,
  (p: string) => `Waar blijft mijn terugbetaling naar ${p}? Twee weken geen antwoord op mijn mail!`,
  (p: string) => `Parcel lost again, ${p}, I want my money back or I go to the Consumentenbond`,
];

function feed(): { text: string; id: string; author: { handle: string; followers: number } }[] {
  const all = Object.values(PII).flat();
  const out: { text: string; id: string; author: { handle: string; followers: number } }[] = [];
  let n = 0;
  for (const template of TEMPLATES) {
    for (const p of all) {
      n++;
      out.push({ id: `m${n}`, text: template(p), author: { handle: `user${n % 7}`, followers: 50 + n * 37 } });
    }
  }
  return out;
}

/** Everything an event carries, including what JSON.stringify leaves out of errors. */
function dump(value: unknown, seen = new Set<unknown>()): string {
  if (value === null || typeof value !== 'object') return String(value);
  if (seen.has(value)) return '';
  seen.add(value);
  const parts: string[] = [];
  if (value instanceof Error) parts.push(value.message, value.stack ?? '', dump(value.cause, seen));
  for (const v of Object.values(value)) parts.push(dump(v, seen));
  try {
    parts.push(JSON.stringify(value));
  } catch {
    // circular: the walk above covered it
  }
  return parts.join('\n');
}

function leaks(text: string): string[] {
  return FORBIDDEN.filter((s) => text.includes(s));
}

describe('private data', () => {
  it('a redactPII monitor emits none of the personal data in any event', async () => {
    const records: unknown[] = feed();
    // Records that fail: wrong types next to a text full of PII, a duplicate, spam.
    records.push({ id: 'bad1', text: `mail ${PII.emails[0]}`, author: { followers: -1 } });
    records.push({ id: 'bad2', text: 612345678 });
    records.push({ id: 'm1', text: TEMPLATES[0]?.(PII.phones[0] ?? '') });
    records.push({
      id: 'spam1',
      text: `Need a loan at 2%? WhatsApp Mr Frank on ${PII.phones[1]} now, guaranteed profit`,
    });
    // Malformed JSON lines whose parser error quotes the input.
    const lines = [
      JSON.stringify({ id: 'j1', text: `klantnummer: 9988776, bel ${PII.phones[2]}` }),
      `{"id": "j2", "text": "mail ${PII.emails[1]} bel ${PII.phones[3]}`,
      `not json at all ${PII.ibans[0]} ${PII.postcodes[0]}`,
    ].join('\n');

    const monitor = createMonitor({
      sources: [
        iterable({ input: records as never[], name: 'feed' }),
        jsonl({ input: () => Readable.from([Buffer.from(lines)]), name: 'lines' }),
      ],
      config: { brand: { names: ['KPN'], handles: ['kpn'] } },
      escalateAt: ['P1', 'P2', 'P3', 'P4'],
      incidents: { threshold: 3, windowMs: 3_600_000 },
      redactPII: true,
    });
    const events: { type: string; dump: string }[] = [];
    const on = (type: 'mention' | 'escalation' | 'incident' | 'drop' | 'error') =>
      monitor.on(type, (...args: unknown[]) => {
        events.push({ type, dump: dump(args) });
      });
    for (const t of ['mention', 'escalation', 'incident', 'drop', 'error'] as const) on(t);
    // A listener that throws with the text in its message: the error event must not carry it.
    let thrown = 0;
    monitor.on('mention', (a) => {
      if (thrown++ < 2) throw new Error(`CRM rejected: ${a.mention.text} ${PII.emails[2]}`);
    });
    await monitor.done();

    const count = (type: string) => events.filter((e) => e.type === type).length;
    // The feed really went through every path.
    expect(count('mention')).toBeGreaterThanOrEqual(feed().length);
    expect(count('escalation')).toBeGreaterThanOrEqual(feed().length);
    expect(count('incident')).toBeGreaterThanOrEqual(1);
    expect(count('drop')).toBeGreaterThanOrEqual(2); // duplicate id, spam
    expect(count('error')).toBeGreaterThanOrEqual(5); // 2 invalid records, 2 bad lines, 2 listener failures
    const leaked = events.flatMap((e) => leaks(e.dump).map((s) => `${e.type}: ${s}`));
    expect(leaked).toEqual([]);
    // And it is masked, not emptied.
    expect(events.some((e) => e.type === 'mention' && e.dump.includes('[phone]'))).toBe(true);
    expect(events.some((e) => e.type === 'mention' && e.dump.includes('[iban]'))).toBe(true);
    const printed = events.map((e) => e.dump).join('\n');
    console.log(
      `private-data: ${events.length} events (${count('mention')} mentions, ${count('escalation')} escalations, ` +
        `${count('incident')} incidents, ${count('drop')} drops, ${count('error')} errors), ` +
        `${printed.length} characters scanned for ${FORBIDDEN.length} PII strings: 0 found`,
    );
  });

  it('without redactPII the same data does come through (the scan can see it)', async () => {
    const monitor = createMonitor({ sources: [iterable(feed().slice(0, 3))] });
    const dumps: string[] = [];
    monitor.on('mention', (a) => {
      dumps.push(dump(a));
    });
    await monitor.done();
    expect(leaks(dumps.join('\n')).length).toBeGreaterThan(0);
  });

  it('webcare watch --redact prints none of it on stdout or stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'webcare-pii-'));
    const file = join(dir, 'feed.jsonl');
    const body = [
      ...feed()
        .slice(0, 40)
        .map((r) => JSON.stringify(r)),
      `{"id": "broken", "text": "bel ${PII.phones[0]} of mail ${PII.emails[0]}`,
      JSON.stringify({ id: 'neg', text: `IBAN ${PII.ibans[0]}`, metrics: { likes: -4 } }),
    ].join('\n');
    writeFileSync(file, `${body}\n`);
    const root = resolve(__dirname, '../..');
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'src', 'cli', 'main.ts'),
        'watch',
        '--source',
        'jsonl',
        '--file',
        file,
        '--all',
        '--json',
        '--redact',
        '--brand',
        'KPN',
      ],
      { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, timeout: 60_000 },
    );
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('{')).length).toBeGreaterThanOrEqual(40);
    expect(r.stderr).toMatch(/INVALID_JSON/);
    expect(leaks(r.stdout)).toEqual([]);
    expect(leaks(r.stderr)).toEqual([]);
  });

  it('validation errors never contain the text of the mention', () => {
    const secretText = fc
      .tuple(fc.string({ maxLength: 30 }), fc.constantFrom(...Object.values(PII).flat()), fc.string({ maxLength: 30 }))
      .map(([a, p, b]) => `${a}${p}${b}`);
    const badField = fc.constantFrom<Record<string, unknown>>(
      { author: { followers: -3 } },
      { author: { followers: 1e300 } },
      { metrics: { likes: Number.NaN } },
      { createdAt: 'not a date' },
      { createdAt: '2999-01-01T00:00:00Z' },
      { isPublic: 'yes' },
      { media: [{ type: 'hologram' }] },
      { author: 'someone' },
    );
    fc.assert(
      fc.property(secretText, badField, (text, bad) => {
        const record = { text, ...bad };
        let error: unknown;
        try {
          normalizeMention(record);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(WebcareError);
        const e = error as WebcareError;
        for (const s of [e.message, e.field ?? '', e.received ?? '', e.expected ?? '']) {
          expect(s).not.toContain(text);
          expect(leaks(s)).toEqual([]);
        }
        const safe = safeScoreMention(record);
        expect(safe.success).toBe(false);
        if (!safe.success) expect(safe.error.message).not.toContain(text);
      }),
      { numRuns: 300 },
    );
  });

  it('a text of the wrong type, or a malformed line, is described, not echoed', () => {
    for (const text of [612345678, 31612345678, ['jan@example.nl'], { email: 'jan@example.nl' }]) {
      try {
        normalizeMention({ text });
        expect.unreachable();
      } catch (e) {
        const w = e as WebcareError;
        expect(`${w.message} ${w.received}`).not.toMatch(/612345678|jan@example/);
      }
    }
    try {
      parseMentionLine(`{"text": "bel ${PII.phones[0]}"`);
      expect.unreachable();
    } catch (e) {
      const w = e as WebcareError;
      expect(w.code).toBe('INVALID_JSON');
      expect(`${w.message} ${w.received}`).not.toContain(PII.phones[0]);
    }
  });
});
