/**
 * `webcare triage [file.jsonl | -]`: score a JSON Lines file of mentions and print what to answer
 * first. A malformed line is reported with its number, skipped and counted, never fatal.
 * @module
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { ScorerConfig } from '../config.js';
import { WebcareError } from '../errors.js';
import { parseMentionLine } from '../mention.js';
import { createScorer } from '../score.js';
import type { Assessment, Reason } from '../types.js';
import { listFlag, parseArgs, tooManyFiles } from './args.js';
import type { Command } from './main.js';

const SPEC = {
  json: 'boolean',
  brand: 'string',
  handles: 'string',
  policy: 'string',
  limit: 'string',
  all: 'boolean',
  color: 'boolean',
  'no-color': 'boolean',
  help: 'boolean',
} as const;

const HELP = `Usage: webcare triage [file.jsonl | -] [options]

Reads mentions as JSON Lines (one mention object or one JSON string per line; "-" or no file
reads stdin), scores them and prints a triage list ordered by priority, then the more pressing
of pillory risk and urgency (with --policy fair: priority, urgency, severity).

Options:
  --json            one assessment per line (JSON), in triage order
  --brand a,b       the brand's names (also used as handles, lower-cased)
  --handles a,b     extra brand handles without @
  --policy fair     rank by urgency and severity only (default: urgency and pillory risk)
  --limit N         print the first N rows (default 20 on a terminal, all when piped)
  --all             print every row
  --no-color        no colours even on a terminal
`;

const PRIORITY_ORDER = { P1: 0, P2: 1, P3: 2, P4: 3 } as const;

/**
 * Triage order: priority, then the more pressing of pillory risk and urgency (a customer who
 * works from home and has had no internet for hours ranks beside a post that is going viral),
 * then pillory risk, then urgency, highest first.
 */
export function compareTriage(a: Assessment, b: Assessment): number {
  return (
    PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority] ||
    Math.max(b.pilloryRisk, b.urgency) - Math.max(a.pilloryRisk, a.urgency) ||
    b.pilloryRisk - a.pilloryRisk ||
    b.urgency - a.urgency
  );
}

const SEVERITY_ORDER = { none: 0, no_explicit_reproach: 1, disapproval: 2, accusation: 3, blame: 4 } as const;

/**
 * Triage order under the `fair` policy: priority, then urgency, then severity, so reach (which
 * pillory risk includes) plays no part in who is answered first.
 */
export function compareTriageFair(a: Assessment, b: Assessment): number {
  return (
    PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority] ||
    b.urgency - a.urgency ||
    SEVERITY_ORDER[b.complaint.severity] - SEVERITY_ORDER[a.complaint.severity]
  );
}

/**
 * The few reasons most worth showing: the strongest reason for each of the scores that decide the
 * order (urgency when it is high, pillory risk) first, then the largest other contributions; one
 * per rule code and one per message. Reach is left out (the row shows the estimate itself), as
 * are bookkeeping entries.
 */
export function topReasons(a: Assessment, n = 3): Reason[] {
  const seen = new Set<string>();
  const ranked = a.reasons
    .filter((r) => r.weight !== 0 && r.target !== 'priority' && r.target !== 'input' && r.target !== 'reach')
    .sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight))
    .filter((r) => {
      // Several heads may say the same thing.
      if (seen.has(r.code) || seen.has(r.message)) return false;
      seen.add(r.code);
      seen.add(r.message);
      return true;
    });
  const lead: Reason[] = [];
  const firstOf = (target: string) => ranked.find((r) => r.target === target && r.weight > 0);
  const urgent = a.urgency >= 0.5 ? firstOf('urgency') : undefined;
  if (urgent !== undefined) lead.push(urgent);
  const pillory = a.pilloryRisk >= 0.5 ? firstOf('pillory') : undefined;
  if (pillory !== undefined) lead.push(pillory);
  return [...lead, ...ranked.filter((r) => !lead.includes(r))].slice(0, n);
}

interface Style {
  bold(s: string): string;
  dim(s: string): string;
  priority(p: Assessment['priority'], s: string): string;
}

const PLAIN: Style = { bold: (s) => s, dim: (s) => s, priority: (_p, s) => s };
const ANSI: Style = {
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
  priority: (p, s) => `${{ P1: '\x1b[41;97m', P2: '\x1b[33m', P3: '\x1b[36m', P4: '\x1b[90m' }[p]}${s}\x1b[0m`,
};

function shortText(text: string, width: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(one);
  return chars.length <= width ? one : `${chars.slice(0, width - 1).join('')}…`;
}

