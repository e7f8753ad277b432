/**
 * Hand-made assessments with exactly the fields a summary reads, so the expected figures can be
 * computed by hand instead of depending on what the classifier says about a text.
 */
import type { Assessment, Category, Intent, Language, Priority, SentimentLabel } from '../../src/index.js';

export interface FakeOptions {
  at?: string | Date | undefined;
  label?: SentimentLabel;
  score?: number;
  complaint?: Category | false;
  spam?: boolean;
  priority?: Priority;
  language?: Language;
  intent?: Intent;
  source?: string;
}

export function fake(o: FakeOptions = {}): Assessment {
  const label = o.label ?? 'neutral';
  const score = o.score ?? (label === 'positive' ? 0.5 : label === 'negative' ? -0.5 : 0);
  const isComplaint = o.complaint !== undefined && o.complaint !== false;
  const mention: Assessment['mention'] = { text: 'x' };
  if (o.at !== undefined) mention.createdAt = (typeof o.at === 'string' ? new Date(o.at) : o.at) as Date;
  if (o.source !== undefined) mention.source = o.source;
  return {
    mention,
    language: o.language ?? 'nl',
    sentiment: { label, score },
    complaint: {
      isComplaint,
      probability: isComplaint ? 0.9 : 0.1,
      severity: isComplaint ? 'disapproval' : 'none',
      categories: isComplaint ? [o.complaint as Category] : [],
    },
    intent: o.intent ?? (isComplaint ? 'complaint' : 'other'),
    isSpam: o.spam ?? false,
    reach: { estimated: 10, low: 5, high: 20 },
    pilloryRisk: 0,
    urgency: 0,
    priority: o.priority ?? 'P4',
    respondWithinMinutes: 1440,
    replyAdvice: 'monitor',
    channelFailure: { detected: false, channels: [] },
    identifiers: [],
    reasons: [],
  };
}

/** `n` complaints in one category, `stepMinutes` apart from `from`. */
export function burst(category: Category, from: string, n: number, stepMinutes: number): Assessment[] {
  const t0 = Date.parse(from);
  return Array.from({ length: n }, (_, i) =>
    fake({ at: new Date(t0 + i * stepMinutes * 60_000), complaint: category, label: 'negative' }),
  );
}

/** A minimal XML well-formedness check: balanced tags, quoted attributes, only known entities. */
export function assertWellFormedXml(xml: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(xml); m !== null; m = tag.exec(xml)) {
    const text = xml.slice(last, m.index);
    checkText(text);
    last = m.index + m[0].length;
    const [, close, name, attrs, self] = m as unknown as [string, string, string, string, string];
    checkText(attrs);
    if (close) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}>`);
    } else if (!self) stack.push(name);
  }
  checkText(xml.slice(last));
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('>, <')}>`);
}

function checkText(text: string): void {
  if (text.includes('<') || text.includes('>')) throw new Error(`raw angle bracket in ${JSON.stringify(text)}`);
  const amp = /&(?!(?:amp|lt|gt|quot|#39);)/;
  if (amp.test(text)) throw new Error(`bare & in ${JSON.stringify(text)}`);
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) throw new Error('control character in XML');
}
