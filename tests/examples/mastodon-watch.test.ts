/**
 * Runs examples/mastodon-watch.ts as a child process (node + tsx) against the fake Mastodon
 * instance on 127.0.0.1, reads what it prints, stops it with SIGINT, and type-checks it.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { statusToEvent } from '../../src/adapters/mastodon.js';
import { type Assessment, createScorer } from '../../src/index.js';
import type { ConformanceSeed } from '../adapters/conformance.js';
import { type FakeMastodon, startFakeMastodon } from '../fakes/mastodon.js';

const root = resolve(__dirname, '../..');
const example = resolve(root, 'examples/mastodon-watch.ts');
const TOKEN = 'watch-token';

// An outage morning on the #ziggo tag: ten complaints about the same failure, worded apart so
// the near-duplicate filter keeps them, then a retweet of one, a loan scam, a question, praise.
const OUTAGE = [
  'Storing bij @Ziggo, al een uur geen internet in Utrecht Oost',
  'Geen internet en de tv ligt eruit, wat is er aan de hand @Ziggo',
  '@Ziggo modem knippert oranje, internet doet het niet meer sinds acht uur',
  'Weer een storing bij Ziggo, ik moet vandaag thuiswerken zonder internet',
  'Ziggo down in Amersfoort: no internet and no tv since this morning',
  '@Ziggo al 3 keer gebeld, nog steeds geen internet en niemand weet iets',
  'Internet ligt er compleet uit bij ons in de straat, storing @Ziggo?',
  'No internet from @Ziggo for two hours now and the status page says nothing',
  'tv zegt geen signaal en wifi is weg, Ziggo storing in Nieuwegein',
  'Hele wijk zonder internet door een storing van Ziggo, echt slecht dit',
];
const OTHERS = [
  `RT @user0: ${OUTAGE[0]}`,
  'Lening zonder BKR toetsing, binnen 24 uur geld! App me op WhatsApp +31 6 1234 5670 #ziggo',
  '@Ziggo kan ik mijn abonnement verlagen naar alleen internet?',
  'Monteur van Ziggo was super vriendelijk en snel klaar, top service!',
];
const TEXTS = [...OUTAGE, ...OTHERS];

// Two days old: the age of a post moves its projected reach, and the test scores each status
// a few seconds after the example did; at this age those seconds change nothing.
const SEEDS: ConformanceSeed[] = TEXTS.map((text, i) => ({
  key: `w${i}`,
  text,
  createdAt: new Date(Date.now() - 2 * 86_400_000 + i * 20_000).toISOString(),
}));

const score = createScorer({ brand: { names: ['Ziggo'], handles: ['ziggo'] } });

/**
 * Earlier contacts by the same author, as the monitor counts them: the three fake accounts post
 * in turn, and the retweet, dropped as a near-duplicate before the author history, does not count.
 */
const priorContacts = (i: number): number =>
  TEXTS.slice(0, i).filter((_, j) => j % 3 === i % 3 && j !== OUTAGE.length).length;

/** What the library makes of each status, the retweet (a near-duplicate, dropped unscored) aside. */
async function expected(): Promise<(Assessment | undefined)[]> {
  const fake = await startFakeMastodon({ seeds: SEEDS });
  await fake.close();
  return fake.statuses.map((status, i) => {
    if (i === OUTAGE.length) return undefined;
    const ev = statusToEvent(status, 'mastodon');
    if (ev.type !== 'mention') throw ev.error;
    return score(ev.mention, { priorContacts: priorContacts(i) });
  });
}

/**
 * The incident threshold that the burst reaches exactly: the largest number of complaints the
 * scorer puts first in one category. The example must report that category once, whatever the
 * scorer's current view of each text.
 */
