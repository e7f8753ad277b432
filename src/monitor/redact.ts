/**
 * PII masking for what a monitor emits when `redactPII` is on. The mention text and every reason
 * message go through `redact()` (all identifier kinds, bare postcodes included: a monitor's
 * output is for logs and queues, not for locating outages); the values the scorer found are
 * masked wherever they still occur; the identifiers keep their type and position but not their
 * value; the raw platform payload (which holds the same text) is dropped; errors lose the record
 * and their cause (a parser's message can quote the input) and have their message masked.
 * The author's name and handle are kept: a CRM needs them to link the contact.
 * @module
 */
import { WebcareError, type WebcareErrorOptions } from '../errors.js';
import { redact } from '../redact.js';
import type { Assessment, Identifier, Mention } from '../types.js';

/**
 * A host's own text redactor (a DLP service, names from its CRM), applied after `redact()`.
 *
 * @example
 * ```ts
 * import { createMonitor, type Source, type TextRedactor } from 'webcare';
 *
 * declare const sources: Source[];
 * const names: TextRedactor = (text) => text.replaceAll('Jan de Vries', '[name]');
 * createMonitor({ sources, redactPII: names });
 * ```
 */
export type TextRedactor = (text: string) => string;

function maskValues(text: string, identifiers: readonly Identifier[]): string {
  // Longest values first, so a number inside a longer identifier is not half-masked.
  const values = [...identifiers].sort((a, b) => b.value.length - a.value.length);
  let out = text;
  for (const id of values) {
    if (id.value.length < 4) continue;
    if (out.includes(id.value)) out = out.split(id.value).join(`[${id.type}]`);
  }
  return out;
}

/**
 * Mask a text the way the monitor does: `redact()` with every kind, then the given identifier
 * values, then the host's redactor.
 *
 * @example
 * ```ts
 * redactText('bel 06-12345678, postcode 1234 AB'); // 'bel [phone], postcode [postcode]'
 * ```
 */
export function redactText(text: string, identifiers: readonly Identifier[] = [], redactor?: TextRedactor): string {
  const masked = maskValues(redact(text, { barePostcodes: true }), identifiers);
  return redactor === undefined ? masked : redactor(masked);
}

/**
 * A copy of a mention with personal data masked in its text, and without the raw payload.
 *
 * @example
 * ```ts
 * redactMention({ text: 'mail jan@example.nl' }).text; // 'mail [email]'
 * ```
 */
export function redactMention(m: Mention, identifiers: readonly Identifier[] = [], redactor?: TextRedactor): Mention {
  const out = { ...m, text: redactText(m.text, identifiers, redactor) };
  delete out.raw;
  return out;
}

/**
 * A copy of an assessment with personal data masked in the mention text, the identifier values
 * and the reasons' messages, and without the raw payload.
 *
 * @example
 * ```ts
 * const safe = redactAssessment(scoreMention('mail me: jan@example.nl'));
 * safe.mention.text; // 'mail me: [email]'
 * safe.identifiers[0]?.value; // '[email]'
 * ```
 */
export function redactAssessment(a: Assessment, redactor?: TextRedactor): Assessment {
  const mask = (s: string) => redactText(s, a.identifiers, redactor);
  return {
    ...a,
    mention: redactMention(a.mention, a.identifiers, redactor),
    identifiers: a.identifiers.map((id) => ({ ...id, value: `[${id.type}]`, normalized: `[${id.type}]` })),
    reasons: a.reasons.map((r) => {
      const out = { ...r, message: mask(r.message) };
      const detail = (r as { detail?: unknown }).detail;
      if (typeof detail === 'string') (out as { detail?: string }).detail = mask(detail);
      return out;
    }),
  };
}

/**
 * A copy of an error safe to emit: the message masked, no `cause` (a JSON parser's message
 * quotes the input it choked on), the structured fields kept.
 *
 * @example
 * ```ts
 * redactError(new WebcareError('INVALID_MENTION', 'bad record from jan@example.nl')).message;
 * // 'bad record from [email]'
 * ```
 */
export function redactError(e: WebcareError, redactor?: TextRedactor): WebcareError {
  const options: WebcareErrorOptions = {};
  if (e.field !== undefined) options.field = redactText(e.field, [], redactor);
  if (e.expected !== undefined) options.expected = e.expected;
  if (e.received !== undefined) options.received = redactText(e.received, [], redactor);
  if (e.retryAfterMs !== undefined) options.retryAfterMs = e.retryAfterMs;
  return new WebcareError(e.code, redactText(e.message, [], redactor), options);
}
