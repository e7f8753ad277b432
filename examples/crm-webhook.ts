/**
 * A CRM webhook endpoint: receives Meta-style signed webhooks (Facebook Page comments, Instagram
 * comments, Messenger messages), scores every mention, and keeps a JSON-file "CRM" of cases:
 *
 * - a P1 or P2 mention opens a case, unless it belongs to an open one;
 * - a mention belongs to an open case when it comes from the same author, or names the same
 *   order, ticket, case, customer or invoice number, e-mail, phone, IBAN, postcode or plate;
 *   then it is appended to that case as a repeat contact, whatever its priority;
 * - channel failure ("al 3 keer gebeld") is noted on the case: the customer is already waiting;
 * - the file never holds personal data in clear: texts and reasons go through `redact()`, and
 *   identifiers are kept as salted hashes, which is all matching needs.
 *
 *   WEBCARE_APP_SECRET=... PORT=8080 CASES_FILE=cases.json npx tsx examples/crm-webhook.ts
 *
 * Other settings: WEBCARE_VERIFY_TOKEN (Meta's GET challenge), HOST (127.0.0.1), BRAND (names,
 * comma-separated), OPEN_AT (priorities that open a case, default P1,P2), CRM_SALT (hash salt).
 * In your own project import from 'webcare' and 'webcare/adapters/webhook'.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import webhook from '../src/adapters/webhook.js';
import { type Assessment, type MentionMeta, type Monitor, type Priority, createMonitor, redact } from '../src/index.js';

/** One contact on a case. */
export interface CaseContact {
  at: string;
  source: string;
  mentionId?: string;
  priority: Priority;
  /** Redacted text. */
  text: string;
  /** The main reasons, redacted. */
  reasons: string[];
  replyAdvice: Assessment['replyAdvice'];
  respondWithinMinutes: number;
  /** Why this contact was put on this case. */
  linkedBy: 'opened' | 'author' | 'identifier';
}

/** A case in the JSON-file CRM. */
export interface CrmCase {
  id: string;
  status: 'open' | 'closed';
  /** The highest priority of any contact. */
  priority: Priority;
  openedAt: string;
  updatedAt: string;
  /** `platform:authorId`: how the case is linked to the author. */
  authors: string[];
  /** Salted hashes of `type:normalized` identifiers found in the contacts. */
  identifierKeys: string[];
  /** Kinds of identifiers seen, for the agent ("customer", "order"...). */
  identifierTypes: string[];
  /** The customer said other channels failed: answer first, link what they already sent. */
  channelFailure: boolean;
  contacts: CaseContact[];
}

/** The file's content. */
export interface CrmFile {
  cases: CrmCase[];
}

/** Options of {@link startCrmWebhook}. */
export interface CrmWebhookOptions {
  appSecret: string;
  verifyToken?: string;
  casesFile: string;
  port?: number;
  host?: string;
  brand?: string[];
  openAt?: Priority[];
  salt?: string;
}

/** A running endpoint. */
export interface CrmWebhook {
  url: string;
  server: Server;
  monitor: Monitor;
  /** Stop accepting, finish what was received, write the file. */
  close(): Promise<void>;
}

const RANK: Record<Priority, number> = { P1: 1, P2: 2, P3: 3, P4: 4 };

async function load(path: string): Promise<CrmFile> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as CrmFile;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { cases: [] };
    throw e;
  }
}