function burst(assessments: (Assessment | undefined)[]): { category: string; threshold: number } {
  const counts = new Map<string, number>();
  for (const a of assessments) {
    if (a === undefined || a.isSpam || !a.complaint.isComplaint) continue;
    const c = a.complaint.categories[0] ?? 'other';
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const [category, threshold] = [...counts].sort((x, y) => y[1] - x[1])[0] ?? ['none', 0];
  return { category, threshold };
}

interface Run {
  child: ChildProcessWithoutNullStreams;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
}

const running: Run[] = [];
const fakes: FakeMastodon[] = [];

afterEach(async () => {
  for (const r of running.splice(0)) if (r.child.exitCode === null) r.child.kill('SIGKILL');
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

function watch(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', example, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  const run = { child, out: () => out, err: () => err, exited };
  running.push(run);
  return run;
}

async function until(run: Run, ok: (out: string) => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok(run.out())) {
    if (run.child.exitCode !== null)
      throw new Error(`exited early (${run.child.exitCode})\n${run.out()}\n${run.err()}`);
    if (Date.now() > end) throw new Error(`timed out waiting for output\n${run.out()}\n${run.err()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The printed blocks: a header line starting with a capital word, then its indented lines. */
function blocks(out: string): string[] {
  return out.split(/\n(?=[A-Z]+ )/).filter((b) => /^(ESCALATION|MENTION|DROPPED|INCIDENT) /.test(b));
}

describe('examples/mastodon-watch.ts', () => {
  it('prints escalations, mentions, drops and the outage incident from a hashtag stream, then stops on SIGINT', async () => {
    const want = await expected();
    const { category, threshold } = burst(want);
    // Most of the outage texts are complaints in one category: a burst, not a coincidence.
    expect(threshold).toBeGreaterThanOrEqual(5);
    const fake = await startFakeMastodon({ seeds: SEEDS, token: TOKEN, heartbeatMs: 200 });
    fakes.push(fake);
    const run = watch(
      ['--instance', fake.url, '--brand', 'Ziggo', '--threshold', String(threshold), '--window-min', '30', '--all'],
      { MASTODON_TOKEN: TOKEN },
    );
    // Every status ends up in exactly one block: wait until each text (or its start) was printed.
    const shown = (out: string) => TEXTS.every((t) => out.includes(t.slice(0, 40)));
    await until(run, (out) => shown(out) && out.includes('INCIDENT '));
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    const out = run.out();
    expect(run.err()).toBe('');

    expect(out.split('\n')[0]).toBe(
      `watching #ziggo on ${fake.url} for Ziggo: escalations P1/P2, incidents at ${threshold} complaints in 30 min`,
    );
    // The stream asked for the hashtag timeline with the token from the environment.
    const streamReq = fake.requests.find((r) => r.url.startsWith('/api/v1/streaming/'));
    expect(streamReq?.url).toBe('/api/v1/streaming/hashtag?tag=ziggo');
    expect(streamReq?.headers.authorization).toBe(`Bearer ${TOKEN}`);

    // Each status is printed the way the library scores it: P1/P2 as ESCALATION, P3/P4 as MENTION.
    const printed = blocks(out);
    let escalations = 0;
    for (const [i, a] of want.entries()) {
      const text = TEXTS[i] as string;
      const block = printed.find((b) => b.includes(`"${text}"`) || b.includes(`"${text.slice(0, 50)}`));
      if (a === undefined) {
        expect(block, out).toMatch(/^DROPPED near-duplicate: "RT @user0/);
        continue;
      }
      if (a.isSpam) {
        expect(block, out).toMatch(/^DROPPED spam: "Lening zonder BKR/);
        continue;
      }
      const label = a.priority === 'P1' || a.priority === 'P2' ? 'ESCALATION' : 'MENTION';
      if (label === 'ESCALATION') escalations += 1;
      expect(block, `${text}\n---\n${out}`).toMatch(
        new RegExp(`^${label} ${a.priority} reply within ${a.respondWithinMinutes} min · @user${i % 3}`),
      );
      expect(block).toContain(
        `pillory ${a.pilloryRisk.toFixed(2)} · urgency ${a.urgency.toFixed(2)} · ${a.intent} · ${a.replyAdvice}`,
      );
      expect(block).toMatch(/\n {2}why: \S/);
      const n = priorContacts(i);
      if (n > 0)
        expect(block).toContain(`· ${n + 1}${['th', 'st', 'nd', 'rd'][n + 1] ?? 'th'} contact from this author`);
      else expect(block).not.toContain('contact from this author');
      expect(block).toContain(`https://social.example/@user${i % 3}/`);
    }
    // Most of the outage complaints need a reply soon; the praise does not.
    expect(escalations).toBeGreaterThanOrEqual(6);
    expect(printed.find((b) => b.includes('Monteur van Ziggo'))).toMatch(/^MENTION P[34] /);
    // Three authors post in turn, so the fourth status is its author's second contact.
    expect(printed.find((b) => b.includes(OUTAGE[3] as string))).toContain('· 2nd contact from this author');

    // One incident for the burst, in the category the complaints share.
    const incidents = printed.filter((b) => b.startsWith('INCIDENT '));
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatch(
      new RegExp(
        `^INCIDENT ${category}: ${threshold} complaints within 30 min \\(threshold ${threshold}\\) since \\S+Z · sources mastodon · id ${category}:\\d+\n {2}latest: "`,
      ),
    );

    expect(out.trimEnd().split('\n').at(-1)).toMatch(
      new RegExp(
        `^stopped: read ${TEXTS.length}, assessed ${TEXTS.length - 2}, dropped 2 \\(spam 1\\), errors 0, reconnects 0$`,
      ),
    );
  }, 60_000);

  it('without --all prints only escalations and the incident', async () => {
    const { category, threshold } = burst(await expected());
    const fake = await startFakeMastodon({ seeds: SEEDS, token: TOKEN, heartbeatMs: 200 });
    fakes.push(fake);
    const run = watch(['--token', TOKEN, '--tag', 'ziggo', '--threshold', String(threshold)], {
      MASTODON_INSTANCE: fake.url,
      WEBCARE_BRAND: 'Ziggo',
    });
    await until(run, (out) => out.includes('INCIDENT '));
    await new Promise((r) => setTimeout(r, 500));
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    const printed = blocks(run.out());
    expect(printed.length).toBeGreaterThan(1);
    for (const b of printed)
      expect(
        b.startsWith('ESCALATION P1 ') || b.startsWith('ESCALATION P2 ') || b.startsWith(`INCIDENT ${category}: `),
      ).toBe(true);
    expect(printed.filter((b) => b.startsWith('INCIDENT '))).toHaveLength(1);
    expect(run.out()).not.toContain('Monteur van Ziggo');
    expect(run.out()).not.toContain('Lening');
  }, 60_000);

  it('stops with exit code 1 when the instance refuses the token, and 2 without an instance', async () => {
    const fake = await startFakeMastodon({ seeds: SEEDS, token: TOKEN });
    fakes.push(fake);
    const refused = watch(['--instance', fake.url, '--tag', 'ziggo', '--token', 'wrong']);
    expect(await refused.exited).toBe(1);
    expect(refused.err()).toContain('error [mastodon/connection] SOURCE_HTTP: mastodon: HTTP 401 from the server');
    expect(refused.err()).toContain('the instance refused the access token');
    expect(refused.out()).toMatch(/\nstopped: read 0, assessed 0, dropped 0 \(spam 0\), errors 1, reconnects \d\n$/);

    const bare = watch(['--tag', 'ziggo']);
    expect(await bare.exited).toBe(2);
    expect(bare.err()).toContain('no instance: pass --instance or MASTODON_INSTANCE');
    expect(bare.err()).toContain('usage: mastodon-watch --instance URL');
  }, 60_000);

  it('type-checks under the project tsconfig', () => {
    const parsed = ts.getParsedCommandLineOfConfigFile(
      resolve(root, 'tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      },
    );
    if (parsed === undefined) throw new Error('cannot read tsconfig.json');
    const program = ts.createProgram([example], { ...parsed.options, noEmit: true });
    // Only the example's own diagnostics: src is type-checked by `tsc -p .` on its own.
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file === undefined || resolve(d.file.fileName) === example)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
    expect(program.getSourceFile(example)).toBeDefined();
  }, 60_000);
});
