import { setTimeout as delay } from 'node:timers/promises';
import type { MonitorScorer } from '../../src/monitor/options.js';
import type { Source, SourceEvent } from '../../src/source.js';
import type { Assessment, Category, Mention, MentionInput, Priority } from '../../src/types.js';
import { normalizeMention } from '../../src/mention.js';

/** A complete neutral assessment, written out so these tests do not depend on the classifier. */
const BASE: Assessment = {
  mention: { text: '' },
  language: 'nl',
  sentiment: { label: 'neutral', score: 0 },
  complaint: { isComplaint: false, probability: 0.1, severity: 'none', categories: [] },
  intent: 'other',
  isSpam: false,
  reach: { estimated: 10, low: 5, high: 20 },
  pilloryRisk: 0,
  urgency: 0,
  priority: 'P4',
  respondWithinMinutes: 1440,
  replyAdvice: 'monitor',
  channelFailure: { detected: false, channels: [] },
  identifiers: [],
  reasons: [],
};

/**
 * A deterministic scorer for monitor tests: the mention's text encodes what it is, e.g.
 * `"P1 complaint:disruption spam"`, so tests do not depend on the classifier's judgement.
 */
export const fakeScorer: MonitorScorer = (input: MentionInput, hints) => {
  const mention: Mention = typeof input === 'string' ? { text: input } : normalizeMention(input);
  const p = /\b(P[1-4])\b/.exec(mention.text)?.[1] as Priority | undefined;
  const cat = /complaint:(\w+)/.exec(mention.text)?.[1] as Category | undefined;
  const a: Assessment = {
    ...BASE,
    mention,
    priority: p ?? 'P4',
    isSpam: /\bspam\b/.test(mention.text),
    complaint: { ...BASE.complaint, isComplaint: cat !== undefined, categories: cat === undefined ? [] : [cat] },
    reasons: hints?.priorContacts ? [{ code: 'repeat', message: String(hints.priorContacts), weight: 0 }] : [],
  };
  return a;
};

/** A source over a list of mentions that honours cursors (the index) and can fail on cue. */
export function listSource(
  name: string,
  mentions: Mention[],
  opts: { failAt?: Set<number>; failWith?: () => Error; delayMs?: number } = {},
): Source & { opened: (string | undefined)[]; yielded: number; closed: boolean } {
  const failAt = new Set(opts.failAt ?? []);
  const src = {
    name,
    opened: [] as (string | undefined)[],
    yielded: 0,
    closed: false,
    async *stream({ signal, cursor }: { signal: AbortSignal; cursor?: string }): AsyncGenerator<SourceEvent> {
      src.opened.push(cursor);
      for (let i = cursor === undefined ? 0 : Number(cursor) + 1; i < mentions.length; i++) {
        if (signal.aborted) return;
        if (failAt.has(i)) {
          failAt.delete(i); // fail once at this position
          throw opts.failWith?.() ?? new Error('connection reset');
        }
        if (opts.delayMs !== undefined) await delay(opts.delayMs);
        src.yielded += 1;
        yield { type: 'mention', mention: mentions[i] as Mention, cursor: String(i) };
      }
    },
    async close() {
      src.closed = true;
    },
  };
  return src;
}

/** A live source that yields forever (until aborted), one mention per tick. */
export function liveSource(name: string): Source & { yielded: number; closed: boolean } {
  const src = {
    name,
    yielded: 0,
    closed: false,
    async *stream({ signal, cursor }: { signal: AbortSignal; cursor?: string }): AsyncGenerator<SourceEvent> {
      let i = cursor === undefined ? 0 : Number(cursor) + 1;
      while (!signal.aborted) {
        await delay(0);
        src.yielded += 1;
        yield { type: 'mention', mention: { id: `${name}-${i}`, text: `live ${name} ${i}` }, cursor: String(i) };
        i++;
      }
    },
    async close() {
      src.closed = true;
    },
  };
  return src;
}

export function mentions(prefix: string, n: number, text = (i: number) => `${prefix} message number ${i}`): Mention[] {
  return Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i}`, text: text(i) }));
}

/** Poll until `cond` holds (or fail after `ms`). */
export async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await delay(2);
  }
}