/** Write to a temporary file and rename: a crash never leaves half a file. */
async function save(path: string, crm: CrmFile): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(crm, null, 2)}\n`);
  await rename(tmp, path);
}

/**
 * Start the endpoint: `node:http` server, webhook receiver, monitor, and the case logic.
 *
 * @example
 * ```ts
 * const crm = await startCrmWebhook({ appSecret: 's3cret', casesFile: 'cases.json', port: 0 });
 * console.log(crm.url); // http://127.0.0.1:54321/
 * await crm.close();
 * ```
 */
export async function startCrmWebhook(options: CrmWebhookOptions): Promise<CrmWebhook> {
  const openAt = new Set<Priority>(options.openAt ?? ['P1', 'P2']);
  const salt = options.salt ?? 'webcare-crm-example';
  const keyOf = (type: string, normalized: string) =>
    createHash('sha256').update(`${salt}:${type}:${normalized}`).digest('hex').slice(0, 24);
  const crm = await load(options.casesFile);

  const hook = webhook({
    appSecret: options.appSecret,
    ...(options.verifyToken !== undefined ? { verifyToken: options.verifyToken } : {}),
  });
  const brand = options.brand ?? [];
  const monitor = createMonitor({
    sources: [hook],
    config: { brand: { names: brand, handles: brand.map((b) => b.toLowerCase()) } },
  });

  // Listeners run concurrently; one queue keeps read-modify-write of the file in order.
  let writes: Promise<void> = Promise.resolve();
  const inOrder = (job: () => Promise<void>) => {
    const next = writes.then(job);
    writes = next.catch(() => undefined);
    return next;
  };

  const handle = async (a: Assessment, meta: MentionMeta): Promise<void> => {
    const m = a.mention;
    const platform = m.source ?? meta.source;
    const author = m.author?.id ?? m.author?.handle;
    const authorKey = author === undefined ? undefined : `${platform}:${author}`;
    const keys = a.identifiers.map((id) => keyOf(id.type, id.normalized));
    const open = crm.cases.filter((c) => c.status === 'open');
    let target = authorKey === undefined ? undefined : open.find((c) => c.authors.includes(authorKey));
    let linkedBy: CaseContact['linkedBy'] = 'author';
    if (target === undefined && keys.length > 0) {
      target = open.find((c) => c.identifierKeys.some((k) => keys.includes(k)));
      linkedBy = 'identifier';
    }
    if (target === undefined && !openAt.has(a.priority)) return; // nothing to open or link

    const now = new Date(meta.receivedAt).toISOString();
    if (target === undefined) {
      target = {
        id: `CASE-${String(crm.cases.length + 1).padStart(5, '0')}`,
        status: 'open',
        priority: a.priority,
        openedAt: now,
        updatedAt: now,
        authors: [],
        identifierKeys: [],
        identifierTypes: [],
        channelFailure: false,
        contacts: [],
      };
      crm.cases.push(target);
      linkedBy = 'opened';
    }
    if (authorKey !== undefined && !target.authors.includes(authorKey)) target.authors.push(authorKey);
    for (const k of keys) if (!target.identifierKeys.includes(k)) target.identifierKeys.push(k);
    for (const id of a.identifiers) if (!target.identifierTypes.includes(id.type)) target.identifierTypes.push(id.type);
    if (a.channelFailure.detected) target.channelFailure = true;
    if (RANK[a.priority] < RANK[target.priority]) target.priority = a.priority;
    target.updatedAt = now;
    const contact: CaseContact = {
      at: now,
      source: platform,
      priority: a.priority,
      text: redact(m.text, { barePostcodes: true }),
      // What the customer says they tried first, then the largest contributions.
      reasons: [
        ...a.reasons.filter((r) => r.code === 'channel-failure'),
        ...a.reasons
          .filter((r) => r.weight !== 0)
          .sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight))
          .slice(0, 3),
      ].map((r) => redact(r.message, { barePostcodes: true })),
      replyAdvice: a.replyAdvice,
      respondWithinMinutes: a.respondWithinMinutes,
      linkedBy,
    };
    if (m.id !== undefined) contact.mentionId = m.id;
    target.contacts.push(contact);
    await save(options.casesFile, crm);
  };
  monitor.on('mention', (a, meta) => inOrder(() => handle(a, meta)));
  monitor.on('error', (e) => {
    // Under load this would go to your logger; the message carries no mention text.
    process.stderr.write(`crm-webhook: ${e.phase} ${e.error.code}: ${e.error.message}\n`);
  });

  const server = createServer(hook.handler);
  await new Promise<void>((resolve) => server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', resolve));
  await monitor.start();
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}/`,
    server,
    monitor,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await monitor.stop();
      await writes;
    },
  };
}

// Run from the command line.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const appSecret = process.env.WEBCARE_APP_SECRET;
  if (appSecret === undefined || appSecret === '') {
    process.stderr.write('crm-webhook: set WEBCARE_APP_SECRET (the Meta app secret)\n');
    process.exit(2);
  }
  const list = (v: string | undefined) => (v ?? '').split(',').filter((s) => s !== '');
  const crm = await startCrmWebhook({
    appSecret,
    casesFile: process.env.CASES_FILE ?? 'cases.json',
    port: Number(process.env.PORT ?? 8080),
    host: process.env.HOST ?? '127.0.0.1',
    brand: list(process.env.BRAND),
    ...(process.env.WEBCARE_VERIFY_TOKEN !== undefined ? { verifyToken: process.env.WEBCARE_VERIFY_TOKEN } : {}),
    ...(process.env.OPEN_AT !== undefined ? { openAt: list(process.env.OPEN_AT) as Priority[] } : {}),
    ...(process.env.CRM_SALT !== undefined ? { salt: process.env.CRM_SALT } : {}),
  });
  process.stdout.write(`crm-webhook: listening on ${crm.url}\n`);
  const stop = () => {
    void crm.close().then(() => {
      const s = crm.monitor.stats();
      process.stdout.write(`crm-webhook: stopped after ${s.assessed} mentions\n`);
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
