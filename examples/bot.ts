/**
 * A chat bot that answers "how bad is this?" for every message it is given: priority, pillory
 * risk, urgency, what to do, and why. One message per line on stdin (plain text, or a JSON
 * mention object with author and metrics), one answer per message on stdout.
 *
 *   echo 'Al 3 keer gebeld en nog steeds geen internet. Schande @ziggo!' | npx tsx examples/bot.ts --brand Ziggo
 *   npx tsx examples/bot.ts            # interactive: type a message, get an answer
 *
 * In your own project import from 'webcare' instead of '../src/index.js'.
 */
import { createInterface } from 'node:readline';
import { type Assessment, type MentionInput, WebcareError, createScorer } from '../src/index.js';

const ADVICE: Record<Assessment['replyAdvice'], string> = {
  'reply-publicly-then-dm': 'reply publicly, then take it to a private message',
  'reply-publicly': 'reply publicly',
  monitor: 'no reply needed, keep an eye on it',
  'do-not-engage': 'do not engage',
};

function level(x: number): string {
  return x >= 0.67 ? 'high' : x >= 0.34 ? 'medium' : 'low';
}

function minutes(m: number): string {
  if (m < 60) return `${m} min`;
  if (m < 1440) return `${Math.round(m / 60)} h`;
  const d = Math.round(m / 1440);
  return d === 1 ? '1 day' : `${d} days`;
}

/** The answer to one message, as the bot says it. */
function howBad(a: Assessment): string {
  const verdict =
    a.priority === 'P1'
      ? 'Bad: answer now'
      : a.priority === 'P2'
        ? 'Serious: answer soon'
        : a.priority === 'P3'
          ? 'Minor: answer today'
          : a.isSpam
            ? 'Spam: ignore it'
            : 'Not urgent';
  const seen = new Set<string>();
  // The largest contributions first, one per rule, leaving out bookkeeping entries.
  const why = a.reasons
    .filter((r) => r.weight !== 0 && r.target !== 'priority' && r.target !== 'input')
    .sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight))
    .filter((r) => !seen.has(r.code) && seen.add(r.code))
    .slice(0, 3)
    .map((r) => r.message);
  const name = a.customerName !== undefined ? ` (address ${a.customerName} by name)` : '';
  return [
    `${verdict}. ${a.priority}, reply within ${minutes(a.respondWithinMinutes)}.`,
    `  pillory risk ${a.pilloryRisk.toFixed(2)} (${level(a.pilloryRisk)}), urgency ${a.urgency.toFixed(2)} (${level(a.urgency)})`,
    `  advice: ${ADVICE[a.replyAdvice]}${name}${a.team !== undefined ? `, route to ${a.team}` : ''}`,
    `  why: ${why.length > 0 ? why.join('; ') : 'nothing stands out'}`,
  ].join('\n');
}

function parseArgs(argv: string[]): { brand: string[] } {
  const i = argv.indexOf('--brand');
  const value = i === -1 ? undefined : argv[i + 1];
  return { brand: value === undefined ? [] : value.split(',').filter((s) => s.trim() !== '') };
}

async function main(): Promise<void> {
  const { brand } = parseArgs(process.argv.slice(2));
  const score = createScorer({ brand: { names: brand, handles: brand.map((b) => b.toLowerCase()) } });
  const interactive = process.stdin.isTTY === true;
  const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  const prompt = (): void => {
    if (interactive) process.stdout.write('how bad is this? > ');
  };
  prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (text === '') {
      prompt();
      continue;
    }
    let input: MentionInput = text;
    if (text.startsWith('{')) {
      try {
        input = JSON.parse(text) as MentionInput;
      } catch {
        // Not JSON after all: score it as the text it is.
      }
    }
    try {
      process.stdout.write(`${howBad(score(input))}\n\n`);
    } catch (e) {
      // A malformed mention object gets an answer too; the bot keeps running.
      const why = e instanceof WebcareError ? e.message : String(e);
      process.stdout.write(`Cannot tell: ${why}\n\n`);
    }
    prompt();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bot: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