function compact(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(n >= 10_000_000 ? 0 : 1)}M`;
  if (n >= 1000) return `${(n / 1000).toFixed(n >= 10_000 ? 0 : 1)}k`;
  return String(Math.round(n));
}

function minutes(m: number): string {
  return m < 60 ? `${m}m` : m < 1440 ? `${Math.round(m / 60)}h` : `${Math.round(m / 1440)}d`;
}

/** Render one triage row (used by the CLI and its tests). */
export function formatRow(a: Assessment, style: Style = PLAIN): string {
  const head = `${style.priority(a.priority, ` ${a.priority} `)} ${minutes(a.respondWithinMinutes).padStart(3)} ${a.language} `;
  const scores = style.dim(
    `pillory ${a.pilloryRisk.toFixed(2)} urgency ${a.urgency.toFixed(2)} reach ~${compact(a.reach.estimated)} ${a.intent}`,
  );
  const who = a.mention.author?.handle ?? a.mention.author?.name;
  const text = shortText(a.mention.text, 90);
  const reasons = topReasons(a)
    .map((r) => r.message)
    .join('; ');
  return `${head}${style.bold(text)}\n        ${who !== undefined ? `@${who.replace(/^@/, '')} · ` : ''}${scores} · ${a.replyAdvice}\n        ${style.dim(reasons)}`;
}

class ProgressBar {
  private last = 0;
  constructor(private readonly out: NodeJS.WriteStream) {}
  tick(lines: number): void {
    const now = Date.now();
    if (now - this.last < 100) return;
    this.last = now;
    this.out.write(`\r\x1b[2Kscoring… ${lines.toLocaleString('en')} lines`);
  }
  done(): void {
    this.out.write('\r\x1b[2K');
  }
}

async function run(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv, SPEC);
  } catch (e) {
    process.stderr.write(`webcare triage: ${(e as Error).message}\n`);
    return 2;
  }
  if (args.flags.help === true) {
    process.stdout.write(HELP);
    return 0;
  }
  if (args.positionals.length > 1) {
    process.stderr.write(`webcare triage: ${tooManyFiles(args.positionals)}\n`);
    return 2;
  }
  const file = args.positionals[0] ?? '-';
  const names = listFlag(args.flags.brand);
  const config: ScorerConfig = {
    brand: { names, handles: [...names.map((n) => n.toLowerCase()), ...listFlag(args.flags.handles)] },
  };
  if (args.flags.policy !== undefined) {
    if (args.flags.policy !== 'fair' && args.flags.policy !== 'default') {
      process.stderr.write(
        `webcare triage: --policy must be "default" or "fair", received "${String(args.flags.policy)}"\n`,
      );
      return 2;
    }
    config.policy = args.flags.policy;
  }
  // Checked before reading: parseInt made "abc" (or "-1", "") print no rows without a word.
  if (typeof args.flags.limit === 'string' && !/^\d+$/.test(args.flags.limit)) {
    process.stderr.write(`webcare triage: --limit must be a whole number of rows, received "${args.flags.limit}"\n`);
    return 2;
  }
  const score = createScorer(config);

  let input: Readable;
  if (file === '-') input = process.stdin;
  else {
    input = createReadStream(file);
    const opened = await new Promise<Error | null>((resolve) => {
      input.once('open', () => resolve(null));
      input.once('error', (e) => resolve(e));
    });
    if (opened !== null) {
      process.stderr.write(`webcare triage: cannot read ${file}: ${opened.message}\n`);
      return 1;
    }
  }

  const progress = process.stderr.isTTY ? new ProgressBar(process.stderr) : undefined;
  const assessments: Assessment[] = [];
  let lineNo = 0;
  let skipped = 0;
  for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    lineNo += 1;
    if (line.trim() === '') continue;
    try {
      assessments.push(score(parseMentionLine(line)));
    } catch (e) {
      skipped += 1;
      const msg = e instanceof WebcareError ? `${e.code}: ${e.message}` : String(e);
      progress?.done();
      process.stderr.write(`webcare triage: line ${lineNo} skipped (${msg})\n`);
    }
    if (progress !== undefined && lineNo > 2000) progress.tick(lineNo);
  }
  progress?.done();
  assessments.sort(config.policy === 'fair' ? compareTriageFair : compareTriage);

  if (args.flags.json === true) {
    for (const a of assessments) process.stdout.write(`${JSON.stringify(a)}\n`);
  } else {
    const tty = process.stdout.isTTY === true;
    const color =
      args.flags['no-color'] !== true &&
      args.flags.color !== false &&
      (tty || args.flags.color === true) &&
      !process.env.NO_COLOR;
    const style = color ? ANSI : PLAIN;
    const limit =
      args.flags.all === true
        ? assessments.length
        : typeof args.flags.limit === 'string'
          ? Number.parseInt(args.flags.limit, 10)
          : tty
            ? 20
            : assessments.length;
    for (const a of assessments.slice(0, limit)) process.stdout.write(`${formatRow(a, style)}\n`);
    if (limit < assessments.length)
      process.stdout.write(style.dim(`… ${assessments.length - limit} more (use --all)\n`));
  }
  const counts = { P1: 0, P2: 0, P3: 0, P4: 0 };
  for (const a of assessments) counts[a.priority] += 1;
  process.stderr.write(
    `${assessments.length} mentions scored, ${skipped} skipped · P1 ${counts.P1} · P2 ${counts.P2} · P3 ${counts.P3} · P4 ${counts.P4}\n`,
  );
  return 0;
}

/** The `triage` subcommand. */
export const triage: Command = { summary: 'score a JSON Lines file of mentions and print what to answer first', run };
